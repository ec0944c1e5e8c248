package token_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"filippo.io/mldsa"
	mldsax509 "filippo.io/mldsa/x509"

	"github.com/jwt-playground/jwt-playground/wasm/internal/secp256k1"
	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr/jwterrtest"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// now is the time the tests check claims at.
var now = time.Unix(1700000000, 0)

// hmacSecret is the HMAC secret of the tests, long enough for HS512.
const hmacSecret = "a-string-secret-at-least-512-bits-long-which-is-64-bytes-or-more"

var b64 = base64.RawURLEncoding.EncodeToString

// goKeys are the Go keys behind the tests' key texts.
type goKeys struct {
	rsa, rsa2        *rsa.PrivateKey
	p256, p384, p521 *ecdsa.PrivateKey
	p256b            *ecdsa.PrivateKey
	ed, ed2          ed25519.PrivateKey
	k1, k1b          *ecdsa.PrivateKey
	mldsa            map[string][2]*mldsa.PrivateKey
}

// testKeys returns the shared test keys under the names these tests use.
func testKeys(t testing.TB) *goKeys {
	t.Helper()
	k := testkeys.Get(t)
	return &goKeys{
		rsa: k.RSA, rsa2: k.RSA2, p256: k.P256, p256b: k.P256b, p384: k.P384, p521: k.P521,
		ed: k.Ed25519, ed2: k.Ed25519b, k1: k.K1, k1b: k.K1b,
		mldsa: k.MLDSA,
	}
}

// signer returns the private key for alg, and another of the same kind.
func (k *goKeys) signer(alg string) (crypto.Signer, crypto.Signer) {
	switch alg[:2] {
	case "RS", "PS":
		return k.rsa, k.rsa2
	case "ES":
		switch alg {
		case "ES384":
			return k.p384, nil
		case "ES512":
			return k.p521, nil
		case "ES256K":
			return k.k1, k.k1b
		}
		return k.p256, k.p256b
	case "Ed":
		return k.ed, k.ed2
	case "ML":
		return k.mldsa[alg][0], k.mldsa[alg][1]
	}
	return nil, nil
}

// sigSize is the length of a signature of each algorithm, in bytes.
var sigSize = map[string]int{
	"HS256": 32, "HS384": 48, "HS512": 64,
	"RS256": 256, "RS384": 256, "RS512": 256,
	"PS256": 256, "PS384": 256, "PS512": 256,
	"ES256": 64, "ES384": 96, "ES512": 132,
	"EdDSA": 64, "ES256K": 64,
	"ML-DSA-44": 2420, "ML-DSA-65": 3309, "ML-DSA-87": 4627,
}

func pemBlock(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func publicPEM(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	if ec, ok := pub.(*ecdsa.PublicKey); ok && ec.Curve == secp256k1.Curve() {
		return pemVia(t, jwk(t, pub), false)
	}
	der, err := mldsax509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatalf("MarshalPKIXPublicKey: %v", err)
	}
	return pemBlock("PUBLIC KEY", der)
}

func privatePEM(t testing.TB, priv crypto.Signer) string {
	t.Helper()
	if ec, ok := priv.(*ecdsa.PrivateKey); ok && ec.Curve == secp256k1.Curve() {
		return pemVia(t, jwk(t, priv), true)
	}
	der, err := mldsax509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatalf("MarshalPKCS8PrivateKey: %v", err)
	}
	return pemBlock("PRIVATE KEY", der)
}

// pemVia is the PEM keys.Inspect writes for a JWK: crypto/x509 has no
// secp256k1, and the node interop vectors check these forms against
// another implementation.
func pemVia(t testing.TB, j map[string]any, private bool) string {
	t.Helper()
	ins, err := keys.Inspect(jsonOf(t, j), "")
	if err != nil {
		t.Fatalf("keys.Inspect: %v", err)
	}
	if private {
		return ins.PrivateKeyPEM
	}
	return ins.PublicKeyPEM
}

// jwk returns the JWK of a Go public or private key, or of an HMAC secret
// given as []byte, with the extra members of kv (name, value pairs).
func jwk(t testing.TB, key any, kv ...string) map[string]any {
	t.Helper()
	var m map[string]any
	switch k := key.(type) {
	case []byte:
		m = map[string]any{"kty": "oct", "k": b64(k)}
	case *rsa.PublicKey:
		m = map[string]any{"kty": "RSA", "n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())}
	case *rsa.PrivateKey:
		m = jwk(t, &k.PublicKey)
		m["d"], m["p"], m["q"] = b64(k.D.Bytes()), b64(k.Primes[0].Bytes()), b64(k.Primes[1].Bytes())
	case *ecdsa.PublicKey:
		if k.Curve == secp256k1.Curve() {
			m = map[string]any{"kty": "EC", "crv": "secp256k1", "x": b64(k.X.FillBytes(make([]byte, 32))), "y": b64(k.Y.FillBytes(make([]byte, 32)))}
			break
		}
		point, err := k.Bytes()
		if err != nil {
			t.Fatalf("ecdsa.PublicKey.Bytes: %v", err)
		}
		n := (len(point) - 1) / 2
		m = map[string]any{"kty": "EC", "crv": k.Curve.Params().Name, "x": b64(point[1 : 1+n]), "y": b64(point[1+n:])}
	case *ecdsa.PrivateKey:
		m = jwk(t, &k.PublicKey)
		if k.Curve == secp256k1.Curve() {
			m["d"] = b64(k.D.FillBytes(make([]byte, 32)))
			break
		}
		d, err := k.Bytes()
		if err != nil {
			t.Fatalf("ecdsa.PrivateKey.Bytes: %v", err)
		}
		m["d"] = b64(d)
	case ed25519.PublicKey:
		m = map[string]any{"kty": "OKP", "crv": "Ed25519", "x": b64(k)}
	case ed25519.PrivateKey:
		m = jwk(t, k.Public())
		m["d"] = b64(k.Seed())
	case *mldsa.PublicKey:
		m = map[string]any{"kty": "AKP", "alg": k.Parameters().String(), "pub": b64(k.Bytes())}
	case *mldsa.PrivateKey:
		m = jwk(t, k.PublicKey())
		m["priv"] = b64(k.Bytes())
	default:
		t.Fatalf("jwk: unexpected key type %T", key)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return string(b)
}

func jwks(t testing.TB, ks ...map[string]any) string {
	t.Helper()
	return jsonOf(t, map[string]any{"keys": ks})
}

// keyText is a key as the key box holds it, with its secret encoding.
type keyText struct {
	name string
	text string
	enc  keys.Encoding
}

// signingKeys are ways to write the private key (or secret) for alg.
func signingKeys(t testing.TB, alg string) []keyText {
	t.Helper()
	k := testKeys(t)
	if strings.HasPrefix(alg, "HS") {
		return secretTexts([]byte(hmacSecret))
	}
	priv, _ := k.signer(alg)
	return []keyText{
		{"PKCS #8 PEM", privatePEM(t, priv), ""},
		{"private JWK", jsonOf(t, jwk(t, priv)), ""},
	}
}

// verifyingKeys are ways to write the public key (or secret) for alg.
func verifyingKeys(t testing.TB, alg string) []keyText {
	t.Helper()
	k := testKeys(t)
	if strings.HasPrefix(alg, "HS") {
		return secretTexts([]byte(hmacSecret))
	}
	priv, _ := k.signer(alg)
	return []keyText{
		{"PKIX PEM", publicPEM(t, priv.Public()), ""},
		{"public JWK", jsonOf(t, jwk(t, priv.Public())), ""},
		{"JWKS", jwks(t, jwk(t, priv.Public(), "kid", "k1")), ""},
		{"private PEM", privatePEM(t, priv), ""},
	}
}

// secretTexts are the encodings of an HMAC secret.
func secretTexts(secret []byte) []keyText {
	return []keyText{
		{"utf8", string(secret), keys.UTF8},
		{"base64", base64.StdEncoding.EncodeToString(secret), keys.Base64},
		{"base64url", b64(secret), keys.Base64URL},
		{"hex", hex.EncodeToString(secret), keys.Hex},
		{"oct JWK", `{"kty":"oct","k":"` + b64(secret) + `"}`, ""},
	}
}

// hs256 makes a token signed with hmacSecret from raw header and payload
// bytes, which need not be JSON.
func hs256(header, payload string) string {
	input := b64([]byte(header)) + "." + b64([]byte(payload))
	m := hmac.New(sha256.New, []byte(hmacSecret))
	m.Write([]byte(input))
	return input + "." + b64(m.Sum(nil))
}

// noOffset marks an error that must not carry an offset.
const noOffset = jwterrtest.NoOffset

// asError and checkError check the core's errors (package jwterrtest).
var (
	asError    = jwterrtest.As
	checkError = jwterrtest.Check
)

// errCodes lists the codes of errs, in order.
func errCodes(errs []*jwterr.Error) string {
	var cs []string
	for _, e := range errs {
		cs = append(cs, string(e.Code))
	}
	return strings.Join(cs, ",")
}

// warnCodes lists the codes of ws, in order.
func warnCodes(ws []token.Warning) string {
	var cs []string
	for _, w := range ws {
		cs = append(cs, w.Code)
	}
	return strings.Join(cs, ",")
}
