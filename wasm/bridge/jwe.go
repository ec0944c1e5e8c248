//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// registerJWE adds the functions of encrypted tokens (RFC 7516): decrypt
// and encrypt. decode reads a JWE's protected header by itself.
func registerJWE(api js.Value) {
	api.Set("decrypt", export("decrypt", decrypt))
	api.Set("encrypt", export("encrypt", encrypt))
}

// nestedResult is decode's answer for a decrypted plaintext that is a
// token: the page verifies it with its own key.
type nestedResult struct {
	result
	*token.Decoded
}

func decrypt(args []js.Value) any {
	tok, err := stringArg(args, 0, "decrypt", "the token")
	if err != nil {
		return fail(err)
	}
	o := arg(args, 1)
	if t := typeOf(o); t != js.TypeObject && t != js.TypeUndefined && t != js.TypeNull {
		return fail(badInput("decrypt expects its options as an object {key, secretEncoding?}, not %s", typeName(o)))
	}
	var key, encName string
	if typeOf(o) == js.TypeObject {
		if key, err = optString(o, "key"); err != nil {
			return fail(err)
		}
		if encName, err = optString(o, "secretEncoding"); err != nil {
			return fail(err)
		}
	}
	enc, err := keys.ParseEncoding(encName)
	if err != nil {
		return fail(err)
	}
	d, err := jwe.Decrypt(tok, key, enc)
	var nested *nestedResult
	if err == nil && d.Nested {
		inner, innerErr := token.Decode(strings.TrimSpace(d.Plaintext))
		nested = &nestedResult{envelope(innerErr), inner}
	}
	return struct {
		result
		*jwe.Decrypted
		Nested *nestedResult `json:"nested,omitempty"`
	}{envelope(err), d, nested}
}

func encrypt(args []js.Value) any {
	in := arg(args, 0)
	if typeOf(in) != js.TypeObject {
		return fail(badInput("encrypt expects an object {header, payload, key, secretEncoding?}, not %s", typeName(in)))
	}
	var e jwe.EncryptInput
	var encName string
	var err error
	if e.Header, err = jsonText(member(in, "header"), "header"); err != nil {
		return fail(err)
	}
	// The payload is any text (a signed token to nest), or an object.
	if e.Payload, err = jsonText(member(in, "payload"), "payload"); err != nil {
		return fail(err)
	}
	if e.Key, err = optString(in, "key"); err != nil {
		return fail(err)
	}
	if encName, err = optString(in, "secretEncoding"); err != nil {
		return fail(err)
	}
	if e.SecretEncoding, err = keys.ParseEncoding(encName); err != nil {
		return fail(err)
	}
	tok, err := jwe.Encrypt(e)
	if err != nil {
		return fail(err)
	}
	return encoded(tok)
}
