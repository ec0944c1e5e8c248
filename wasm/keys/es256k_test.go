package keys_test

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"os"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// nodeK1 is a secp256k1 key and token made by node's crypto (OpenSSL),
// by scripts/interop/es256k.mjs.
type nodeK1 struct {
	Token          string          `json:"token"`
	Kid            string          `json:"kid"`
	PublicPem      string          `json:"publicPem"`
	PrivatePem     string          `json:"privatePem"`
	PrivatePemSec1 string          `json:"privatePemSec1"`
	PublicJwk      json.RawMessage `json:"publicJwk"`
	PrivateJwk     json.RawMessage `json:"privateJwk"`
}

func readNodeK1(t *testing.T) nodeK1 {
	t.Helper()
	b, err := os.ReadFile("../token/testdata/es256k-node-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []nodeK1
	if err := json.Unmarshal(b, &vs); err != nil || len(vs) != 1 {
		t.Fatalf("want one vector: %v", err)
	}
	return vs[0]
}

// TestES256KNodeKeys reads node's secp256k1 key in every form it writes,
// and writes it back as node does: the same SPKI, the same thumbprint.
func TestES256KNodeKeys(t *testing.T) {
	v := readNodeK1(t)
	pub := parseOne(t, string(v.PublicJwk))
	for form, text := range map[string]string{
		"SPKI PEM": v.PublicPem, "PKCS #8 PEM": v.PrivatePem, "SEC 1 PEM": v.PrivatePemSec1,
		"public JWK": string(v.PublicJwk), "private JWK": string(v.PrivateJwk),
		"SPKI, compressed point": compressedSPKI(t, v.PublicPem),
	} {
		t.Run(form, func(t *testing.T) {
			k := parseOne(t, text)
			if k.Type != "EC" || !publicEqual(k.Public, pub.Public) {
				t.Fatalf("read as %s %v, want node's secp256k1 key", k.Type, k.Public)
			}
			wantPrivate := strings.Contains(form, "private") || strings.Contains(form, "PKCS") || strings.Contains(form, "SEC")
			if (k.Private != nil) != wantPrivate {
				t.Errorf("private = %v, want %v", k.Private != nil, wantPrivate)
			}
			ins, err := keys.Inspect(text, "")
			if err != nil {
				t.Fatal(err)
			}
			if ins.Curve != "secp256k1" || ins.Bits != 256 || strings.Join(ins.Algs, ",") != "ES256K" || ins.Thumbprint != v.Kid {
				t.Errorf("Inspect = curve %q bits %d algs %q thumbprint %q; want secp256k1, 256, ES256K and node's %q", ins.Curve, ins.Bits, ins.Algs, ins.Thumbprint, v.Kid)
			}
			if ins.PublicKeyPEM != v.PublicPem {
				t.Errorf("public PEM =\n%s\nwant node's\n%s", ins.PublicKeyPEM, v.PublicPem)
			}
			if wantPrivate {
				back := parseOne(t, ins.PrivateKeyPEM)
				if back.Private == nil || !publicEqual(back.Public, pub.Public) {
					t.Errorf("the private PEM written here does not read back as the key")
				}
			}
		})
	}
}

// compressedSPKI rewrites an SPKI PEM with its point compressed (02 or 03
// ‖ x), a form SEC 1 allows and OpenSSL reads.
func compressedSPKI(t *testing.T, text string) string {
	t.Helper()
	b, _ := pem.Decode([]byte(text))
	var s struct {
		Algo pkix.AlgorithmIdentifier
		Key  asn1.BitString
	}
	if _, err := asn1.Unmarshal(b.Bytes, &s); err != nil {
		t.Fatal(err)
	}
	point := append([]byte{2 | s.Key.Bytes[64]&1}, s.Key.Bytes[1:33]...)
	s.Key = asn1.BitString{Bytes: point, BitLength: 8 * len(point)}
	der, err := asn1.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return pemText("PUBLIC KEY", der)
}

// TestES256KConfusion checks that a secp256k1 key serves ES256K only, that
// no other key serves ES256K, and that bad secp256k1 keys are refused.
func TestES256KConfusion(t *testing.T) {
	v := readNodeK1(t)
	k := newKeys(t)
	var priv map[string]any
	json.Unmarshal(v.PrivateJwk, &priv)
	n := "_____________________rqu3OavSKA7v9JejNA2QUE" // the order N
	tests := []struct {
		name, alg, key string
		code           jwterr.Code
		want           string
	}{
		{"P-256 for ES256K", "ES256K", pkixPEM(t, &k.p256.PublicKey), jwterr.KeyMismatch, "ES256K needs an EC key on curve secp256k1, but the key is on P-256"},
		{"secp256k1 for ES256", "ES256", v.PublicPem, jwterr.KeyMismatch, "ES256 needs an EC key on curve P-256, but the key is on secp256k1"},
		{"secp256k1 JWK as an HMAC secret", "HS256", string(v.PublicJwk), jwterr.KeyMismatch, "algorithm-confusion"},
		{"secp256k1 PEM as an HMAC secret", "HS256", v.PublicPem, jwterr.KeyMismatch, "algorithm-confusion"},
		{"secp256k1 for ML-DSA-44", "ML-DSA-44", v.PublicPem, jwterr.KeyMismatch, "the key is an EC secp256k1 public key"},
		{"d of zero", "ES256K", jsonText(t, with(priv, "d", b64(make([]byte, 32)))), jwterr.KeyInvalid, "not between 1 and the curve's order"},
		{"d equal to the order", "ES256K", jsonText(t, with(priv, "d", n)), jwterr.KeyInvalid, "not between 1 and the curve's order"},
		{"d of another key", "ES256K", jsonText(t, with(priv, "d", b64(append(make([]byte, 31), 7)))), jwterr.KeyInvalid, `"d" does not match its public x and y`},
		{"x off the curve", "ES256K", jsonText(t, with(priv, "x", b64(append(make([]byte, 31), 7)))), jwterr.KeyInvalid, "not on the curve"},
		{"crv in upper case", "ES256K", jsonText(t, with(priv, "crv", "SECP256K1")), jwterr.KeyInvalid, `"crv" is "SECP256K1"`},
		{"crv P-256K", "ES256K", jsonText(t, with(priv, "crv", "P-256K")), jwterr.KeyInvalid, `"crv" is "P-256K"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alg, _ := keys.Lookup(tt.alg)
			set, err := keys.Parse(tt.key, "")
			if err == nil {
				_, err = set.Select(alg, "", keys.Verify)
			}
			if err == nil {
				t.Fatal("the key was accepted")
			}
			if e := asError(t, err); e.Code != tt.code || !strings.Contains(e.Message, tt.want) {
				t.Errorf("error %s %q, want %s containing %q", e.Code, e.Message, tt.code, tt.want)
			}
		})
	}
}

// TestES256KBadDER refuses secp256k1 DER that is not exactly a key.
func TestES256KBadDER(t *testing.T) {
	v := readNodeK1(t)
	b, _ := pem.Decode([]byte(v.PrivatePemSec1))
	var s struct {
		Version   int
		D         []byte
		Curve     asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
		PublicKey asn1.BitString        `asn1:"optional,explicit,tag:1"`
	}
	if _, err := asn1.Unmarshal(b.Bytes, &s); err != nil {
		t.Fatal(err)
	}
	s.PublicKey.Bytes[64] ^= 1 // another point, not on the curve
	der, _ := asn1.Marshal(s)
	_, err := keys.Parse(pemText("EC PRIVATE KEY", der), "")
	checkError(t, err, jwterr.KeyInvalid, jwterr.PartKey, noOffset, "public key is not its own")
}

// TestGenerateNewAlgorithms generates keys for ES256K and ML-DSA, which
// sign what they then verify, in every form they are written in.
func TestGenerateNewAlgorithms(t *testing.T) {
	for _, name := range []string{"ES256K", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"} {
		t.Run(name, func(t *testing.T) {
			g, err := keys.Generate(name, 0)
			if err != nil {
				t.Fatal(err)
			}
			alg, _ := keys.Lookup(name)
			signer := parseOne(t, g.PrivateKeyPEM)
			sig, err := jwt.GetSigningMethod(name).Sign("a.b", signer.SigningKey(alg))
			if err != nil {
				t.Fatal(err)
			}
			for form, text := range map[string]string{"public PEM": g.PublicKeyPEM, "public JWK": string(g.PublicJWK), "private JWK": string(g.PrivateJWK)} {
				k := parseOne(t, text)
				if tp, _ := k.Thumbprint(); tp != g.Kid || k.Kid != "" && k.Kid != g.Kid {
					t.Errorf("%s: thumbprint %q, kid %q; want %q", form, tp, k.Kid, g.Kid)
				}
				if err := jwt.GetSigningMethod(name).Verify("a.b", sig, k.VerifyingKey(alg)); err != nil {
					t.Errorf("%s: the signature does not verify: %v", form, err)
				}
				if err := jwt.GetSigningMethod(name).Verify("a.c", sig, k.VerifyingKey(alg)); err == nil {
					t.Errorf("%s: the signature verifies another input", form)
				}
			}
		})
	}
}
