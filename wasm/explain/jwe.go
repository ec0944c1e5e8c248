package explain

import (
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/numdate"
)

// explainJWE explains an encrypted token's protected header; its claims
// are encrypted, so there are none to explain before decryption (the page
// explains the decrypted payload as a token of its own).
func explainJWE(text string, now time.Time) (*Explanation, error) {
	t, err := jwe.Parse(text)
	if err != nil {
		return nil, err
	}
	e := &Explanation{Claims: []Entry{}}
	e.Header, e.HeaderOmitted = entries(t.Header, headers, numdate.Seconds(now))
	return e, nil
}
