//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/sdjwt"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// jsonParse is JSON.parse: results cross the bridge as one JSON string,
// which is cheaper than building objects one property at a time.
var jsonParse, jsonStringify js.Value

// register sets global.jwtPlayground.
func register(global js.Value) {
	jsonParse = global.Get("JSON").Get("parse")
	jsonStringify = global.Get("JSON").Get("stringify")
	api := global.Get("Object").New()
	api.Set("version", version)
	api.Set("optionNames", optionNames())
	api.Set("decode", export("decode", decode))
	api.Set("verify", export("verify", verify))
	api.Set("encode", export("encode", encode))
	registerKeys(api)
	registerTeach(api)
	registerSD(api)
	registerJWSJSON(api)
	registerJWE(api)
	global.Set("jwtPlayground", api)
}

// result is the envelope every function returns: ok, or an error.
type result struct {
	OK    bool          `json:"ok"`
	Error *jwterr.Error `json:"error,omitempty"`
}

// fail makes the envelope for err.
func fail(err error) result {
	return result{Error: jwterr.From(err, jwterr.Internal)}
}

// envelope is the ok/error part of an answer that carries a value either
// way: a failed decode or verify still says what it could read.
func envelope(err error) result {
	if err != nil {
		return fail(err)
	}
	return result{OK: true}
}

// export wraps fn as a JS function that never throws.
func export(name string, fn func(args []js.Value) any) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		return guard(name, func() any { return fn(args) })
	})
}

// exportAsync wraps fn as a JS function returning a Promise that never
// rejects. fn reads its arguments at once and returns the work, which runs
// in a goroutine: blocking inside a JS callback would deadlock the runtime.
func exportAsync(name string, fn func(args []js.Value) func() any) js.Func {
	return export(name, func(args []js.Value) any {
		// Reading the arguments can fail too; the promise then resolves to
		// that error, so callers always get a promise.
		var work func() any
		early := guard(name, func() any { work = fn(args); return js.Undefined() })
		var executor js.Func
		executor = js.FuncOf(func(_ js.Value, resolvers []js.Value) any {
			executor.Release()
			resolve := resolvers[0]
			if work == nil {
				resolve.Invoke(early)
				return nil
			}
			go func() { resolve.Invoke(guard(name, work)) }()
			return nil
		})
		return js.Global().Get("Promise").New(executor)
	})
}

// guard runs work and converts its result for JS; a panic becomes an error
// result, since a panic that escaped would stop the runtime for good. A JS
// exception met while reading the arguments (a getter or Proxy that
// throws, an object JSON.stringify refuses) is the caller's bad input.
func guard(name string, work func() any) (out js.Value) {
	defer func() {
		p := recover()
		switch e := p.(type) {
		case nil:
		case js.Error:
			out = toJS(fail(badInput("%s could not read its arguments: %s", name, jwterr.Clip(e.Error()))))
		default:
			out = toJS(fail(jwterr.New(jwterr.Internal, "internal error in %s (please report it): %v", name, p)))
		}
	}()
	r := work()
	if v, ok := r.(js.Value); ok {
		return v
	}
	return toJS(r)
}

func toJS(v any) js.Value {
	return jsonParse.Invoke(string(marshal(v)))
}

func decode(args []js.Value) any {
	tok, err := stringArg(args, 0, "decode", "the token")
	if err != nil {
		return fail(err)
	}
	return doDecode(tok)
}

func doDecode(tok string) any {
	if token.IsJSON(tok) {
		return doDecodeJSON(tok)
	}
	d, err := token.Decode(tok)
	env := envelope(err)
	return struct {
		result
		*token.Decoded
	}{env, d}
}

func verify(args []js.Value) any {
	tok, err := stringArg(args, 0, "verify", "the token")
	if err != nil {
		return fail(err)
	}
	o, err := readOptions(arg(args, 1), "verify")
	if err != nil {
		return fail(err)
	}
	return doVerify(tok, o)
}

func doVerify(tok string, o options) any {
	if sdjwt.Is(tok) {
		return doVerifySD(tok, o)
	}
	if token.IsJSON(tok) {
		return doVerifyJSON(tok, o)
	}
	opts, err := o.verifyOptions()
	if err != nil {
		return fail(err)
	}
	v, err := token.Verify(tok, opts)
	return verification(v, err)
}

// verification makes the result of verify.
func verification(v *token.Verification, err error) any {
	env := envelope(err)
	return struct {
		result
		*token.Verification
	}{env, v}
}

func encode(args []js.Value) any {
	in := arg(args, 0)
	if typeOf(in) != js.TypeObject {
		return fail(badInput("encode expects an object {header, payload, key, secretEncoding?}, not %s", typeName(in)))
	}
	var e encodeArgs
	var err error
	if e.Header, err = jsonText(member(in, "header"), "header"); err != nil {
		return fail(err)
	}
	if e.Payload, err = jsonText(member(in, "payload"), "payload"); err != nil {
		return fail(err)
	}
	if e.Key, err = optString(in, "key"); err != nil {
		return fail(err)
	}
	if e.SecretEncoding, err = optString(in, "secretEncoding"); err != nil {
		return fail(err)
	}
	return doEncode(e)
}

// encodeArgs is encode's argument, with header and payload as JSON text.
type encodeArgs struct {
	Header, Payload, Key, SecretEncoding string
}

func (e encodeArgs) input() (token.EncodeInput, error) {
	enc, err := keys.ParseEncoding(e.SecretEncoding)
	return token.EncodeInput{Header: e.Header, Payload: e.Payload, Key: e.Key, SecretEncoding: enc}, err
}

func doEncode(e encodeArgs) any {
	in, err := e.input()
	if err != nil {
		return fail(err)
	}
	tok, err := token.Encode(in)
	if err != nil {
		return fail(err)
	}
	return encoded(tok)
}

// encoded makes the result of encode.
func encoded(tok string) any {
	return struct {
		result
		Token string `json:"token"`
	}{result{OK: true}, tok}
}

// jsonText accepts JSON text, or an object or array that is stringified
// (which keeps its key order).
func jsonText(v js.Value, what string) (string, error) {
	switch typeOf(v) {
	case js.TypeString:
		return text(v, what)
	case js.TypeObject:
		s := jsonStringify.Invoke(v)
		if typeOf(s) == js.TypeString {
			return text(s, what)
		}
	}
	return "", badInput("the %s must be JSON text or an object, not %s", what, typeName(v))
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func stringArg(args []js.Value, i int, fn, what string) (string, error) {
	v := arg(args, i)
	if typeOf(v) != js.TypeString {
		return "", badInput("%s expects %s as a string, not %s", fn, what, typeName(v))
	}
	return text(v, what)
}

func optString(o js.Value, name string) (string, error) {
	v := member(o, name)
	switch typeOf(v) {
	case js.TypeUndefined, js.TypeNull:
		return "", nil
	case js.TypeString:
		return text(v, name)
	}
	return "", badInput("%q must be a string, not %s", name, typeName(v))
}

func optNumber(o js.Value, name string) (float64, bool, error) {
	v := member(o, name)
	switch typeOf(v) {
	case js.TypeUndefined, js.TypeNull:
		return 0, false, nil
	case js.TypeNumber:
		return v.Float(), true, nil
	}
	return 0, false, badInput("%q must be a number, not %s", name, typeName(v))
}

func badInput(format string, args ...any) error {
	return jwterr.New(jwterr.BadInput, format, args...)
}

func typeName(v js.Value) string {
	t := typeOf(v)
	if t == js.TypeObject && isArray(v) {
		return "an array"
	}
	switch t {
	case js.TypeUndefined:
		return "undefined"
	case js.TypeNull:
		return "null"
	case js.TypeObject:
		return "an object"
	case typeOther:
		return "a value of another type (a bigint?)"
	}
	return fmt.Sprintf("a %s", t)
}
