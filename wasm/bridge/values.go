//go:build js && wasm

package main

import "syscall/js"

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

var reflectGet, arrayIsArray js.Value

func init() {
	reflectGet = js.Global().Get("Reflect").Get("get")
	arrayIsArray = js.Global().Get("Array").Get("isArray")
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
