//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/syumai/tinyutil/httputil"

	"github.com/jwt-playground/jwt-playground/wasm/jwks"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// registerKeys adds the key functions: inspect, generate, fetch.
func registerKeys(api js.Value) {
	api.Set("inspectKey", export("inspectKey", inspectKey))
	api.Set("generateKey", export("generateKey", generateKey))
	api.Set("algorithms", export("algorithms", algorithms))
	api.Set("fetchJWKS", exportAsync("fetchJWKS", fetchJWKS))
	api.Set("discover", exportAsync("discover", discover))
}

func inspectKey(args []js.Value) any {
	text, err := stringArg(args, 0, "inspectKey", "the key text")
	if err != nil {
		return fail(err)
	}
	o, err := readOptions(arg(args, 1), "inspectKey")
	if err != nil {
		return fail(err)
	}
	return doInspectKey(text, o)
}

func doInspectKey(text string, o options) any {
	enc, err := keys.ParseEncoding(o.SecretEncoding)
	if err != nil {
		return fail(err)
	}
	ins, err := keys.Inspect(text, enc)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		*keys.Inspection
	}{result{OK: true}, ins}
}

func generateKey(args []js.Value) any {
	alg, err := stringArg(args, 0, "generateKey", "the algorithm")
	if err != nil {
		return fail(err)
	}
	o, err := readOptions(arg(args, 1), "generateKey")
	if err != nil {
		return fail(err)
	}
	bits := 0
	if o.Bits != nil {
		bits = int(*o.Bits)
	}
	g, err := keys.Generate(alg, bits)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		*keys.Generated
	}{result{OK: true}, g}
}

// fetcher fetches through the browser's (or node's) fetch: Go's own
// net/http client would link its whole transport into the wasm.
var fetcher = httputil.DefaultClient

func fetchJWKS(args []js.Value) func() any {
	url, err := stringArg(args, 0, "fetchJWKS", "the JWKS URL")
	if err != nil {
		return func() any { return fail(err) }
	}
	return func() any {
		set, err := jwks.Fetch(fetcher, url)
		if err != nil {
			return fail(err)
		}
		return struct {
			result
			JWKS json.RawMessage `json:"jwks"`
		}{result{OK: true}, set}
	}
}

func discover(args []js.Value) func() any {
	issuer, err := stringArg(args, 0, "discover", "the issuer URL")
	if err != nil {
		return func() any { return fail(err) }
	}
	return func() any {
		d, err := jwks.Discover(fetcher, issuer)
		if err != nil {
			return fail(err)
		}
		return struct {
			result
			*jwks.Discovery
		}{result{OK: true}, d}
	}
}

// algorithms answers {ok, algorithms: [{name, family, keyType, curve?,
// browserCrypto}]}: the algorithm table, from which the page builds its
// choices, so that a new algorithm needs no page change.
func algorithms(_ []js.Value) any {
	return struct {
		result
		Algorithms []keys.Description `json:"algorithms"`
	}{result{OK: true}, keys.Describe()}
}
