package lint_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/lint"
)

// TestLintNewAlgorithms checks that ES256K and ML-DSA tokens are nothing
// to warn about, and that their keys offered as an HMAC secret are the
// algorithm-confusion attack, as any other public key is.
func TestLintNewAlgorithms(t *testing.T) {
	for _, alg := range []string{"ES256K", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"} {
		fs, err := lint.Lint(tok(`{"alg":"`+alg+`","typ":"JWT"}`, good), lint.Options{Now: now})
		if err != nil || len(fs) != 0 {
			t.Errorf("%s: findings %+v, %v; want none", alg, fs, err)
		}
	}
	pub := testkeys.Get(t).MLDSA["ML-DSA-44"][0].PublicKey()
	akp := `{"kty":"AKP","alg":"ML-DSA-44","pub":"` + base64.RawURLEncoding.EncodeToString(pub.Bytes()) + `"}`
	fs, err := lint.Lint(tok(hs256, good), lint.Options{Key: akp, Now: now})
	if err != nil || len(fs) == 0 || fs[0].Code != "key_confusion" || !strings.Contains(fs[0].Message, "is an AKP key") {
		t.Errorf("an AKP key for HS256: findings %+v, %v; want key_confusion", fs, err)
	}
}
