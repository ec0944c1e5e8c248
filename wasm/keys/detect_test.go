package keys_test

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestPublicKeyForms reads each form of public key text people paste (issue
// 12, item 3) as that key, saying how, or refuses it; never as a secret.
func TestPublicKeyForms(t *testing.T) {
	hs256 := lookup(t, "HS256")
	for _, f := range testkeys.Forms(t) {
		t.Run(f.Name, func(t *testing.T) {
			if got := keys.Detect(f.Text); got == keys.FormatSecret {
				t.Errorf("Detect = secret")
			}
			set, err := keys.Parse(f.Text, "")
			ins, insErr := keys.Inspect(f.Text, "")
			if f.Refused != "" {
				if set != nil || jwterr.CodeOf(err) != jwterr.Code(f.Refused) {
					t.Errorf("Parse = %v, %v; want refused with %s", set, err, f.Refused)
				}
				if jwterr.CodeOf(insErr) != jwterr.Code(f.Refused) {
					t.Errorf("Inspect error = %v, want %s as Parse", insErr, f.Refused)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(set.Keys) != 1 || !publicEqual(set.Keys[0].Public, f.Public) {
				t.Fatalf("Parse gave %d keys, not the key that was written", len(set.Keys))
			}
			k := set.Keys[0]
			if !strings.Contains(k.Source, f.Source) {
				t.Errorf("Source = %q, want it to contain %q", k.Source, f.Source)
			}
			if insErr != nil || ins.Source != k.Source || ins.Kind != "public" {
				t.Errorf("Inspect = %+v, %v; want the public key from %q", ins, insErr, k.Source)
			}
			_, err = set.Select(hs256, "", keys.Verify)
			checkError(t, err, jwterr.KeyMismatch, jwterr.PartKey, noOffset, "algorithm-confusion")
		})
	}
}

// TestKeyLookalikesRefused checks that text shaped like a key that cannot be
// read is refused, with key_invalid when a reader took it and key_mismatch
// when it would otherwise have been a secret, in every secret encoding.
func TestKeyLookalikesRefused(t *testing.T) {
	k := newKeys(t)
	x25519, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	x25519DER, err := x509.MarshalPKIXPublicKey(x25519.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	pub := pkixPEM(t, &k.rsa.PublicKey)
	std := base64.StdEncoding.EncodeToString
	edBlob := append(testkeys.SSHString([]byte("ssh-ed25519")), testkeys.SSHString(k.ed.Public().(ed25519.PublicKey)[:31])...)
	rsaBlob := append(testkeys.SSHString([]byte("ssh-rsa")), testkeys.SSHString([]byte{0, 1, 0, 1})...)
	rsaBlob = append(rsaBlob, testkeys.SSHMpint(k.rsa.N)...)
	tests := []struct {
		name string
		text string
		enc  keys.Encoding
		code jwterr.Code
		want string
	}{
		{"END line alone", "-----END PUBLIC KEY-----", "", jwterr.KeyMismatch, "looks like a PEM block"},
		{"PEM without its BEGIN line", strings.SplitN(pub, "\n", 2)[1], "", jwterr.KeyMismatch, "a PEM block"},
		{"JSON array of numbers", "[1, 2]", "", jwterr.KeyMismatch, "a JSON array"},
		{"JSON array of x5c strings", `["` + std(x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)) + `"]`, "", jwterr.KeyMismatch, "a JSON array"},
		{"PEM in base64, as UTF-8", std([]byte(pub)), "", jwterr.KeyMismatch, "a PEM block, written in base64"},
		{"PEM in base64, as base64", std([]byte(pub)), keys.Base64, jwterr.KeyMismatch, "a PEM block, written in base64"},
		{"JWK in base64url, as base64url", base64.RawURLEncoding.EncodeToString([]byte(`{"kty":"RSA"}`)), keys.Base64URL, jwterr.KeyMismatch, "a JSON object"},
		{"JWK in hex, as hex", hex.EncodeToString([]byte(`{"kty":"RSA"}`)), keys.Hex, jwterr.KeyMismatch, "written in hex"},
		{"X25519 DER in base64", std(x25519DER), "", jwterr.KeyMismatch, "DER in base64"},
		{"X25519 DER in hex, as hex", hex.EncodeToString(x25519DER), keys.Hex, jwterr.KeyMismatch, "DER"},
		{"ssh-dss line", "ssh-dss AAAAB3NzaC1kc3MAAACBAP user@host", "", jwterr.KeyInvalid, "DSA"},
		{"security-key line", "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t", "", jwterr.KeyInvalid, "security key"},
		{"certificate line", "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29t", "", jwterr.KeyInvalid, "certificate"},
		{"ssh line cut short", "ssh-ed25519 " + std(edBlob), "", jwterr.KeyInvalid, "32 bytes, not 31"},
		{"ssh line not base64", "ssh-rsa AAAAB3NzaC1yc2E*", "", jwterr.KeyInvalid, "not valid base64"},
		{"ssh line of another type", "ssh-rsa " + std(testkeys.SSHString([]byte("ssh-ed25519"))), "", jwterr.KeyInvalid, `holds "ssh-ed25519"`},
		{"ssh mpint with a needless zero", "ssh-rsa " + std(rsaBlob), "", jwterr.KeyInvalid, "needless leading zero"},
		{"ssh type with no base64 key", "ssh-ed25519 my-secret", "", jwterr.KeyMismatch, "OpenSSH public key line"},
		{"SSH2 public key", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----", "", jwterr.KeyMismatch, "RFC 4716"},
		{"PEM armour of four dashes", strings.ReplaceAll(pub, "-----", "----"), "", jwterr.KeyMismatch, "armour mangled"},
		{"PEM armour in lower case", strings.ToLower(pub[:26]) + pub[26:], "", jwterr.KeyMismatch, "a PEM block"},
		{"JWK in a sentence", `the key is {"kty":"RSA"} here`, "", jwterr.KeyMismatch, `"kty"`},
		{"quoted END line", `"-----END PUBLIC KEY-----"`, "", jwterr.KeyMismatch, "inside a JSON string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(tt.text, tt.enc)
			if set != nil {
				t.Errorf("Parse returned a set (format %q) with its error", set.Format)
			}
			checkError(t, err, tt.code, jwterr.PartKey, noOffset, tt.want)
			if tt.code == jwterr.KeyMismatch {
				checkError(t, err, tt.code, jwterr.PartKey, noOffset, "refused as an HMAC secret", "algorithm confusion")
			}
		})
	}
}

// TestSecretsStaySecrets checks that genuine secrets are not mistaken for
// keys: random secrets of HMAC sizes in every encoding, and text that only
// mentions a key form.
func TestSecretsStaySecrets(t *testing.T) {
	texts := []string{"ssh-is-my-secret", "[my secret]", "my secret is ssh-rsa", "-----", "0123456789abcdef0123456789abcdef", `"quoted secret"`, "MIIB", "302a"}
	for i := range 3000 {
		b := make([]byte, 32+len(texts)%33)
		rand.Read(b)
		// The first bytes of DER, a JSON object and a JSON array: a random
		// secret opens with each one time in 256.
		b[0] = "0{["[i%3]
		texts = append(texts, base64.StdEncoding.EncodeToString(b), base64.RawURLEncoding.EncodeToString(b), hex.EncodeToString(b))
	}
	for _, text := range texts {
		if f := keys.Detect(text); f != keys.FormatSecret {
			t.Fatalf("Detect(%q) = %q, want secret", text, f)
		}
		for _, enc := range []keys.Encoding{keys.UTF8, keys.Base64, keys.Base64URL, keys.Hex} {
			if _, err := keys.Parse(text, enc); jwterr.CodeOf(err) == jwterr.KeyMismatch {
				t.Fatalf("Parse(%q, %s) = %v, want a secret", text, enc, err)
			}
		}
	}
}

// TestVerifyPublicKeyTextAsSecret is the attack: an HS256 token HMACed with
// the public key text, which a key box that took the text for a secret
// verified (signatureValid true). Each form is now refused.
func TestVerifyPublicKeyTextAsSecret(t *testing.T) {
	for _, f := range testkeys.Forms(t) {
		t.Run(f.Name, func(t *testing.T) {
			tok := hs256Token([]byte(f.Text))
			v, err := token.Verify(tok, token.VerifyOptions{Key: f.Text})
			if v != nil && (v.SignatureValid || v.Valid) {
				t.Fatalf("the token HMACed with the public key text verified: %+v", v)
			}
			want := jwterr.KeyMismatch
			if f.Refused != "" {
				want = jwterr.Code(f.Refused)
			}
			if jwterr.CodeOf(err) != want {
				t.Errorf("Verify error = %v, want %s", err, want)
			}
		})
	}
}

// hs256Token signs a fixed payload with HS256 and secret, by hand.
func hs256Token(secret []byte) string {
	enc := base64.RawURLEncoding.EncodeToString
	input := enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(`{"sub":"admin"}`))
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(input))
	return input + "." + enc(mac.Sum(nil))
}

// TestKeyTextOffsets checks that errors in a JWK read after invisible
// characters, a label or an array's bracket point into the text as typed.
func TestKeyTextOffsets(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		code   jwterr.Code
		offset int
		want   string
	}{
		{"JWK", `{"kty": 1}`, jwterr.BadJSON, 9, `"kty"`},
		{"JWK after a BOM", "\uFEFF" + `{"kty": 1}`, jwterr.BadJSON, 12, `"kty"`},
		{"JWK after a label", `jwk = {"kty": 1}`, jwterr.BadJSON, 15, `"kty"`},
		{"JWK in an array", `[ {"kty": 1}]`, jwterr.BadJSON, 11, `"kty"`},
		{"JWK followed by a comma", `{"kty":"oct","k":"AA"},`, jwterr.KeyInvalid, 22, "followed by a comma"},
		{"JWK after a BOM, followed by a comma", "\uFEFF" + `{"kty":"oct","k":"AA"} ,`, jwterr.KeyInvalid, 26, "followed by a comma"},
		{"JWK in a JSON string", `"{\"kty\": 1}"`, jwterr.BadJSON, noOffset, `"kty"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := keys.Parse(tt.text, "")
			checkError(t, err, tt.code, jwterr.PartKey, tt.offset, tt.want)
		})
	}
}

// TestDetectRemembers checks that asking again about the key text just
// asked about costs no reading: every verification with an asymmetric
// algorithm asks whether the key box is plain text, and reading a PEM's
// characters one by one for invisible ones used to cost more than the
// rest of the key's lookup.
func TestDetectRemembers(t *testing.T) {
	for _, f := range testkeys.Forms(t) {
		text := "\uFEFFPublic key: " + f.Text
		want := keys.Detect(text)
		if allocs := testing.AllocsPerRun(20, func() {
			if got := keys.Detect(text); got != want {
				t.Fatalf("%s: Detect = %v, then %v", f.Name, want, got)
			}
		}); allocs != 0 {
			t.Errorf("%s: Detect of the same text again allocates %v times, want 0", f.Name, allocs)
		}
	}
}
