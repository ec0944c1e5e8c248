package jwe

import (
	"slices"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// registered lists the header parameters JWS and JWE define themselves
// (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6 to §4.8): "crit" must not
// name them, as they are understood by definition.
var registered = map[string]bool{
	"alg": true, "jku": true, "jwk": true, "kid": true, "x5u": true, "x5c": true, "x5t": true,
	"x5t#S256": true, "typ": true, "cty": true, "crit": true,
	"enc": true, "zip": true, "epk": true, "apu": true, "apv": true, "iv": true, "tag": true,
	"p2s": true, "p2c": true,
}

// checkCrit says why a recipient must refuse the header's "crit", or
// returns nil. The rules are wasm/token's (RFC 7515 §4.1.11, which RFC 7516
// §4.1.13 applies to JWE): a non-empty list of distinct names, each present,
// none registered. No JWE extension is understood here (nor by jose, whose
// JWE_RECOGNIZED is empty: RFC 7797's "b64" is for signatures), so a valid
// "crit" is always crit_unsupported.
func checkCrit(header map[string]any) *jwterr.Error {
	raw, ok := header["crit"]
	if !ok {
		return nil
	}
	list, ok := raw.([]any)
	if !ok || len(list) == 0 {
		what := describe(raw)
		if ok {
			what = "the empty array"
		}
		return critErr(jwterr.CritInvalid, `"crit" must be a non-empty array of header parameter names (RFC 7515 §4.1.11), not %s`, what)
	}
	for i, v := range list {
		name, isString := v.(string)
		switch {
		case !isString:
			return critErr(jwterr.CritInvalid, `"crit" must hold header parameter names, but crit[%d] is %s`, i, describe(v))
		case name == "":
			return critErr(jwterr.CritInvalid, `"crit" must hold header parameter names, but crit[%d] is the empty string`, i)
		case slices.Contains(list[:i], v):
			return critErr(jwterr.CritInvalid, `"crit" names %s twice (RFC 7515 §4.1.11)`, jwterr.Clip(name))
		case registered[name]:
			return critErr(jwterr.CritInvalid, `"crit" names %s, which JWS and JWE define themselves: "crit" must list extensions only (RFC 7515 §4.1.11)`, jwterr.Clip(name))
		default:
			return critErr(jwterr.CritUnsupported, `"crit" names %s, an extension the playground does not implement: a recipient must reject a token whose "crit" it does not understand (RFC 7516 §4.1.13)`, jwterr.Clip(name))
		}
	}
	return nil
}

func critErr(code jwterr.Code, format string, args ...any) *jwterr.Error {
	return jwterr.New(code, format, args...).In(jwterr.PartHeader)
}
