//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"syscall/js"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
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
	api.Set("decode", export("decode", decode))
	api.Set("verify", export("verify", verify))
	api.Set("encode", export("encode", encode))
	registerKeys(api)
	registerTeach(api)
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
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(fail(jwterr.New(jwterr.Internal, "internal error: %v", err)))
	}
	return jsonParse.Invoke(string(b))
}

func decode(args []js.Value) any {
	tok, err := stringArg(args, 0, "decode", "the token")
	if err != nil {
		return fail(err)
	}
	d, err := token.Decode(tok)
	if err != nil {
		return struct {
			result
			*token.Decoded
		}{fail(err), d}
	}
	return struct {
		result
		*token.Decoded
	}{result{OK: true}, d}
}

func verify(args []js.Value) any {
	tok, err := stringArg(args, 0, "verify", "the token")
	if err != nil {
		return fail(err)
	}
	opts, err := verifyOptions(arg(args, 1))
	if err != nil {
		return fail(err)
	}
	v, err := token.Verify(tok, opts)
	env := result{OK: err == nil}
	if err != nil {
		env = fail(err)
	}
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
	header, err := jsonText(member(in, "header"), "header")
	if err != nil {
		return fail(err)
	}
	payload, err := jsonText(member(in, "payload"), "payload")
	if err != nil {
		return fail(err)
	}
	key, err := optString(in, "key")
	if err != nil {
		return fail(err)
	}
	enc, err := encoding(in)
	if err != nil {
		return fail(err)
	}
	tok, err := token.Encode(token.EncodeInput{Header: header, Payload: payload, Key: key, SecretEncoding: enc})
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		Token string `json:"token"`
	}{result{OK: true}, tok}
}

func verifyOptions(o js.Value) (token.VerifyOptions, error) {
	var opts token.VerifyOptions
	if o.IsUndefined() || o.IsNull() {
		return opts, nil
	}
	if typeOf(o) != js.TypeObject {
		return opts, badInput("verify's options must be an object {key, secretEncoding?, now?, leeway?, issuer?, audience?}, not %s", typeName(o))
	}
	var err error
	if opts.Key, err = optString(o, "key"); err != nil {
		return opts, err
	}
	if opts.SecretEncoding, err = encoding(o); err != nil {
		return opts, err
	}
	if now, ok, err := optNumber(o, "now"); err != nil {
		return opts, err
	} else if ok {
		sec := math.Floor(now)
		opts.Now = time.Unix(int64(sec), int64((now-sec)*1e9))
	}
	leeway, _, err := optNumber(o, "leeway")
	if err != nil {
		return opts, err
	}
	if leeway < 0 || leeway > maxLeeway {
		return opts, badInput("\"leeway\" must be between 0 and %d seconds", maxLeeway)
	}
	opts.Leeway = time.Duration(leeway * float64(time.Second))
	if opts.Issuer, err = optString(o, "issuer"); err != nil {
		return opts, err
	}
	opts.Audience, err = audience(member(o, "audience"))
	return opts, err
}

func audience(v js.Value) ([]string, error) {
	switch {
	case v.IsUndefined() || v.IsNull():
		return nil, nil
	case typeOf(v) == js.TypeString:
		if v.String() == "" {
			return nil, nil
		}
		return []string{v.String()}, nil
	case isArray(v):
		n := member(v, "length")
		if typeOf(n) != js.TypeNumber || !(n.Float() >= 0 && n.Float() <= maxAudience) {
			return nil, badInput("audience may hold at most %d strings", maxAudience)
		}
		out := make([]string, n.Int())
		for i := range out {
			item := member(v, strconv.Itoa(i))
			if typeOf(item) != js.TypeString {
				return nil, badInput("audience must be a string or an array of strings; item %d is %s", i, typeName(item))
			}
			out[i] = item.String()
		}
		return out, nil
	}
	return nil, badInput("audience must be a string or an array of strings, not %s", typeName(v))
}

func encoding(o js.Value) (keys.Encoding, error) {
	name, err := optString(o, "secretEncoding")
	if err != nil {
		return "", err
	}
	return keys.ParseEncoding(name)
}

// jsonText accepts JSON text, or an object or array that is stringified
// (which keeps its key order).
func jsonText(v js.Value, what string) (string, error) {
	switch typeOf(v) {
	case js.TypeString:
		return v.String(), nil
	case js.TypeObject:
		s := jsonStringify.Invoke(v)
		if typeOf(s) == js.TypeString {
			return s.String(), nil
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
	return v.String(), nil
}

func optString(o js.Value, name string) (string, error) {
	v := member(o, name)
	switch typeOf(v) {
	case js.TypeUndefined, js.TypeNull:
		return "", nil
	case js.TypeString:
		return v.String(), nil
	}
	return "", badInput("%q must be a string, not %s", name, typeName(v))
}

func optNumber(o js.Value, name string) (float64, bool, error) {
	v := member(o, name)
	switch typeOf(v) {
	case js.TypeUndefined, js.TypeNull:
		return 0, false, nil
	case js.TypeNumber:
		f := v.Float()
		if f != f || f > 1e15 || f < -1e15 {
			return 0, false, badInput("%q must be a finite number of seconds", name)
		}
		return f, true, nil
	}
	return 0, false, badInput("%q must be a number of seconds, not %s", name, typeName(v))
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
