package token

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/numdate"
)

// checkClaims checks the registered claims of RFC 7519 section 4.1 against
// opts, returning every failure rather than the first.
func checkClaims(claims map[string]any, opts *VerifyOptions) []*jwterr.Error {
	// Not UnixNano, which overflows outside the years 1678 to 2262.
	now := numdate.Seconds(opts.Now)
	leeway := opts.Leeway.Seconds()
	var errs []*jwterr.Error
	add := func(e *jwterr.Error) {
		if e != nil {
			errs = append(errs, e.In(jwterr.PartPayload))
		}
	}
	if exp, ok, err := numericDate(claims, "exp"); err != nil {
		add(err)
	} else if ok && now >= exp+leeway {
		// RFC 7519 4.1.4: the current time must be before exp.
		add(jwterr.New(jwterr.TokenExpired, "the token expired %s (exp %s)", numdate.Relative(exp-now), numdate.Format(exp)))
	}
	if nbf, ok, err := numericDate(claims, "nbf"); err != nil {
		add(err)
	} else if ok && now+leeway < nbf {
		add(jwterr.New(jwterr.TokenNotValidYet, "the token is not valid yet: it becomes valid %s (nbf %s)", numdate.Relative(nbf-now), numdate.Format(nbf)))
	}
	if iat, ok, err := numericDate(claims, "iat"); err != nil {
		add(err)
	} else if ok && now+leeway < iat {
		add(jwterr.New(jwterr.TokenUsedBeforeIssued, "the token says it was issued in the future, %s (iat %s)", numdate.Relative(iat-now), numdate.Format(iat)))
	}
	if opts.Issuer != "" {
		add(checkIssuer(claims, opts.Issuer))
	}
	if len(opts.Audience) > 0 {
		add(checkAudience(claims, opts.Audience))
	}
	return errs
}

// numericDate reads a NumericDate claim: seconds since 1970, possibly
// fractional. ok is false when the claim is absent.
func numericDate(claims map[string]any, name string) (float64, bool, *jwterr.Error) {
	v, present := claims[name]
	if !present {
		return 0, false, nil
	}
	if n, isNum := v.(json.Number); isNum {
		// A number beyond float64's range parses as ±Inf with an error:
		// an exp of 1e400 is in the far future, not invalid.
		f, _ := strconv.ParseFloat(n.String(), 64)
		return f, true, nil
	}
	return 0, false, jwterr.New(jwterr.ClaimInvalid, "%q must be a NumericDate (a number of seconds since 1970), not %s", name, DescribeJSON(v))
}

func checkIssuer(claims map[string]any, want string) *jwterr.Error {
	switch iss := claims["iss"].(type) {
	case nil:
		return jwterr.New(jwterr.InvalidIssuer, "the token has no \"iss\" claim; expected issuer %s", jwterr.Clip(want))
	case string:
		if iss != want {
			return jwterr.New(jwterr.InvalidIssuer, "the issuer is %s, not the expected %s", jwterr.Clip(iss), jwterr.Clip(want))
		}
		return nil
	default:
		return jwterr.New(jwterr.InvalidIssuer, "\"iss\" must be a string, not %s", DescribeJSON(iss))
	}
}

// checkAudienceOption refuses an expected audience list with an empty
// item: it would pass a token whose aud is "" (as jose's would), which no
// issuer means, and it is what splitting "api, " leaves behind. Any other
// list is a set of exact strings, one of which aud must hold.
func checkAudienceOption(want []string) error {
	for i, w := range want {
		if w == "" {
			return jwterr.New(jwterr.BadInput, "the expected audience %d of %d is empty: give each audience as a non-empty string", i+1, len(want))
		}
	}
	return nil
}

// checkAudience accepts aud as one string or an array of strings, and passes
// when it holds any of the expected audiences.
func checkAudience(claims map[string]any, want []string) *jwterr.Error {
	var have []string
	switch aud := claims["aud"].(type) {
	case nil:
		return jwterr.New(jwterr.InvalidAudience, "the token has no \"aud\" claim; expected %s", quoteList(want))
	case string:
		have = []string{aud}
	case []any:
		for _, a := range aud {
			s, ok := a.(string)
			if !ok {
				return jwterr.New(jwterr.InvalidAudience, "\"aud\" must hold strings, but it holds %s", DescribeJSON(a))
			}
			have = append(have, s)
		}
	default:
		return jwterr.New(jwterr.InvalidAudience, "\"aud\" must be a string or an array of strings, not %s", DescribeJSON(aud))
	}
	// One pass over each list: a token of 65,000 audiences against 100
	// expected ones costs 65,100 steps, not 6.5 million comparisons.
	wanted := make(map[string]bool, len(want))
	for _, w := range want {
		wanted[w] = true
	}
	for _, h := range have {
		if wanted[h] {
			return nil
		}
	}
	return jwterr.New(jwterr.InvalidAudience, "the audience is %s, which does not include %s", quoteList(have), quoteList(want))
}

// maxListed bounds the strings quoteList names: a message listing 65,000
// audiences would be a megabyte nobody reads.
const maxListed = 10

// quoteList names the strings ss, at most maxListed of them, and counts the
// rest.
func quoteList(ss []string) string {
	if len(ss) == 0 {
		return "empty"
	}
	q := make([]string, min(len(ss), maxListed))
	for i := range q {
		q[i] = jwterr.Clip(ss[i])
	}
	list := strings.Join(q, " or ")
	if more := len(ss) - len(q); more > 0 {
		list += fmt.Sprintf(" (and %d more)", more)
	}
	return list
}

// DescribeJSON names a JSON value for messages: "the string \"x\"",
// "the number 5", "an array".
func DescribeJSON(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + jwterr.Clip(v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("the boolean %v", v)
	case nil:
		return "null"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%v", v)
}

// CheckClaims checks the registered claims of a claims set against opts as
// Verify does, returning every failure. It serves claims that are not a
// token's own payload, such as an SD-JWT's payload once its disclosures
// are applied, where an "exp" may have been disclosed.
func CheckClaims(claims map[string]any, opts VerifyOptions) []*jwterr.Error {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	return checkClaims(claims, &opts)
}
