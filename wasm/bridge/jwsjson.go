//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// registerJWSJSON adds toCompact and toJSON. decode and verify recognise a
// JWS in the JSON serialization (RFC 7515 §7.2) by its opening brace, on
// both call paths, and answer with its signatures.
func registerJWSJSON(api js.Value) {
	api.Set("toCompact", export("toCompact", toCompact))
	api.Set("toJSON", export("toJSON", toJSON))
}

// doDecodeJSON is decode's answer for a JWS JSON.
func doDecodeJSON(text string) any {
	d, err := token.DecodeJSON(text)
	return struct {
		result
		*token.JSONDecoded
	}{envelope(err), d}
}

// doVerifyJSON is verify's answer for a JWS JSON.
func doVerifyJSON(text string, o options) any {
	opts, err := o.verifyOptions()
	if err != nil {
		return fail(err)
	}
	v, err := token.VerifyJSON(text, opts)
	return struct {
		result
		*token.JSONVerification
	}{envelope(err), v}
}

func toCompact(args []js.Value) any {
	text, err := stringArg(args, 0, "toCompact", "the JWS JSON")
	if err != nil {
		return fail(err)
	}
	tok, err := token.ToCompact(text)
	if err != nil {
		return fail(err)
	}
	return encoded(tok)
}

func toJSON(args []js.Value) any {
	tok, err := stringArg(args, 0, "toJSON", "the token")
	if err != nil {
		return fail(err)
	}
	j, err := token.ToJSON(tok)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		JSON string `json:"json"`
	}{result{OK: true}, j}
}
