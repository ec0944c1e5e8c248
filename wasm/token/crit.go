package token

import (
	"slices"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// understoodCrit lists the extensions a "crit" may name because the
// playground implements them: only b64, the unencoded payload of RFC 7797.
var understoodCrit = map[string]bool{"b64": true}

// registeredHeader lists the header parameters that JWS and JWE define
// themselves (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6 to §4.8): "crit"
// must not name them, as they are understood by definition.
var registeredHeader = map[string]bool{
	"alg": true, "jku": true, "jwk": true, "kid": true, "x5u": true, "x5c": true, "x5t": true,
	"x5t#S256": true, "typ": true, "cty": true, "crit": true,
	"enc": true, "zip": true, "epk": true, "apu": true, "apv": true, "iv": true, "tag": true,
	"p2s": true, "p2c": true,
}

// checkCrit says why a verifier must refuse the header's "crit" and "b64",
// or returns nil. RFC 7515 §4.1.11: "crit" is a non-empty list of distinct
// names, each present in the header, none registered, and a verifier
// rejects a token whose "crit" names an extension it does not understand.
// RFC 7797 §6: "b64" is a boolean, and "crit" must name it. These are
// jose's rules too, but for the registered names, which jose does not check.
func checkCrit(header map[string]any) *jwterr.Error {
	if raw, ok := header["crit"]; ok {
		if err := checkCritList(header, raw); err != nil {
			return err.In(jwterr.PartHeader)
		}
	}
	b64, ok := header["b64"]
	if !ok {
		return nil
	}
	if !critNames(header, "b64") {
		return jwterr.New(jwterr.CritInvalid, `the header has "b64" but its "crit" does not name it: RFC 7797 §6 requires "crit" to list "b64", so that verifiers that do not implement it refuse the token`).In(jwterr.PartHeader)
	}
	if _, isBool := b64.(bool); !isBool {
		return jwterr.New(jwterr.CritInvalid, `"b64" must be true or false (RFC 7797 §3), not %s`, DescribeJSON(b64)).In(jwterr.PartHeader)
	}
	return nil
}

func checkCritList(header map[string]any, raw any) *jwterr.Error {
	list, ok := raw.([]any)
	if !ok || len(list) == 0 {
		return jwterr.New(jwterr.CritInvalid, `"crit" must be a non-empty array of header parameter names (RFC 7515 §4.1.11), not %s`, describeCrit(raw))
	}
	for i, v := range list {
		name, isString := v.(string)
		switch _, present := header[name]; {
		case !isString:
			return jwterr.New(jwterr.CritInvalid, `"crit" must hold header parameter names, but crit[%d] is %s`, i, DescribeJSON(v))
		case name == "":
			return jwterr.New(jwterr.CritInvalid, `"crit" must hold header parameter names, but crit[%d] is the empty string`, i)
		case slices.Contains(list[:i], v):
			return jwterr.New(jwterr.CritInvalid, `"crit" names %s twice (RFC 7515 §4.1.11)`, jwterr.Clip(name))
		case registeredHeader[name]:
			return jwterr.New(jwterr.CritInvalid, `"crit" names %s, which JWS and JWE define themselves: "crit" must list extensions only (RFC 7515 §4.1.11)`, jwterr.Clip(name))
		case !understoodCrit[name]:
			return jwterr.New(jwterr.CritUnsupported, `"crit" names %s, an extension the playground does not implement: a verifier must reject a token whose "crit" it does not understand (RFC 7515 §4.1.11)`, jwterr.Clip(name))
		case !present:
			return jwterr.New(jwterr.CritInvalid, `"crit" names %s, which the header does not have (RFC 7515 §4.1.11)`, jwterr.Clip(name))
		}
	}
	return nil
}

// describeCrit describes a "crit" that is not a non-empty array.
func describeCrit(v any) string {
	if list, ok := v.([]any); ok && len(list) == 0 {
		return "the empty array"
	}
	return DescribeJSON(v)
}

// critNames reports whether the header's "crit" is an array naming name.
func critNames(header map[string]any, name string) bool {
	list, _ := header["crit"].([]any)
	return slices.Contains(list, any(name))
}

// unencoded reports whether the header asks for RFC 7797's unencoded
// payload: "b64" is false and "crit" names it. Then the payload part is the
// payload itself, signed as written, and never base64url.
func unencoded(header map[string]any) bool {
	b64, ok := header["b64"].(bool)
	return ok && !b64 && critNames(header, "b64")
}

// checkUnencoded checks an unencoded payload for the compact form: no
// period, which would end it (RFC 7797 §5.2), and ASCII only, as jose's
// compactVerify requires. offset is where payload starts in the token (0
// for a payload to encode).
func checkUnencoded(payload string, offset int) *jwterr.Error {
	for i := 0; i < len(payload); i++ {
		c := payload[i]
		if c != '.' && c < utf8.RuneSelf {
			continue
		}
		why := "a period, which would end it (RFC 7797 §5.2)"
		if c != '.' {
			why = "not ASCII, which is all a compact token can carry unencoded (jose refuses it too)"
		}
		return jwterr.New(jwterr.Malformed, `the payload is unencoded (the header says "b64": false): %s at offset %d is %s`, jwterr.CharAt(payload, i), offset+i, why).In(jwterr.PartPayload).At(offset + i)
	}
	return nil
}
