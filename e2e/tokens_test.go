package e2e

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// testSecret is the HMAC secret of the tests. It is long enough for any
// minimum-length rule of HS256, so the tests only see the state they mean.
const testSecret = "e2e-secret-that-is-long-enough-for-hs256!"

// b64url is the unpadded base64url of JWS and JWK.
var b64url = base64.RawURLEncoding

// hs256 builds a token from the exact header and payload JSON given and signs
// it with secret. Tests that care about the bytes of the token (key order,
// odd claims, alg variants) use it instead of golang-jwt, which re-encodes.
func hs256(header, payload string, secret []byte) string {
	signingInput := b64url.EncodeToString([]byte(header)) + "." + b64url.EncodeToString([]byte(payload))
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(signingInput))
	return signingInput + "." + b64url.EncodeToString(mac.Sum(nil))
}

// unsigned builds an unsecured token (empty signature) from raw JSON.
func unsigned(header, payload string) string {
	return b64url.EncodeToString([]byte(header)) + "." + b64url.EncodeToString([]byte(payload)) + "."
}

// sign signs claims with golang-jwt, the reference implementation of the
// tests.
func sign(t testing.TB, method jwt.SigningMethod, claims jwt.MapClaims, key any) string {
	t.Helper()
	tok, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign %s token: %v", method.Alg(), err)
	}
	return tok
}

// verify checks a token that the page produced with golang-jwt, allowing only
// alg, and returns its header and claims.
func verify(t testing.TB, token, alg string, key any) (map[string]any, jwt.MapClaims) {
	t.Helper()
	claims := jwt.MapClaims{}
	parsed, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{alg}))
	if err != nil {
		t.Fatalf("the token from the page does not verify with golang-jwt (%s): %v\ntoken: %s", alg, err, token)
	}
	return parsed.Header, claims
}

// jsonObject parses a JSON object, keeping numbers exact, so that what the
// page shows can be compared with what the test signed.
func jsonObject(s string) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, fmt.Errorf("text after the JSON object")
	}
	return m, nil
}

// mustJSONObject is jsonObject of a value that the test itself made.
func mustJSONObject(t testing.TB, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	m, err := jsonObject(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// segment returns the decoded JSON of segment i (0 header, 1 payload) of a
// token.
func segment(t testing.TB, token string, i int) map[string]any {
	t.Helper()
	parts := bytes.Split([]byte(token), []byte("."))
	if len(parts) != 3 {
		t.Fatalf("token has %d segments: %s", len(parts), token)
	}
	raw, err := b64url.DecodeString(string(parts[i]))
	if err != nil {
		t.Fatalf("segment %d of %s: %v", i, token, err)
	}
	m, err := jsonObject(string(raw))
	if err != nil {
		t.Fatalf("segment %d of %s: %v", i, token, err)
	}
	return m
}

// keyPair is an asymmetric key with the forms the key box takes.
type keyPair struct {
	alg       string // the JWS alg the test signs with
	method    jwt.SigningMethod
	private   crypto.Signer
	public    crypto.PublicKey
	publicPEM string // PKIX "PUBLIC KEY"
	jwk       string // the public JWK, written by hand
	// otherPublicPEM is a public key of the same type that did not sign.
	otherPublicPEM string
}

// privatePEM returns the PKCS#8 "PRIVATE KEY" PEM of the pair.
func (k keyPair) privatePEM(t testing.TB) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k.private)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// jwks wraps the public JWK in a key set.
func (k keyPair) jwks() string { return `{"keys":[` + k.jwk + `]}` }

// keys makes the key pairs once per run: RSA 2048 takes a while, and RS256
// and PS256 share one.
var keys = sync.OnceValues(func() (map[string]keyPair, error) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	otherRSA, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	otherEC, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	otherEd, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}

	out := map[string]keyPair{}
	add := func(alg string, method jwt.SigningMethod, priv crypto.Signer, other crypto.PublicKey) error {
		pubPEM, err := publicPEM(priv.Public())
		if err != nil {
			return err
		}
		otherPEM, err := publicPEM(other)
		if err != nil {
			return err
		}
		jwk, err := publicJWK(priv.Public())
		if err != nil {
			return err
		}
		out[alg] = keyPair{alg: alg, method: method, private: priv, public: priv.Public(),
			publicPEM: pubPEM, jwk: jwk, otherPublicPEM: otherPEM}
		return nil
	}
	for _, err := range []error{
		add("RS256", jwt.SigningMethodRS256, rsaKey, otherRSA.Public()),
		add("PS256", jwt.SigningMethodPS256, rsaKey, otherRSA.Public()),
		add("ES256", jwt.SigningMethodES256, ecKey, otherEC.Public()),
		add("EdDSA", jwt.SigningMethodEdDSA, edKey, otherEd),
	} {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
})

// testKey returns the key pair for alg.
func testKey(t testing.TB, alg string) keyPair {
	t.Helper()
	all, err := keys()
	if err != nil {
		t.Fatalf("generate keys: %v", err)
	}
	k, ok := all[alg]
	if !ok {
		t.Fatalf("no test key for %s", alg)
	}
	return k
}

// publicPEM encodes a public key as PKIX "PUBLIC KEY" PEM.
func publicPEM(pub crypto.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

// publicJWK writes the public JWK by hand (RFC 7517, 7518, 8037), so that
// the test does not share a JWK encoder with the app.
func publicJWK(pub crypto.PublicKey) (string, error) {
	var m map[string]string
	switch pub := pub.(type) {
	case *rsa.PublicKey:
		m = map[string]string{
			"kty": "RSA",
			"n":   b64url.EncodeToString(pub.N.Bytes()),
			"e":   b64url.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		}
	case *ecdsa.PublicKey:
		// Bytes is 0x04 || X || Y with each coordinate padded to 32 bytes,
		// as RFC 7518 wants for x and y.
		raw, err := pub.Bytes()
		if err != nil {
			return "", err
		}
		if len(raw) != 65 {
			return "", fmt.Errorf("P-256 point has %d bytes", len(raw))
		}
		m = map[string]string{
			"kty": "EC",
			"crv": "P-256",
			"x":   b64url.EncodeToString(raw[1:33]),
			"y":   b64url.EncodeToString(raw[33:]),
		}
	case ed25519.PublicKey:
		m = map[string]string{"kty": "OKP", "crv": "Ed25519", "x": b64url.EncodeToString(pub)}
	default:
		return "", fmt.Errorf("no JWK for %T", pub)
	}
	b, err := json.Marshal(m)
	return string(b), err
}
