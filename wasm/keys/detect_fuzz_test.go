package keys_test

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// FuzzKeyText checks the rule at the root of algorithm confusion: text
// with the marks of a key (PEM armour, JSON, an OpenSSH key type) is never
// read as a secret, in any encoding, and nothing panics.
func FuzzKeyText(f *testing.F) {
	for _, form := range testkeys.Forms(f) {
		f.Add(form.Text, uint8(0))
	}
	for _, s := range []string{"[1]", "-----END X-----", `"ssh-rsa AAAA"`, "\uFEFF{", "MIIB", "ssh-is-a-secret", `"\u0000"`} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, text string, encIndex uint8) {
		enc := fuzzEncodings[int(encIndex)%len(fuzzEncodings)]
		set, err := keys.Parse(text, enc)
		if err != nil {
			if e := asError(t, err); e.Offset != nil && (*e.Offset < 0 || *e.Offset > len(text)) {
				t.Errorf("error offset %d is outside the key text (%d bytes)", *e.Offset, len(text))
			}
			return
		}
		if set.Format != keys.FormatSecret {
			if set.Format != keys.Detect(text) {
				t.Errorf("Format = %q, but Detect says %q", set.Format, keys.Detect(text))
			}
			return
		}
		plain := strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, text)
		trimmed := strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
		switch {
		case strings.Contains(plain, "-----BEGIN"), strings.Contains(plain, "-----END"):
			t.Errorf("PEM armour read as a secret: %q", text)
		case strings.HasPrefix(trimmed, "{"), strings.HasPrefix(trimmed, "[{"):
			t.Errorf("JSON object read as a secret: %q", text)
		}
		for line := range strings.Lines(plain) {
			if f := strings.Fields(line); len(f) > 1 && (f[0] == "ssh-rsa" || f[0] == "ssh-ed25519" || strings.HasPrefix(f[0], "ecdsa-sha2-nistp")) {
				t.Errorf("OpenSSH key line read as a secret: %q", text)
			}
		}
	})
}

// sshTypes are the key types FuzzSSHBlob chooses from by index.
var sshTypes = []string{"ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-dss", "sk-ssh-ed25519@openssh.com", "ssh-ed25519-cert-v01@openssh.com"}

// FuzzSSHBlob feeds the OpenSSH wire-format reader arbitrary key data
// under each key type: it reads exactly a key of that type or refuses it
// with key_invalid (too_large for a huge RSA modulus).
func FuzzSSHBlob(f *testing.F) {
	for _, form := range testkeys.Forms(f) {
		typ, rest, _ := strings.Cut(form.Text, " ")
		i := slices.Index(sshTypes, typ)
		blob, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
		if b, err := base64.StdEncoding.DecodeString(blob); err == nil && i >= 0 {
			f.Add(uint8(i), b)
		}
	}
	f.Add(uint8(0), []byte("\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x01\x00"))
	f.Fuzz(func(t *testing.T, typeIndex uint8, blob []byte) {
		typ := sshTypes[int(typeIndex)%len(sshTypes)]
		b64 := base64.StdEncoding.EncodeToString(blob)
		set, err := keys.Parse(typ+" "+b64+" fuzz", "")
		if err != nil {
			// Key data that does not start as every key does (the length
			// of its type name, "AAAA" in base64) is refused as a secret.
			c := jwterr.CodeOf(err)
			if c != jwterr.KeyInvalid && c != jwterr.TooLarge && (c != jwterr.KeyMismatch || strings.HasPrefix(b64, "AAAA")) {
				t.Errorf("error code %q (%v), want key_invalid or too_large", c, err)
			}
			return
		}
		if set.Format != keys.FormatSSH {
			t.Fatalf("Format = %q, want ssh", set.Format)
		}
		want := map[string]string{"ssh-rsa": "RSA", "ssh-ed25519": "OKP"}[typ]
		if strings.HasPrefix(typ, "ecdsa-sha2-") {
			want = "EC"
		}
		for _, k := range set.Keys {
			if k.Type != want || !strings.HasPrefix(k.Source, "OpenSSH "+typ+" public key") {
				t.Errorf("%s line read as a %s key from %q", typ, k.Type, k.Source)
			}
			checkFuzzKey(t, 0, k)
		}
	})
}
