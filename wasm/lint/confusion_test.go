package lint_test

import (
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/lint"
)

// TestKeyConfusionForms checks that key_confusion fires for public key text
// in each form people paste (issue 12, item 3), whether the text is read as
// a key or refused, and in every secret encoding; and stays quiet for a
// strong secret.
func TestKeyConfusionForms(t *testing.T) {
	forms := testkeys.Forms(t)
	forms = append(forms,
		testkeys.Form{Name: "ssh-dss line", Text: "ssh-dss AAAAB3NzaC1kc3MAAACBAP user@host"},
		testkeys.Form{Name: "END line alone", Text: "-----END PUBLIC KEY-----"},
		testkeys.Form{Name: "JSON array of numbers", Text: "[1, 2]"},
	)
	for _, f := range forms {
		for _, enc := range []keys.Encoding{keys.UTF8, keys.Base64} {
			t.Run(f.Name+"/"+string(enc), func(t *testing.T) {
				fs, err := lint.Lint(tok(hs256, good), lint.Options{Key: f.Text, SecretEncoding: enc, Now: now})
				if err != nil {
					t.Fatal(err)
				}
				var hit *lint.Finding
				for i := range fs {
					if fs[i].Code == "key_confusion" {
						hit = &fs[i]
					}
				}
				if hit == nil {
					t.Fatalf("no key_confusion finding; findings %+v", fs)
				}
				if hit.Severity != lint.High || !strings.Contains(hit.Message, "HS256") || !strings.Contains(hit.Message, "algorithm confusion") {
					t.Errorf("finding = %+v, want high, naming HS256 and algorithm confusion", *hit)
				}
			})
		}
	}
	fs, err := lint.Lint(tok(hs256, good), lint.Options{Key: strong, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if hasCode(fs, "key_confusion") {
		t.Errorf("key_confusion for a strong secret: %+v", fs)
	}
}
