// Package lint finds what is risky or wrong in a token, with RFC 8725 (JSON
// Web Token Best Current Practices) as the reference. A finding is advice:
// it never changes whether a signature verifies.
package lint

import (
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// Severity ranks a finding.
type Severity string

// The severities, most serious first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
	Info   Severity = "info"
)

// Finding is one problem, with what to do about it and where the advice comes from.
type Finding struct {
	// Code is stable: the JavaScript API documents every code.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix"`
	// Ref is the section of the RFC behind the advice.
	Ref string `json:"ref"`
}

// Options give the key in use (for secret strength and algorithm
// confusion) and the time to judge claims at.
type Options struct {
	Key            string
	SecretEncoding keys.Encoding
	// Now is the time claims are judged at; zero means the current time.
	Now time.Time
}

// input is what the rules look at.
type input struct {
	d      *token.Decoded
	header map[string]any
	// claims are the top-level claims the rules judge by value (see
	// topLevel), or nil when the payload is not an object. walk reads
	// what nests.
	claims map[string]any
	opts   Options
	now    float64
}

// rule adds the findings of one check.
type rule func(in *input, add func(Finding))

// rules run in this order; findings are sorted by severity afterwards.
var rules = []rule{
	algNone, keyStrength, weakKey, noExp, claimTimes, millisecondTimes, sensitiveClaims,
	headerKeyURL, embeddedJWK, embeddedX5C, suspiciousKid, unknownCrit, duplicateMembers,
	noncanonicalBase64, unexpectedTyp,
}

// MaxPerCode bounds the findings of one code: a header whose crit names
// 20,000 parameters would otherwise make 20,000 findings, megabytes of
// answer for the page's thread to make and show.
const MaxPerCode = 10

// Lint decodes tok and returns its findings, most serious first, at most
// MaxPerCode of each code. A token
// that cannot be decoded is an error, as in token.Decode. An encrypted
// token (JWE) is judged by its protected header (see lintJWE).
func Lint(tok string, opts Options) ([]Finding, error) {
	if jwe.IsCompact(tok) {
		return lintJWE(tok)
	}
	d, err := token.Decode(tok)
	if err != nil {
		return nil, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	in := &input{d: d, opts: opts, now: seconds(opts.Now)}
	in.header = d.HeaderMembers()
	in.claims = topLevel(d.Payload)
	findings := []Finding{}
	perCode := map[string]int{}
	add := func(f Finding) {
		if perCode[f.Code]++; perCode[f.Code] <= MaxPerCode {
			findings = append(findings, f)
		}
	}
	for _, r := range rules {
		r(in, add)
	}
	sortBySeverity(findings)
	return findings, nil
}

// topLevel reads the claims the rules judge (exp, nbf, iat, auth_time)
// from the JSON object raw holds, the last of duplicates winning as
// everywhere; it returns nil when raw is not an object. Only those values
// are kept: a map of every member of a 60,000-member payload cost lint
// more than all its rules. walk reads the rest.
func topLevel(raw []byte) map[string]any {
	if !jsonv.IsObject(raw) {
		return nil
	}
	claims := map[string]any{}
	for name, value := range jsonv.All(raw) {
		switch name {
		case "exp", "nbf", "iat", "auth_time":
			claims[name], _ = jsonv.Parse(value, limits.MaxJSONDepth)
		}
	}
	return claims
}
