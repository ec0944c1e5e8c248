package lint_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/lint"
)

// FuzzLint checks that any token and key give findings or a *jwterr.Error,
// never a panic, and that every finding is complete.
func FuzzLint(f *testing.F) {
	f.Add(tok(hs256, good), "secret")
	f.Add(tok(`{"alg":"HS256","crit":["x"],"x":1,"kid":"../a"}`, `{"a":{"a":1,"a":2},"exp":1e13,"password":"x"}`), "")
	f.Add(tok(`{"alg":"none"}`, `[1,{"b":[{"c":{}}]}]`), "-----BEGIN PUBLIC KEY-----")
	f.Fuzz(func(t *testing.T, token, key string) {
		fs, err := lint.Lint(token, lint.Options{Key: key, Now: time.Unix(1700000000, 0)})
		if err != nil {
			var e *jwterr.Error
			if !errors.As(err, &e) || e.Code == "" || e.Message == "" {
				t.Fatalf("error %v is not a complete *jwterr.Error", err)
			}
			return
		}
		for _, f := range fs {
			if f.Code == "" || f.Severity == "" || f.Message == "" || f.Fix == "" || f.Ref == "" {
				t.Fatalf("incomplete finding %+v", f)
			}
		}
	})
}
