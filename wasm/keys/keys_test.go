package keys_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func TestDetect(t *testing.T) {
	k := newKeys(t)
	tests := []struct {
		name string
		text string
		want keys.Format
	}{
		{"empty", "", keys.FormatSecret},
		{"secret", "my secret", keys.FormatSecret},
		{"base64 secret", "c2VjcmV0", keys.FormatSecret},
		{"PEM", pkixPEM(t, &k.p256.PublicKey), keys.FormatPEM},
		{"PEM after white space", "\n\t " + pkcs8PEM(t, k.ed), keys.FormatPEM},
		{"PEM on one line", strings.ReplaceAll(pkixPEM(t, k.ed.Public()), "\n", " "), keys.FormatPEM},
		{"BEGIN alone", "-----BEGIN", keys.FormatPEM},
		{"END alone", "-----END PUBLIC KEY-----", keys.FormatSecret},
		{"JWK", jsonText(t, jwkOf(t, &k.p256.PublicKey)), keys.FormatJWK},
		{"JWK with white space", "\n  {\"kty\": \"oct\", \"k\": \"AA\"}\n", keys.FormatJWK},
		{"JWK whose kid is keys", `{"kty":"oct","k":"AA","kid":"keys"}`, keys.FormatJWK},
		{"JWK that is not JSON", `{not json}`, keys.FormatJWK},
		{"JWKS", jwksText(t, jwkOf(t, &k.p256.PublicKey)), keys.FormatJWKS},
		{"JWKS empty", `{"keys":[]}`, keys.FormatJWKS},
		{"JWKS with white space", "\n{ \"keys\" : [ ] }\n\n", keys.FormatJWKS},
		{"JWKS that is not JSON", `{"keys": [}`, keys.FormatJWKS},
		{"unclosed object", `{"kty":"oct"`, keys.FormatJWK},
		{"JSON array of a JWK", `[{"kty":"oct"}]`, keys.FormatJWK},
		{"JSON array of JWKs", `[{"kty":"oct"}, {"kty":"oct"}]`, keys.FormatJWKS},
		{"JSON array of numbers", `[1, 2]`, keys.FormatSecret},
		{"JSON string", `"secret"`, keys.FormatSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys.Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestParseSecret(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		enc    keys.Encoding
		want   []byte
		source string
	}{
		{"default encoding", "my secret", "", []byte("my secret"), "the shared secret (UTF-8 text)"},
		{"utf8 keeps white space", " my secret\n", keys.UTF8, []byte(" my secret\n"), "the shared secret (UTF-8 text)"},
		{"base64", "aGk=", keys.Base64, []byte("hi"), "the shared secret (base64)"},
		{"base64url", "-__-", keys.Base64URL, []byte{0xfb, 0xff, 0xfe}, "the shared secret (base64url)"},
		{"hex", "6869", keys.Hex, []byte("hi"), "the shared secret (hex)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(tt.text, tt.enc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if set.Format != keys.FormatSecret || len(set.Keys) != 1 {
				t.Fatalf("Parse = format %q with %d keys, want secret with 1", set.Format, len(set.Keys))
			}
			key := set.Keys[0]
			if key.Type != "oct" || !bytes.Equal(key.Secret, tt.want) || key.Source != tt.source {
				t.Errorf("key = %q %q from %q, want oct %q from %q", key.Type, key.Secret, key.Source, tt.want, tt.source)
			}
		})
	}
}

// TestParseFormatBeforeEncoding checks that PEM and JSON are recognised
// whatever the secret encoding says.
func TestParseFormatBeforeEncoding(t *testing.T) {
	set, err := keys.Parse(`{"kty":"oct","k":"aGk"}`, keys.Hex)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if set.Format != keys.FormatJWK || string(set.Keys[0].Secret) != "hi" {
		t.Errorf("Parse = %q key %q, want the JWK's secret", set.Format, set.Keys[0].Secret)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		enc    keys.Encoding
		code   jwterr.Code
		offset int
		want   string
	}{
		{"empty", "", "", jwterr.KeyMissing, noOffset, "the key box is empty"},
		{"white space", " \n\t", keys.Hex, jwterr.KeyMissing, noOffset, "the key box is empty"},
		{"bad hex", "zz", keys.Hex, jwterr.KeyInvalid, 0, "not valid hex"},
		{"bad base64", "ab-d", keys.Base64, jwterr.KeyInvalid, 2, "looks like base64url"},
		{"unknown encoding", "abc", "rot13", jwterr.BadInput, noOffset, `"rot13"`},
		{"JWK not JSON", `{not json}`, "", jwterr.BadJSON, 1, "the JWK is not valid JSON"},
		{"hex that decodes to nothing", "0x", keys.Hex, jwterr.KeyInvalid, noOffset, "the secret is empty"},
		{"oct JWK with an empty k", `{"kty":"oct","k":"="}`, "", jwterr.KeyInvalid, noOffset, `"k" is empty`},
		{"PEM that cannot be read", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "", jwterr.KeyInvalid, noOffset, "not a valid PKIX public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(tt.text, tt.enc)
			if set != nil {
				t.Errorf("Parse returned a set with its error")
			}
			checkError(t, err, tt.code, jwterr.PartKey, tt.offset, tt.want)
		})
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name   string
		family keys.Family
		bits   int
		curve  string
	}{
		{"HS256", keys.HMAC, 256, ""},
		{"HS384", keys.HMAC, 384, ""},
		{"HS512", keys.HMAC, 512, ""},
		{"RS256", keys.RSA, 256, ""},
		{"RS384", keys.RSA, 384, ""},
		{"RS512", keys.RSA, 512, ""},
		{"PS256", keys.RSAPSS, 256, ""},
		{"PS384", keys.RSAPSS, 384, ""},
		{"PS512", keys.RSAPSS, 512, ""},
		{"ES256", keys.ECDSA, 256, "P-256"},
		{"ES384", keys.ECDSA, 384, "P-384"},
		{"ES512", keys.ECDSA, 512, "P-521"},
		{"EdDSA", keys.EdDSA, 512, "Ed25519"},
		{"ES256K", keys.ECDSA, 256, "secp256k1"},
		{"ML-DSA-44", keys.MLDSA, 0, ""},
		{"ML-DSA-65", keys.MLDSA, 0, ""},
		{"ML-DSA-87", keys.MLDSA, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := keys.Lookup(tt.name)
			if !ok {
				t.Fatalf("Lookup(%q) failed", tt.name)
			}
			if a.Name != tt.name || a.Family != tt.family || a.HashBits != tt.bits || a.Curve != tt.curve {
				t.Errorf("Lookup(%q) = %+v", tt.name, a)
			}
		})
	}
	var names []string
	for _, tt := range tests {
		names = append(names, tt.name)
	}
	if got := keys.Algorithms(); !slices.Equal(got, names) {
		t.Errorf("Algorithms() = %q, want %q", got, names)
	}
	for _, name := range []string{"", "none", "hs256", "HS1", "RS1024", "es256k", "ES256k", "ML-DSA", "ml-dsa-44", "ML-DSA-128", "Ed25519", "RSA-OAEP"} {
		if a, ok := keys.Lookup(name); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", name, a)
		}
	}
}
