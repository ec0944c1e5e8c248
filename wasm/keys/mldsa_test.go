package keys_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// draftExample is one of draft-ietf-cose-dilithium's JOSE examples
// (examples/jose/examples in its repository): the all-zero seed, the JWK
// made from it, with its thumbprint as kid, and a JWS.
type draftExample struct {
	JWK struct {
		Kid, Kty, Alg, Pub, Priv string
	} `json:"jwk"`
	JWS string `json:"jws"`
}

func readDraftExample(t *testing.T, n int) (draftExample, string) {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("testdata/draft-ietf-cose-dilithium-ML_DSA_%d.jose.json", n))
	if err != nil {
		t.Fatal(err)
	}
	var ex draftExample
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		JWK json.RawMessage `json:"jwk"`
	}
	json.Unmarshal(b, &raw)
	return ex, string(raw.JWK)
}

// TestMLDSADraftExamples reads the draft's keys: the public key the
// all-zero seed gives is FIPS 204 key generation's known answer, the kid is
// the AKP thumbprint of the draft's section 6, and the JWS verifies.
func TestMLDSADraftExamples(t *testing.T) {
	for _, n := range []int{44, 65, 87} {
		t.Run(fmt.Sprintf("ML-DSA-%d", n), func(t *testing.T) {
			ex, text := readDraftExample(t, n)
			k := parseOne(t, text)
			if k.Type != "AKP" || k.Private == nil || k.Alg != ex.JWK.Alg {
				t.Fatalf("key = %s %q private %v, want a private AKP key for %s", k.Type, k.Alg, k.Private != nil, ex.JWK.Alg)
			}
			tp, err := k.Thumbprint()
			if err != nil || tp != ex.JWK.Kid {
				t.Errorf("Thumbprint = %q, %v; want the draft's kid %q", tp, err, ex.JWK.Kid)
			}
			// The public key made from the seed alone is the draft's.
			seedOnly := parseOne(t, `{"kty":"AKP","alg":"`+ex.JWK.Alg+`","pub":"`+ex.JWK.Pub+`","priv":"`+ex.JWK.Priv+`"}`)
			pub, err := seedOnly.JWK(false)
			if err != nil || !strings.Contains(string(pub), `"pub":"`+ex.JWK.Pub+`"`) || strings.Contains(string(pub), "priv") {
				t.Errorf("public JWK = %s, %v; want the draft's pub and no priv", pub, err)
			}
			alg, _ := keys.Lookup(ex.JWK.Alg)
			ks, err := parseSet(t, text).Select(alg, ex.JWK.Kid, keys.Verify)
			if err != nil {
				t.Fatal(err)
			}
			parts := strings.Split(ex.JWS, ".")
			sig, _ := keys.DecodeSecret(parts[2], keys.Base64URL)
			m := jwt.GetSigningMethod(alg.Name)
			if err := m.Verify(parts[0]+"."+parts[1], sig, ks[0].VerifyingKey(alg)); err != nil {
				t.Errorf("the draft's JWS does not verify: %v", err)
			}
			sig[len(sig)/2] ^= 1
			if err := m.Verify(parts[0]+"."+parts[1], sig, ks[0].VerifyingKey(alg)); err == nil {
				t.Errorf("the draft's JWS verifies with a changed signature")
			}
		})
	}
}

func parseSet(t testing.TB, text string) *keys.Set {
	t.Helper()
	set, err := keys.Parse(text, "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return set
}

// TestAKPExact checks that an AKP JWK is read one way only, and as the
// draft requires: "alg" is required and fixes the parameter set.
func TestAKPExact(t *testing.T) {
	_, text := readDraftExample(t, 44)
	var base map[string]any
	json.Unmarshal([]byte(text), &base)
	ex65, _ := readDraftExample(t, 65)
	tests := []struct {
		name string
		jwk  map[string]any
		code jwterr.Code
		want string
	}{
		{"no alg", with(base, "alg", nil), jwterr.KeyInvalid, `no "alg" member`},
		{"alg of another kind", with(base, "alg", "ES256"), jwterr.KeyInvalid, `"alg" is "ES256": only ML-DSA-44`},
		{"alg in lower case", with(base, "alg", "ml-dsa-44"), jwterr.KeyInvalid, `"alg" is "ml-dsa-44"`},
		{"pub of another parameter set", with(base, "pub", ex65.JWK.Pub), jwterr.KeyInvalid, `"pub" must be 1312 bytes, not 1952`},
		{"no pub", with(base, "pub", nil), jwterr.KeyInvalid, `no "pub" member`},
		{"pub not base64url", with(base, "pub", "a+b/"), jwterr.KeyInvalid, `"pub" is not base64url`},
		{"priv of another key", with(base, "priv", b64(make([]byte, 31))+"E"), jwterr.KeyInvalid, `"priv" does not match its public "pub"`},
		{"priv not a seed", with(base, "priv", b64(make([]byte, 64))), jwterr.KeyInvalid, `must be the 32-byte seed, not 64 bytes`},
		{"pub a number", with(base, "pub", 1), jwterr.BadJSON, `"pub" must be a string`},
		{"a case variant of pub", with(base, "PUB", "x"), jwterr.KeyInvalid, `member names are case-sensitive`},
		{"a case variant of priv", with(base, "Priv", "x"), jwterr.KeyInvalid, `member names are case-sensitive`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := keys.Parse(jsonText(t, tt.jwk), "")
			if err == nil {
				t.Fatal("Parse accepted it")
			}
			if e := asError(t, err); e.Code != tt.code || !strings.Contains(e.Message, tt.want) {
				t.Errorf("error %s %q, want %s containing %q", e.Code, e.Message, tt.code, tt.want)
			}
		})
	}
	dup := strings.Replace(text, `"pub":`, `"pub":"AAAA","pub":`, 1)
	if _, err := keys.Parse(dup, ""); err == nil || !strings.Contains(err.Error(), `"pub" twice`) {
		t.Errorf("a duplicate pub: %v, want it refused", err)
	}
}

// TestAKPConfusion checks that an AKP key serves its own algorithm only,
// and that no other key serves an ML-DSA algorithm.
func TestAKPConfusion(t *testing.T) {
	k := newKeys(t)
	ml := testkeys.Get(t).MLDSA
	akp44 := jsonText(t, jwkOf(t, ml["ML-DSA-44"][0].PublicKey()))
	akp44PEM := pkixPEM(t, ml["ML-DSA-44"][0].PublicKey())
	tests := []struct {
		name, alg, key string
		code           jwterr.Code
		want           string
	}{
		{"ML-DSA-44 JWK for ML-DSA-65", "ML-DSA-65", akp44, jwterr.KeyMismatch, "ML-DSA-65 needs an ML-DSA-65 key"},
		{"ML-DSA-44 PEM for ML-DSA-87", "ML-DSA-87", akp44PEM, jwterr.KeyMismatch, "the key is an ML-DSA-44 public key"},
		{"ML-DSA-44 JWK for EdDSA", "EdDSA", akp44, jwterr.KeyMismatch, "EdDSA needs an Ed25519 key"},
		{"ML-DSA-44 JWK for ES256", "ES256", akp44, jwterr.KeyMismatch, "ES256 needs an EC key"},
		{"ML-DSA-44 JWK as an HMAC secret", "HS256", akp44, jwterr.KeyMismatch, "algorithm-confusion"},
		{"ML-DSA-44 PEM as an HMAC secret", "HS256", akp44PEM, jwterr.KeyMismatch, "algorithm-confusion"},
		{"Ed25519 for ML-DSA-44", "ML-DSA-44", pkixPEM(t, k.ed.Public()), jwterr.KeyMismatch, "ML-DSA-44 needs an ML-DSA-44 key"},
		{"RSA for ML-DSA-44", "ML-DSA-44", pkixPEM(t, &k.rsa.PublicKey), jwterr.KeyMismatch, "the key is an RSA public key"},
		{"an AKP JWK whose alg is another set", "ML-DSA-65", strings.Replace(akp44, `"alg":"ML-DSA-44"`, `"alg":"ML-DSA-65"`, 1), jwterr.KeyInvalid, `"pub" must be 1952 bytes`},
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

// TestMLDSAForms reads each parameter set's keys as JWK and PEM (RFC 9881:
// SPKI, PKCS #8 with the seed) and writes them back the same.
func TestMLDSAForms(t *testing.T) {
	for name, pair := range testkeys.Get(t).MLDSA {
		t.Run(name, func(t *testing.T) {
			priv := pair[0]
			for form, text := range map[string]string{
				"private JWK": jsonText(t, jwkOf(t, priv)),
				"PKCS #8 PEM": pkcs8PEM(t, priv),
			} {
				k := parseOne(t, text)
				ins, err := keys.Inspect(text, "")
				if err != nil {
					t.Fatalf("%s: Inspect: %v", form, err)
				}
				if k.Type != "AKP" || ins.Kind != "private" || ins.Curve != name || len(ins.Algs) != 1 || ins.Algs[0] != name {
					t.Errorf("%s: %s %s curve %q algs %q, want a private AKP key for %s only", form, k.Type, ins.Kind, ins.Curve, ins.Algs, name)
				}
				if ins.PublicKeyPEM != pkixPEM(t, priv.PublicKey()) || ins.PrivateKeyPEM != pkcs8PEM(t, priv) {
					t.Errorf("%s: the PEM forms are not filippo.io/mldsa/x509's", form)
				}
				back := parseOne(t, string(ins.PrivateJWK))
				if !publicEqual(back.Public, priv.PublicKey()) || back.Private == nil {
					t.Errorf("%s: the private JWK does not read back as the key", form)
				}
			}
		})
	}
}
