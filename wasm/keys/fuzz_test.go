package keys_test

import (
	"crypto/x509"
	"errors"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// fuzzEncodings are the encodings FuzzParse chooses from by index.
var fuzzEncodings = []keys.Encoding{keys.UTF8, keys.Base64, keys.Base64URL, keys.Hex, "", "base32"}

func FuzzParse(f *testing.F) {
	k := newKeys(f)
	seeds := []string{
		"",
		"a-string-secret-at-least-256-bits-long",
		"c2VjcmV0LWtleQ==",
		"-__-",
		"0x00ff 10",
		pkixPEM(f, &k.rsa.PublicKey),
		pemText("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k.rsa)),
		ecParamsPEM(f, k.p256.Curve) + sec1PEM(f, k.p256),
		strings.ReplaceAll(pkcs8PEM(f, k.p384), "\n", " "),
		strings.ReplaceAll(pkixPEM(f, k.ed.Public()), "\n", `\n`),
		certPEM(f, k.p521, "fuzz"),
		jsonText(f, jwkOf(f, k.rsa)),
		jsonText(f, jwkOf(f, k.p256)),
		jsonText(f, with(jwkOf(f, k.ed), "kid", "ed", "use", "sig", "alg", "EdDSA")),
		jsonText(f, jwkOf(f, []byte("secret"))),
		jwksText(f, with(jwkOf(f, &k.p521.PublicKey), "kid", "a"), jwkOf(f, &k.rsa2.PublicKey), map[string]any{"kty": "OKP", "crv": "X25519"}),
		`{"keys": [}`,
		`{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}`,
		`{"kty":"oct","k":"AAAA","K":"BBBB","key_ops":["verify","sign"],"ext":true}`,
		`{"keys":[{"kty":"oct","k":"AAAA","kid":"a"}],"KEYS":[],"keys":[]}`,
		`{"k\u0065ys":[{"kty":"oct","k":"AAAA"}] , "x" : {"a":["]}"]}}`,
		`{"keys" [}`,
		`{"a":"\"}`,
		pkcs8PEM(f, testkeys.Get(f).MLDSA["ML-DSA-44"][0]),
		jsonText(f, jwkOf(f, testkeys.Get(f).MLDSA["ML-DSA-65"][0])),
		`{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA","priv":"AAAA"}`,
		`{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA","d":"AA"}`,
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, text string, encIndex uint8) {
		enc := fuzzEncodings[int(encIndex)%len(fuzzEncodings)]
		set, err := keys.Parse(text, enc)
		if err != nil {
			e := asError(t, err)
			if e.Part != jwterr.PartKey {
				t.Errorf("error part = %q, want key", e.Part)
			}
			if e.Offset != nil && (*e.Offset < 0 || *e.Offset > len(text)) {
				t.Errorf("error offset %d is outside the key text (%d bytes)", *e.Offset, len(text))
			}
			if set != nil && len(set.Keys) > 0 {
				t.Errorf("Parse returned %d keys with its error", len(set.Keys))
			}
			return
		}
		if set == nil || len(set.Keys) == 0 {
			t.Fatalf("Parse returned no keys and no error")
		}
		if got := keys.Detect(text); set.Format != got {
			t.Errorf("Format = %q, but Detect says %q", set.Format, got)
		}
		for i, key := range set.Keys {
			checkFuzzKey(t, i, key)
		}
		for _, name := range keys.Algorithms() {
			alg, _ := keys.Lookup(name)
			for _, purpose := range []keys.Purpose{keys.Verify, keys.Sign} {
				ks, err := set.Select(alg, "", purpose)
				if err != nil {
					if c := jwterr.CodeOf(err); c != jwterr.KeyMismatch {
						t.Errorf("Select(%s) error code = %q, want key_mismatch", name, c)
					}
					continue
				}
				for _, key := range ks {
					if err := key.Fits(alg, purpose); err != nil {
						t.Errorf("Select(%s) returned a key that does not fit: %v", name, err)
					}
					if key.VerifyingKey(alg) == nil || purpose == keys.Sign && key.SigningKey(alg) == nil {
						t.Errorf("Select(%s) returned a key with nothing to verify or sign with", name)
					}
				}
			}
		}
	})
}

// checkFuzzKey checks that a parsed key is consistent.
func checkFuzzKey(t *testing.T, i int, key *keys.Key) {
	t.Helper()
	switch key.Type {
	case "oct":
		if key.Secret == nil || key.Public != nil || key.Private != nil {
			t.Errorf("key %d: oct key with Secret %v, Public %T, Private %T", i, key.Secret != nil, key.Public, key.Private)
		}
	case "RSA", "EC", "OKP", "AKP":
		if key.Public == nil || key.Secret != nil {
			t.Errorf("key %d: %s key with Public %T and a Secret %v", i, key.Type, key.Public, key.Secret != nil)
		}
		if key.Private != nil && !publicEqual(key.Private.Public(), key.Public) {
			t.Errorf("key %d: the private key does not belong to the public key", i)
		}
	default:
		t.Errorf("key %d: unknown Type %q", i, key.Type)
	}
	if key.Source == "" {
		t.Errorf("key %d: no Source", i)
	}
	for _, name := range keys.Algorithms() {
		alg, _ := keys.Lookup(name)
		err := key.Fits(alg, keys.Verify)
		var e *jwterr.Error
		if err != nil && (!errors.As(err, &e) || e.Code != jwterr.KeyMismatch) {
			t.Errorf("key %d: Fits(%s) = %v, want nil or key_mismatch", i, name, err)
		}
	}
}

// FuzzOtherReadings: every other reading of secret text is under another
// encoding than the typed one, each once, and gives bytes the typed one
// and the readings before it do not.
func FuzzOtherReadings(f *testing.F) {
	for _, s := range []string{"", "aGk=", "6869", "-__-", "0x00ff 10", "c2VjcmV0LWtleQ==", "MAMCAQE=", "é"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, text string, encIndex uint8) {
		typed := fuzzEncodings[int(encIndex)%4]
		seen := map[string]bool{}
		if b, err := keys.DecodeSecret(text, typed); err == nil {
			seen[string(b)] = true
		}
		encs := map[keys.Encoding]bool{typed: true}
		for _, r := range keys.OtherReadings(text, typed) {
			if encs[r.Encoding] || seen[string(r.Secret)] || len(r.Secret) == 0 {
				t.Fatalf("OtherReadings(%q, %q) repeats %s (%x)", text, typed, r.Encoding, r.Secret)
			}
			encs[r.Encoding], seen[string(r.Secret)] = true, true
		}
	})
}
