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
	var err error
	for _, s := range []struct {
		name string
		to   *string
	}{{"key", &opts.Key}, {"secretEncoding", &opts.SecretEncoding}, {"issuer", &opts.Issuer}, {"keyOrigin", &opts.KeyOrigin}, {"keyOriginDetail", &opts.KeyOriginDetail}, {"nonce", &opts.Nonce}} {
		if *s.to, err = optString(o, s.name); err != nil {
			return opts, err
		}
	}
	for _, n := range []struct {
		name string
		to   **float64
	}{{"now", &opts.Now}, {"leeway", &opts.Leeway}, {"bits", &opts.Bits}} {
		f, ok, err := optNumber(o, n.name)
		if err != nil {
			return opts, err
		}
		if ok {
			*n.to = &f
		}
	}
	opts.Audience, err = audience(member(o, "audience"))
	return opts, err
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
