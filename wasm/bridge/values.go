//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// Limits on what the bridge reads from JS values.
const (
	// maxAudience bounds an audience array, whose length is the caller's
	// claim and must not size an allocation unchecked.
	maxAudience = 100
	// maxLeeway is 31 years: more than any clock skew, and well inside
	// time.Duration.
	maxLeeway = 1_000_000_000
)

// typeOther stands for the types syscall/js cannot name, such as BigInt.
const typeOther js.Type = -1

var reflectGet, arrayIsArray, object js.Value

func init() {
	reflectGet = js.Global().Get("Reflect").Get("get")
	arrayIsArray = js.Global().Get("Array").Get("isArray")
	object = js.Global().Get("Object")
}

// units returns the length of the JS string s in UTF-16 units without
// copying it: Value.Length refuses a string, and Object(s) wraps it.
func units(s js.Value) int {
	return object.Invoke(s).Get("length").Int()
}

// text copies the JS string s into Go, unless it is over
// limits.MaxArgumentUnits, which is refused before anything is copied.
func text(s js.Value, what string) (string, error) {
	if err := limits.Length(units(s), what, partOf(what)); err != nil {
		return "", err
	}
	return s.String(), nil
}

// partOf names the part of the input an argument is, for errors.
func partOf(what string) jwterr.Part {
	switch what {
	case "the token":
		return jwterr.PartToken
	case "the key text", "key":
		return jwterr.PartKey
	case "header":
		return jwterr.PartHeader
	case "payload":
		return jwterr.PartPayload
	}
	return ""
}

// member reads o[name]. Value.Get lets an exception from a getter or a
// Proxy unwind through the Go stack and kill the runtime; a call through
// Reflect.get turns it into a js.Error panic, which guard recovers.
func member(o js.Value, name string) js.Value {
	return reflectGet.Invoke(o, name)
}

// isArray is Array.isArray, through a call for the same reason.
func isArray(v js.Value) bool {
	return arrayIsArray.Invoke(v).Bool()
}

// typeOf is v.Type(), which panics on a BigInt: that becomes typeOther.
func typeOf(v js.Value) (t js.Type) {
	defer func() {
		if recover() != nil {
			t = typeOther
		}
	}()
	return v.Type()
}
