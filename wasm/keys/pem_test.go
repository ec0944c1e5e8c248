package keys_test

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func TestParsePEM(t *testing.T) {
	k := newKeys(t)
	rsaPKIX := pkixPEM(t, &k.rsa.PublicKey)
	p256PKIX := pkixPEM(t, &k.p256.PublicKey)
	tests := []struct {
		name    string
		text    string
		typ     string
		public  crypto.PublicKey
		private bool
		source  string
	}{
		{"RSA PKIX public", rsaPKIX, "RSA", &k.rsa.PublicKey, false, "PKIX public key (PEM)"},
		{"RSA PKCS1 public", pemText("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)), "RSA", &k.rsa.PublicKey, false, "PKCS #1 RSA public key (PEM)"},
		{"RSA PKCS1 public labelled PUBLIC KEY", pemText("PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)), "RSA", &k.rsa.PublicKey, false, "PKCS #1 RSA public key (PEM)"},
		{"RSA PKCS1 private", pemText("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k.rsa)), "RSA", &k.rsa.PublicKey, true, "PKCS #1 RSA private key (PEM)"},
		{"RSA PKCS8 private", pkcs8PEM(t, k.rsa), "RSA", &k.rsa.PublicKey, true, "PKCS #8 private key (PEM)"},
		{"RSA PKCS8 labelled RSA PRIVATE KEY", strings.ReplaceAll(pkcs8PEM(t, k.rsa), "PRIVATE KEY", "RSA PRIVATE KEY"), "RSA", &k.rsa.PublicKey, true, "PKCS #8 private key (PEM)"},
		{"RSA certificate", certPEM(t, k.rsa, "rsa.example"), "RSA", &k.rsa.PublicKey, false, `X.509 certificate for "rsa.example" (PEM)`},

		{"P-256 PKIX public", p256PKIX, "EC", &k.p256.PublicKey, false, "PKIX public key (PEM)"},
		{"P-256 SEC1 private", sec1PEM(t, k.p256), "EC", &k.p256.PublicKey, true, "SEC 1 EC private key (PEM)"},
		{"P-256 PKCS8 private", pkcs8PEM(t, k.p256), "EC", &k.p256.PublicKey, true, "PKCS #8 private key (PEM)"},
		{"P-256 EC PARAMETERS then SEC1", ecParamsPEM(t, k.p256.Curve) + sec1PEM(t, k.p256), "EC", &k.p256.PublicKey, true, "SEC 1"},
		{"P-384 PKIX public", pkixPEM(t, &k.p384.PublicKey), "EC", &k.p384.PublicKey, false, "PKIX"},
		{"P-384 SEC1 private", sec1PEM(t, k.p384), "EC", &k.p384.PublicKey, true, "SEC 1"},
		{"P-384 PKCS8 private", pkcs8PEM(t, k.p384), "EC", &k.p384.PublicKey, true, "PKCS #8"},
		{"P-384 EC PARAMETERS then SEC1", ecParamsPEM(t, k.p384.Curve) + sec1PEM(t, k.p384), "EC", &k.p384.PublicKey, true, "SEC 1"},
		{"P-521 PKIX public", pkixPEM(t, &k.p521.PublicKey), "EC", &k.p521.PublicKey, false, "PKIX"},
		{"P-521 SEC1 private", sec1PEM(t, k.p521), "EC", &k.p521.PublicKey, true, "SEC 1"},
		{"P-521 PKCS8 private", pkcs8PEM(t, k.p521), "EC", &k.p521.PublicKey, true, "PKCS #8"},
		{"P-521 EC PARAMETERS then SEC1", ecParamsPEM(t, k.p521.Curve) + sec1PEM(t, k.p521), "EC", &k.p521.PublicKey, true, "SEC 1"},
		{"P-256 SEC1 labelled PRIVATE KEY", strings.ReplaceAll(sec1PEM(t, k.p256), "EC PRIVATE KEY", "PRIVATE KEY"), "EC", &k.p256.PublicKey, true, "SEC 1"},
		{"EC certificate", certPEM(t, k.p256, ""), "EC", &k.p256.PublicKey, false, "X.509 certificate (PEM)"},

		{"Ed25519 PKIX public", pkixPEM(t, k.ed.Public()), "OKP", k.ed.Public(), false, "PKIX"},
		{"Ed25519 PKCS8 private", pkcs8PEM(t, k.ed), "OKP", k.ed.Public(), true, "PKCS #8"},
		{"Ed25519 certificate", certPEM(t, k.ed, "ed.example"), "OKP", k.ed.Public(), false, `"ed.example"`},

		{"newlines replaced by spaces", strings.ReplaceAll(rsaPKIX, "\n", " "), "RSA", &k.rsa.PublicKey, false, "PKIX"},
		{"newlines removed", strings.ReplaceAll(p256PKIX, "\n", ""), "EC", &k.p256.PublicKey, false, "PKIX"},
		{"literal backslash n", strings.ReplaceAll(rsaPKIX, "\n", `\n`), "RSA", &k.rsa.PublicKey, false, "PKIX"},
		{"literal backslash r backslash n", strings.ReplaceAll(p256PKIX, "\n", `\r\n`), "EC", &k.p256.PublicKey, false, "PKIX"},
		{"CRLF line ends", strings.ReplaceAll(p256PKIX, "\n", "\r\n"), "EC", &k.p256.PublicKey, false, "PKIX"},
		{"surrounding white space", "\n \t" + p256PKIX + "\n\n", "EC", &k.p256.PublicKey, false, "PKIX"},
		{"indented, as in YAML", "    " + strings.ReplaceAll(p256PKIX, "\n", "\n    "), "EC", &k.p256.PublicKey, false, "PKIX"},
		{"trailing text", p256PKIX + "that was the key\n", "EC", &k.p256.PublicKey, false, "PKIX"},
		{"spaces, with EC PARAMETERS", strings.ReplaceAll(ecParamsPEM(t, k.p384.Curve)+sec1PEM(t, k.p384), "\n", " "), "EC", &k.p384.PublicKey, true, "SEC 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys.Detect(tt.text); got != keys.FormatPEM {
				t.Errorf("Detect = %q, want %q", got, keys.FormatPEM)
			}
			set, err := keys.Parse(tt.text, "")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if set.Format != keys.FormatPEM || len(set.Keys) != 1 {
				t.Fatalf("Parse = format %q with %d keys, want pem with 1", set.Format, len(set.Keys))
			}
			key := set.Keys[0]
			if key.Type != tt.typ {
				t.Errorf("Type = %q, want %q", key.Type, tt.typ)
			}
			if !publicEqual(key.Public, tt.public) {
				t.Errorf("Public = %T, not the key that was encoded", key.Public)
			}
			if got := key.Private != nil; got != tt.private {
				t.Errorf("has private key = %v, want %v", got, tt.private)
			}
			if tt.private && !publicEqual(key.Private.Public(), tt.public) {
				t.Errorf("Private does not belong to the public key")
			}
			if !strings.Contains(key.Source, tt.source) {
				t.Errorf("Source = %q, want it to contain %q", key.Source, tt.source)
			}
			if key.Secret != nil || key.Kid != "" || key.Alg != "" || key.Use != "" {
				t.Errorf("PEM key has JWK-only fields: %+v", key)
			}
		})
	}
}

func TestParsePEMSeveralBlocks(t *testing.T) {
	k := newKeys(t)
	text := pkixPEM(t, &k.rsa.PublicKey) + pkcs8PEM(t, k.p256) + pkixPEM(t, k.ed.Public())
	set, err := keys.Parse(text, "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := []crypto.PublicKey{&k.rsa.PublicKey, &k.p256.PublicKey, k.ed.Public()}
	if len(set.Keys) != len(want) {
		t.Fatalf("Parse gave %d keys, want %d", len(set.Keys), len(want))
	}
	for i, key := range set.Keys {
		if !publicEqual(key.Public, want[i]) {
			t.Errorf("key %d is not the key encoded in block %d", i, i+1)
		}
	}
}

func TestParsePEMErrors(t *testing.T) {
	k := newKeys(t)
	rsaPKIX := pkixPEM(t, &k.rsa.PublicKey)
	lines := strings.Split(strings.TrimSpace(rsaPKIX), "\n")
	legacyEncrypted := string(pem.EncodeToMemory(&pem.Block{
		Type:    "RSA PRIVATE KEY",
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF"},
		Bytes:   []byte("not really ciphertext, but it never gets that far"),
	}))
	x25519, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"encrypted PKCS8", pemText("ENCRYPTED PRIVATE KEY", []byte{0x30, 0x00}), []string{"encrypted with a passphrase", "openssl pkey"}},
		{"encrypted legacy", legacyEncrypted, []string{"encrypted with a passphrase"}},
		{"no END line", strings.Join(lines[:len(lines)-1], "\n"), []string{"incomplete", "-----END"}},
		{"body cut short", strings.Join(append(lines[:3:3], lines[len(lines)-1]), "\n"), []string{`"PUBLIC KEY"`, "not a valid PKIX public key"}},
		{"body cut mid-line", strings.Join(lines[:3], "\n") + "\n" + lines[3][:17] + "\n" + lines[len(lines)-1], []string{`"PUBLIC KEY"`, "base64"}},
		{"unknown block type", pemText("OPENSSH PRIVATE KEY", []byte("openssh-key-v1")), []string{`"OPENSSH PRIVATE KEY"`, "not a key this playground reads"}},
		{"DSA key", pemText("DSA PRIVATE KEY", []byte{0x30, 0x00}), []string{`"DSA PRIVATE KEY"`}},
		{"only EC PARAMETERS", ecParamsPEM(t, k.p256.Curve), []string{"holds no key", `"EC PARAMETERS"`}},
		{"garbage DER", pemText("PUBLIC KEY", []byte("garbage")), []string{`"PUBLIC KEY"`, "PKIX public key"}},
		{"PKIX labelled as PKCS1 private", strings.ReplaceAll(rsaPKIX, "PUBLIC KEY", "RSA PRIVATE KEY"), []string{`"RSA PRIVATE KEY"`, "PKCS #1 RSA private key"}},
		{"BEGIN and END differ", strings.ReplaceAll(strings.Replace(rsaPKIX, "END PUBLIC KEY", "END PRIVATE KEY", 1), "\n", " "), []string{`begins as "PUBLIC KEY" but ends as "PRIVATE KEY"`}},
		{"bad base64 without newlines", strings.ReplaceAll(strings.Replace(rsaPKIX, "MII", "M*I", 1), "\n", " "), []string{"not valid base64"}},
		{"second block bad", rsaPKIX + pemText("PUBLIC KEY", []byte("garbage")), []string{"PEM block 2:"}},
		{"X25519 key", pkixPEM(t, x25519.PublicKey()), []string{"cannot sign JWTs", "key agreement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys.Detect(tt.text); got != keys.FormatPEM {
				t.Fatalf("Detect = %q, want pem", got)
			}
			set, err := keys.Parse(tt.text, "")
			checkError(t, err, jwterr.KeyInvalid, jwterr.PartKey, noOffset, tt.want...)
			if set != nil && len(set.Keys) > 0 {
				t.Errorf("Parse returned %d keys with its error", len(set.Keys))
			}
		})
	}
}

// TestPEMKeyTypes checks the Go types the PEM keys come out as, which the
// signing methods of golang-jwt require.
func TestPEMKeyTypes(t *testing.T) {
	k := newKeys(t)
	tests := []struct {
		name    string
		text    string
		check   func(pub crypto.PublicKey, priv crypto.Signer) bool
		private bool
	}{
		{"RSA", pkcs8PEM(t, k.rsa), func(pub crypto.PublicKey, priv crypto.Signer) bool {
			_, ok1 := pub.(*rsa.PublicKey)
			_, ok2 := priv.(*rsa.PrivateKey)
			return ok1 && ok2
		}, true},
		{"EC", pkcs8PEM(t, k.p384), func(pub crypto.PublicKey, priv crypto.Signer) bool {
			_, ok1 := pub.(*ecdsa.PublicKey)
			_, ok2 := priv.(*ecdsa.PrivateKey)
			return ok1 && ok2
		}, true},
		{"Ed25519", pkcs8PEM(t, k.ed), func(pub crypto.PublicKey, priv crypto.Signer) bool {
			_, ok1 := pub.(ed25519.PublicKey)
			_, ok2 := priv.(ed25519.PrivateKey)
			return ok1 && ok2
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := parseOne(t, tt.text)
			if !tt.check(key.Public, key.Private) {
				t.Errorf("Public %T, Private %T: not the types golang-jwt expects", key.Public, key.Private)
			}
		})
	}
}

// TestArmored checks the scan for PEM blocks whose line breaks were lost.
func TestArmored(t *testing.T) {
	k := newKeys(t)
	pemText := pkixPEM(t, k.p256.Public())
	oneLine := strings.ReplaceAll(strings.TrimSpace(pemText), "\n", " ")
	for name, text := range map[string]string{
		"spaces for line breaks":                oneLine,
		"after a BEGIN with a lower case label": "-----BEGIN junk----- " + oneLine,
		"two blocks on one line":                oneLine + " " + oneLine,
	} {
		t.Run(name, func(t *testing.T) {
			set, err := keys.Parse(text, "")
			if err != nil || len(set.Keys) == 0 || !publicEqual(set.Keys[0].Public, k.p256.Public()) {
				t.Fatalf("Parse = %+v, %v", set, err)
			}
		})
	}
	_, err := keys.Parse("-----BEGIN PUBLIC KEY----- AAAA -----END PRIVATE KEY-----", "")
	checkError(t, err, jwterr.KeyInvalid, jwterr.PartKey, noOffset, `begins as "PUBLIC KEY" but ends as "PRIVATE KEY"`)
}
