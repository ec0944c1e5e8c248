package keys_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"filippo.io/mldsa"
	mldsax509 "filippo.io/mldsa/x509"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr/jwterrtest"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// testKeys are the Go keys the tests turn into PEM and JWK text.
type testKeys struct {
	rsa, rsa2        *rsa.PrivateKey
	p256, p384, p521 *ecdsa.PrivateKey
	p256b            *ecdsa.PrivateKey
	ed, ed2          ed25519.PrivateKey
}

// newKeys returns the shared test keys under the names these tests use.
func newKeys(t testing.TB) *testKeys {
	t.Helper()
	k := testkeys.Get(t)
	return &testKeys{
		rsa: k.RSA, rsa2: k.RSA2, p256: k.P256, p256b: k.P256b, p384: k.P384, p521: k.P521,
		ed: k.Ed25519, ed2: k.Ed25519b,
	}
}

func pemText(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func pkixPEM(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	der, err := mldsax509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatalf("MarshalPKIXPublicKey: %v", err)
	}
	return pemText("PUBLIC KEY", der)
}

func pkcs8PEM(t testing.TB, priv crypto.Signer) string {
	t.Helper()
	der, err := mldsax509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatalf("MarshalPKCS8PrivateKey: %v", err)
	}
	return pemText("PRIVATE KEY", der)
}

func sec1PEM(t testing.TB, priv *ecdsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatalf("MarshalECPrivateKey: %v", err)
	}
	return pemText("EC PRIVATE KEY", der)
}

// curveOIDs are the named-curve OIDs of RFC 5480, as "EC PARAMETERS" holds them.
var curveOIDs = map[string]asn1.ObjectIdentifier{
	"P-256": {1, 2, 840, 10045, 3, 1, 7},
	"P-384": {1, 3, 132, 0, 34},
	"P-521": {1, 3, 132, 0, 35},
}

// ecParamsPEM is the block `openssl ecparam -genkey` writes before the key.
func ecParamsPEM(t testing.TB, c elliptic.Curve) string {
	t.Helper()
	der, err := asn1.Marshal(curveOIDs[c.Params().Name])
	if err != nil {
		t.Fatalf("asn1.Marshal: %v", err)
	}
	return pemText("EC PARAMETERS", der)
}

// certPEM is a self-signed certificate for priv's public key.
func certPEM(t testing.TB, priv crypto.Signer, cn string) string {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Unix(1700000000, 0),
		NotAfter:     time.Unix(1900000000, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, priv.Public(), priv)
	if err != nil {
		t.Fatalf("CreateCertificate: %v", err)
	}
	return pemText("CERTIFICATE", der)
}

var b64 = base64.RawURLEncoding.EncodeToString

// jwkOf returns the JWK members (RFC 7517, 7518, 8037) of a Go public or
// private key, or of an HMAC secret given as []byte.
func jwkOf(t testing.TB, key any) map[string]any {
	t.Helper()
	switch k := key.(type) {
	case []byte:
		return map[string]any{"kty": "oct", "k": b64(k)}
	case *rsa.PublicKey:
		return map[string]any{"kty": "RSA", "n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())}
	case *rsa.PrivateKey:
		m := jwkOf(t, &k.PublicKey)
		m["d"] = b64(k.D.Bytes())
		m["p"] = b64(k.Primes[0].Bytes())
		m["q"] = b64(k.Primes[1].Bytes())
		m["dp"] = b64(k.Precomputed.Dp.Bytes())
		m["dq"] = b64(k.Precomputed.Dq.Bytes())
		m["qi"] = b64(k.Precomputed.Qinv.Bytes())
		return m
	case *ecdsa.PublicKey:
		point, err := k.Bytes()
		if err != nil {
			t.Fatalf("ecdsa.PublicKey.Bytes: %v", err)
		}
		size := (len(point) - 1) / 2
		return map[string]any{"kty": "EC", "crv": k.Curve.Params().Name, "x": b64(point[1 : 1+size]), "y": b64(point[1+size:])}
	case *ecdsa.PrivateKey:
		m := jwkOf(t, &k.PublicKey)
		d, err := k.Bytes()
		if err != nil {
			t.Fatalf("ecdsa.PrivateKey.Bytes: %v", err)
		}
		m["d"] = b64(d)
		return m
	case ed25519.PublicKey:
		return map[string]any{"kty": "OKP", "crv": "Ed25519", "x": b64(k)}
	case ed25519.PrivateKey:
		m := jwkOf(t, k.Public())
		m["d"] = b64(k.Seed())
		return m
	case *mldsa.PublicKey:
		return map[string]any{"kty": "AKP", "alg": k.Parameters().String(), "pub": b64(k.Bytes())}
	case *mldsa.PrivateKey:
		m := jwkOf(t, k.PublicKey())
		m["priv"] = b64(k.Bytes())
		return m
	}
	t.Fatalf("jwkOf: unexpected key type %T", key)
	return nil
}

// with returns a copy of m with the members of kv (name, value pairs) set;
// a nil value deletes the member.
func with(m map[string]any, kv ...any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(c, kv[i].(string))
		} else {
			c[kv[i].(string)] = kv[i+1]
		}
	}
	return c
}

func jsonText(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return string(b)
}

func jwksText(t testing.TB, ks ...any) string {
	t.Helper()
	return jsonText(t, map[string]any{"keys": ks})
}

// noOffset marks an error that must not carry an offset.
const noOffset = jwterrtest.NoOffset

// asError and checkError check the core's errors (package jwterrtest).
var (
	asError    = jwterrtest.As
	checkError = jwterrtest.Check
)

// publicEqual reports whether two public keys are the same key.
func publicEqual(a, b crypto.PublicKey) bool {
	e, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && e.Equal(b)
}

// parseOne parses text that must hold exactly one key.
func parseOne(t testing.TB, text string) *keys.Key {
	t.Helper()
	set, err := keys.Parse(text, "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(set.Keys) != 1 {
		t.Fatalf("Parse gave %d keys, want 1", len(set.Keys))
	}
	return set.Keys[0]
}

func lookup(t testing.TB, name string) keys.Algorithm {
	t.Helper()
	a, ok := keys.Lookup(name)
	if !ok {
		t.Fatalf("Lookup(%q) failed", name)
	}
	return a
}

// smallRSA makes an RSA key of the given size, under 1024 bits too.
var smallRSA = testkeys.SmallRSA
