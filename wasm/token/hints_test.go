package token_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// hs256With signs a token with the secret bytes given.
func hs256With(secret []byte) string {
	input := b64([]byte(`{"alg":"HS256"}`)) + "." + b64([]byte(`{"sub":"1"}`))
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(input))
	return input + "." + b64(m.Sum(nil))
}

// TestVerifySecretEncodingHint: an HMAC token that fails with the secret
// read as chosen, but matches under another encoding, stays invalid and
// says which encoding matches (secret_encoding); nothing is said when no
// encoding matches or the key is not secret text.
func TestVerifySecretEncodingHint(t *testing.T) {
	// Bytes that are not UTF-8 text, with + and / in base64 and - and _ in
	// base64url, so each encoding reads them differently.
	raw := []byte{0xfb, 0xef, 0xbe, 0x10, 0x20, 0x30, 0xfb, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17}
	tests := []struct {
		name   string
		signed []byte // the bytes the token was signed with
		key    string
		enc    keys.Encoding
		want   string // in the secret_encoding warning; "" for none
	}{
		{"base64 typed as text", raw, base64.StdEncoding.EncodeToString(raw), keys.UTF8, "read as base64 rather than UTF-8 text"},
		{"base64url typed as text", raw, base64.RawURLEncoding.EncodeToString(raw), keys.UTF8, "read as base64url rather than UTF-8 text"},
		{"hex typed as text", raw, hex.EncodeToString(raw), keys.UTF8, "read as hex rather than UTF-8 text"},
		{"text typed as base64", []byte("c2VjcmV0LWtleS0xMjM0NTY3ODkwMTIzNDU2Nzg5MDEy"), "c2VjcmV0LWtleS0xMjM0NTY3ODkwMTIzNDU2Nzg5MDEy", keys.Base64, "read as UTF-8 text rather than base64"},
		{"hex typed as base64", raw, hex.EncodeToString(raw), keys.Base64, "read as hex rather than base64"},
		{"a wrong secret", raw, "another-secret-of-at-least-32-bytes!", keys.UTF8, ""},
		{"an oct JWK has no encoding", raw, `{"kty":"oct","k":"` + base64.RawURLEncoding.EncodeToString([]byte("x-other-secret-of-at-least-32-b!")) + `"}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(hs256With(tt.signed), token.VerifyOptions{Key: tt.key, SecretEncoding: tt.enc, Now: now})
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if v.SignatureValid || v.Valid || errCodes(v.Errors) != "signature_invalid" {
				t.Fatalf("Verify = valid %v, errors %s; want the signature refused as typed", v.SignatureValid, errCodes(v.Errors))
			}
			got := hintOf(v, "secret_encoding")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("secret_encoding hint = %q, want %q", got, tt.want)
			}
		})
	}
}

// derOf rewrites a JWS ECDSA signature (r‖s) as ASN.1 DER.
func derOf(t *testing.T, tok string, priv crypto.Signer) string {
	t.Helper()
	input := tok[:strings.LastIndexByte(tok, '.')]
	h := sha256.Sum256([]byte(input))
	der, err := ecdsa.SignASN1(rand.Reader, priv.(*ecdsa.PrivateKey), h[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(der)
}

// TestVerifyDERSignatureHint: an ES256 signature written in DER, as
// OpenSSL and Java write it, is refused (as jose refuses it) and said to
// be DER rather than r‖s (der_signature), and whether it would match once
// converted; an r‖s signature that fails says nothing of DER.
func TestVerifyDERSignatureHint(t *testing.T) {
	k := testKeys(t)
	good, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256"}`, Payload: `{"sub":"1"}`, Key: privatePEM(t, k.p256)})
	if err != nil {
		t.Fatal(err)
	}
	der := derOf(t, good, k.p256)
	tampered := good[:len(good)-4] + map[bool]string{true: "AAAA", false: "BBBB"}[!strings.HasSuffix(good, "AAAA")]
	tests := []struct {
		name, tok, key string
		want           []string // in the der_signature warning; nil for none
	}{
		{"DER with its key", der, publicPEM(t, k.p256.Public()), []string{"ASN.1 DER", "r‖s, each 32 bytes, 64 in all (RFC 7518 §3.4)", "converted, it matches the key"}},
		{"DER with another key", der, publicPEM(t, k.p256b.Public()), []string{"ASN.1 DER"}},
		{"r‖s that does not match", tampered, publicPEM(t, k.p256.Public()), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(tt.tok, token.VerifyOptions{Key: tt.key, Now: now})
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if v.SignatureValid || errCodes(v.Errors) != "signature_invalid" {
				t.Fatalf("Verify = valid %v, errors %s; want signature_invalid", v.SignatureValid, errCodes(v.Errors))
			}
			got := hintOf(v, "der_signature")
			if got != "" && v.Errors[0].Message != got {
				t.Errorf("signature_invalid says %q, want what der_signature says, %q", v.Errors[0].Message, got)
			}
			if tt.want == nil && got != "" {
				t.Errorf("der_signature hint = %q, want none", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("der_signature hint = %q, want %q in it", got, w)
				}
			}
			if tt.name == "DER with another key" && strings.Contains(got, "matches") {
				t.Errorf("der_signature hint = %q: it must not say it matches another key", got)
			}
		})
	}
}

func hintOf(v *token.Verification, code string) string {
	for _, w := range v.Warnings {
		if w.Code == code {
			return w.Message
		}
	}
	return ""
}

// TestSignatureStepsDER: the signature steps of a DER ECDSA signature show
// its real r and s, not its two halves, and say it is DER.
func TestSignatureStepsDER(t *testing.T) {
	k := testKeys(t)
	good, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256"}`, Payload: `{"sub":"1"}`, Key: privatePEM(t, k.p256)})
	if err != nil {
		t.Fatal(err)
	}
	der := derOf(t, good, k.p256)
	raw, _ := base64.RawURLEncoding.DecodeString(der[strings.LastIndexByte(der, '.')+1:])
	var sig struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(raw, &sig); err != nil {
		t.Fatal(err)
	}
	s, err := token.SignatureSteps(der, token.VerifyOptions{Key: publicPEM(t, k.p256.Public())})
	if err != nil {
		t.Fatal(err)
	}
	if s.Valid || s.R != hex.EncodeToString(sig.R.Bytes()) || s.S != hex.EncodeToString(sig.S.Bytes()) || !strings.Contains(s.Checked, "ASN.1 DER") {
		t.Errorf("SignatureSteps = valid %v, r %s, s %s, checked %q; want invalid, the DER's r %x and s %x, and DER named", s.Valid, s.R, s.S, s.Checked, sig.R, sig.S)
	}
}

// FuzzDERSignatureHint gives an ES256 token any signature bytes: it never
// verifies but with the real r‖s, nothing panics, and der_signature is
// said only of a signature that begins as DER does.
func FuzzDERSignatureHint(f *testing.F) {
	k := testKeys(f)
	good, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256"}`, Payload: `{"sub":"1"}`, Key: privatePEM(f, k.p256)})
	if err != nil {
		f.Fatal(err)
	}
	input := good[:strings.LastIndexByte(good, '.')]
	goodSig, _ := base64.RawURLEncoding.DecodeString(good[len(input)+1:])
	h := sha256.Sum256([]byte(input))
	der, _ := ecdsa.SignASN1(rand.Reader, k.p256, h[:])
	f.Add(goodSig)
	f.Add(der)
	f.Add([]byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})
	f.Add([]byte{0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00})
	key := publicPEM(f, k.p256.Public())
	f.Fuzz(func(t *testing.T, sig []byte) {
		v, err := token.Verify(input+"."+b64(sig), token.VerifyOptions{Key: key, Now: now})
		if err != nil {
			return // a signature of another length can still be read; only a bad token errs
		}
		if v.SignatureValid && string(sig) != string(goodSig) {
			t.Fatalf("signature %x verified", sig)
		}
		if hint := hintOf(v, "der_signature"); hint != "" && (len(sig) == 0 || sig[0] != 0x30) {
			t.Fatalf("der_signature %q for %x, which is not DER", hint, sig)
		}
	})
}
