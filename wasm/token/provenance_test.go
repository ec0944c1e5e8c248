package token_test

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

func TestProvenance(t *testing.T) {
	const carried = "a key that comes with the token or the link proves nothing about who signed it: verify with a key you got from the issuer yourself"
	tests := []struct {
		origin               token.KeyOrigin
		detail               string
		text, caveat, banner string
	}{
		{"", "", "Key typed or pasted here", "", "Signature verified"},
		{token.OriginTyped, "", "Key typed or pasted here", "", "Signature verified"},
		{token.OriginLink, "", "Key from the link or page that opened the playground", carried, "Signature matches the key from the link — not proof of who signed"},
		{token.OriginIssuer, "https://accounts.example.com", "Key fetched from the token's own issuer https://accounts.example.com (OIDC discovery)", "trusting it means trusting the token's iss claim: check the issuer is one you expect", "Signature matches the key of the issuer the token names — check you trust that issuer"},
		{token.OriginIssuer, "", "Key fetched from the token's own issuer (OIDC discovery)", "trusting it means trusting the token's iss claim: check the issuer is one you expect", "Signature matches the key of the issuer the token names — check you trust that issuer"},
		{token.OriginToken, "jku https://keys.example.com/jwks", "Key carried by the token (jku https://keys.example.com/jwks)", carried, "Signature matches the key the token carries — not proof of who signed"},
		{token.OriginToken, "", "Key carried by the token", carried, "Signature matches the key the token carries — not proof of who signed"},
		// Details from the token are quoted when they could rewrite the words around them.
		{token.OriginIssuer, "https://evil.example\u202e", `Key fetched from the token's own issuer "https://evil.example\u202e" (OIDC discovery)`, "trusting it means trusting the token's iss claim: check the issuer is one you expect", "Signature matches the key of the issuer the token names — check you trust that issuer"},
		{token.OriginToken, "jwk\n) Verified by Google (", `Key carried by the token ("jwk\n) Verified by Google (")`, carried, "Signature matches the key the token carries — not proof of who signed"},
		{token.OriginToken, `x5u "https://a"`, `Key carried by the token ("x5u \"https://a\"")`, carried, "Signature matches the key the token carries — not proof of who signed"},
	}
	for _, tt := range tests {
		t.Run(string(tt.origin)+" "+tt.detail, func(t *testing.T) {
			p, err := token.NewProvenance(tt.origin, tt.detail)
			if err != nil {
				t.Fatal(err)
			}
			want := token.OriginTyped
			if tt.origin != "" {
				want = tt.origin
			}
			if p.Origin != want || p.Text != tt.text || p.Caveat != tt.caveat || p.Headline != tt.banner {
				t.Errorf("NewProvenance = %+v\nwant {%s %q %q %q}", p, want, tt.text, tt.caveat, tt.banner)
			}
		})
	}
}

func TestProvenanceRefusesUnknownOrigins(t *testing.T) {
	for _, o := range []token.KeyOrigin{"Typed", "TOKEN", "url", " link", "trusted"} {
		if _, err := token.NewProvenance(o, ""); jwterr.CodeOf(err) != jwterr.BadInput {
			t.Errorf("NewProvenance(%q) error = %v, want bad_input", o, err)
		}
		_, err := token.Verify(hs256(`{"alg":"HS256"}`, `{}`), token.VerifyOptions{Key: hmacSecret, KeyOrigin: o, Now: now})
		if jwterr.CodeOf(err) != jwterr.BadInput {
			t.Errorf("Verify with keyOrigin %q: error = %v, want bad_input", o, err)
		}
	}
}

// selfSignedCert makes a certificate for cn signed by its own key: what
// anyone can make for any name in a moment.
func selfSignedCert(t *testing.T, cn string) string {
	t.Helper()
	k := testKeys(t).p256
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Unix(0, 0),
		NotAfter:     time.Unix(1, 0), // long expired: nothing checks it
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	return pemBlock("CERTIFICATE", der)
}

func TestVerifyStatesTheKeysProvenance(t *testing.T) {
	k := testKeys(t)
	tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256"}`, Payload: `{"iss":"https://accounts.google.com"}`, Key: privatePEM(t, k.p256)})
	if err != nil {
		t.Fatal(err)
	}
	cert := selfSignedCert(t, "accounts.google.com")
	tests := []struct {
		name   string
		opts   token.VerifyOptions
		origin token.KeyOrigin
		key    string
	}{
		{"typed certificate", token.VerifyOptions{Key: cert}, token.OriginTyped, `X.509 certificate for "accounts.google.com" (PEM) — not validated: no chain or expiry is checked`},
		{"certificate from a link", token.VerifyOptions{Key: cert, KeyOrigin: token.OriginLink}, token.OriginLink, `X.509 certificate for "accounts.google.com" (PEM) — not validated: no chain or expiry is checked`},
		{"certificate from x5c", token.VerifyOptions{Key: cert, KeyOrigin: token.OriginToken, KeyOriginDetail: "x5c"}, token.OriginToken, `X.509 certificate for "accounts.google.com" (PEM) — not validated: no chain or expiry is checked`},
		{"public key from discovery", token.VerifyOptions{Key: publicPEM(t, &k.p256.PublicKey), KeyOrigin: token.OriginIssuer, KeyOriginDetail: "https://accounts.google.com"}, token.OriginIssuer, "PKIX public key (PEM)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Now = now
			v, err := token.Verify(tok, tt.opts)
			if err != nil || !v.SignatureValid {
				t.Fatalf("Verify = %+v, %v; want the signature to match", v, err)
			}
			want, _ := token.NewProvenance(tt.opts.KeyOrigin, tt.opts.KeyOriginDetail)
			if v.Provenance == nil || *v.Provenance != *want || v.Provenance.Origin != tt.origin {
				t.Errorf("Provenance = %+v, want %+v", v.Provenance, want)
			}
			if v.Key != tt.key {
				t.Errorf("Key = %q, want %q", v.Key, tt.key)
			}
		})
	}
	// The provenance is stated whatever the outcome, and only when there is a key.
	v, _ := token.Verify(tok, token.VerifyOptions{Key: publicPEM(t, &k.p256b.PublicKey), KeyOrigin: token.OriginLink, Now: now})
	if v.SignatureValid || v.Provenance == nil || v.Provenance.Origin != token.OriginLink {
		t.Errorf("with another key: Verify = %+v, want a failed signature from a link key", v)
	}
	v, _ = token.Verify(tok, token.VerifyOptions{Key: "  ", KeyOrigin: token.OriginLink, Now: now})
	if v.Provenance != nil {
		t.Errorf("without a key: Provenance = %+v, want none", v.Provenance)
	}
}

func FuzzProvenance(f *testing.F) {
	for _, s := range []string{"", "https://accounts.google.com", "jku https://x", "\u202e", "a\nb", `"`, strings.Repeat("é", 300)} {
		f.Add("issuer", s)
		f.Add("token", s)
	}
	f.Fuzz(func(t *testing.T, origin, detail string) {
		p, err := token.NewProvenance(token.KeyOrigin(origin), detail)
		if err != nil {
			if jwterr.CodeOf(err) != jwterr.BadInput {
				t.Fatalf("error %v, want bad_input", err)
			}
			return
		}
		// Whatever the detail, the text is one printable line of bounded length.
		for _, r := range p.Text {
			if !unicode.IsPrint(r) && r != '…' {
				t.Fatalf("Text %q holds %U", p.Text, r)
			}
		}
		if len(p.Text) > 400 || p.Headline == "" || (p.Origin != token.OriginTyped) != (p.Caveat != "") {
			t.Fatalf("NewProvenance(%q, %q) = %+v", origin, detail, p)
		}
	})
}

func ExampleNewProvenance() {
	p, _ := token.NewProvenance(token.OriginLink, "")
	fmt.Println(p.Headline)
	fmt.Println(p.Text)
	fmt.Println(p.Caveat)
	// Output:
	// Signature matches the key from the link — not proof of who signed
	// Key from the link or page that opened the playground
	// a key that comes with the token or the link proves nothing about who signed it: verify with a key you got from the issuer yourself
}
