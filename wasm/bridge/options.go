//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"syscall/js"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// options are the members of an options argument, as read from a JS
// object (readOptions) or from the fast path's request (wireOptions); a
// nil pointer is a member that was not given.
type options struct {
	Key, SecretEncoding, Issuer string
	KeyOrigin, KeyOriginDetail  string
	// Nonce is the nonce an SD-JWT's key-binding JWT must hold.
	Nonce             string
	Now, Leeway, Bits *float64
	Audience          []string
}

// optionKind is how the value of an option is read.
type optionKind int

const (
	textOption     optionKind = iota // a string, or undefined or null
	numberOption                     // a number, or undefined or null
	audienceOption                   // a string or an array of strings
)

// optionField is one member of an options argument and where it goes.
type optionField struct {
	name   string
	kind   optionKind
	text   *string
	number **float64
}

// fields lists every member of an options argument, in the order both
// paths read them. It is the one list: core.js snapshots exactly these
// members, reading their names from jwtPlayground.optionNames, so an
// option added here cannot be dropped on the fast path.
func (o *options) fields() []optionField {
	return []optionField{
		{name: "key", text: &o.Key},
		{name: "secretEncoding", text: &o.SecretEncoding},
		{name: "issuer", text: &o.Issuer},
		{name: "keyOrigin", text: &o.KeyOrigin},
		{name: "keyOriginDetail", text: &o.KeyOriginDetail},
		{name: "nonce", text: &o.Nonce},
		{name: "now", kind: numberOption, number: &o.Now},
		{name: "leeway", kind: numberOption, number: &o.Leeway},
		{name: "bits", kind: numberOption, number: &o.Bits},
		{name: "audience", kind: audienceOption},
	}
}

// optionNames returns the names fields lists, for jwtPlayground.optionNames.
func optionNames() []any {
	var o options
	fields := o.fields()
	names := make([]any, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

// readOptions reads an options argument of fn from JS: undefined, null or
// an object whose members have the right types.
func readOptions(o js.Value, fn string) (options, error) {
	var opts options
	if o.IsUndefined() || o.IsNull() {
		return opts, nil
	}
	if typeOf(o) != js.TypeObject {
		return opts, badInput("%s's options must be an object, not %s", fn, typeName(o))
	}
	for _, f := range opts.fields() {
		if err := readOption(o, f, &opts); err != nil {
			return opts, err
		}
	}
	return opts, nil
}

func readOption(o js.Value, f optionField, opts *options) (err error) {
	switch f.kind {
	case textOption:
		*f.text, err = optString(o, f.name)
	case numberOption:
		var n float64
		var ok bool
		if n, ok, err = optNumber(o, f.name); ok {
			*f.number = &n
		}
	case audienceOption:
		opts.Audience, err = audience(member(o, f.name))
	}
	return err
}

// verifyOptions checks the values and makes the core's options.
func (o options) verifyOptions() (token.VerifyOptions, error) {
	var opts token.VerifyOptions
	var err error
	if opts.SecretEncoding, err = keys.ParseEncoding(o.SecretEncoding); err != nil {
		return opts, err
	}
	if o.Now != nil {
		now := *o.Now
		if err := seconds("now", now); err != nil {
			return opts, err
		}
		sec := math.Floor(now)
		opts.Now = time.Unix(int64(sec), int64((now-sec)*1e9))
	}
	if o.Leeway != nil {
		leeway := *o.Leeway
		if err := seconds("leeway", leeway); err != nil {
			return opts, err
		}
		if leeway < 0 || leeway > maxLeeway {
			return opts, badInput("\"leeway\" must be between 0 and %d seconds", maxLeeway)
		}
		opts.Leeway = time.Duration(leeway * float64(time.Second))
	}
	opts.Key, opts.Issuer, opts.Audience = o.Key, o.Issuer, o.Audience
	opts.KeyOrigin, opts.KeyOriginDetail = token.KeyOrigin(o.KeyOrigin), o.KeyOriginDetail
	return opts, nil
}

// seconds checks that f is a finite number of seconds a time can hold.
func seconds(name string, f float64) error {
	if f != f || f > 1e15 || f < -1e15 {
		return badInput("%q must be a finite number of seconds", name)
	}
	return nil
}

// audience reads the audience option from JS: a string, or an array read
// by its length and indices (never its iterator), as core.js reads it.
// Every item is measured before any is copied.
func audience(v js.Value) ([]string, error) {
	switch {
	case v.IsUndefined() || v.IsNull():
		return nil, nil
	case typeOf(v) == js.TypeString:
		s, err := text(v, "audience")
		if s == "" {
			return nil, err
		}
		return []string{s}, err
	case isArray(v):
		n := member(v, "length")
		if typeOf(n) != js.TypeNumber || !(n.Float() >= 0 && n.Float() <= maxAudience) {
			return nil, badInput("audience may hold at most %d strings", maxAudience)
		}
		items := make([]js.Value, n.Int())
		total := 0
		for i := range items {
			items[i] = member(v, strconv.Itoa(i))
			if typeOf(items[i]) != js.TypeString {
				return nil, badInput("audience must be a string or an array of strings; item %d is %s", i, typeName(items[i]))
			}
			total += units(items[i])
		}
		if err := limits.Length(total, "the audience", ""); err != nil {
			return nil, err
		}
		out := make([]string, len(items))
		for i, item := range items {
			out[i] = item.String()
		}
		return out, nil
	}
	return nil, badInput("audience must be a string or an array of strings, not %s", typeName(v))
}
