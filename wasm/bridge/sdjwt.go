//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/sdjwt"
)

// registerSD adds the SD-JWT functions (RFC 9901): decodeSD, issueSD and
// presentSD. verify recognises an SD-JWT by its "~" and verifies it whole.
func registerSD(api js.Value) {
	api.Set("decodeSD", export("decodeSD", decodeSD))
	api.Set("issueSD", export("issueSD", issueSD))
	api.Set("presentSD", export("presentSD", presentSD))
}

func decodeSD(args []js.Value) any {
	text, err := stringArg(args, 0, "decodeSD", "the SD-JWT")
	if err != nil {
		return fail(err)
	}
	d, err := sdjwt.Decode(text)
	env := envelope(err)
	return struct {
		result
		*sdjwt.Decoded
	}{env, d}
}

// doVerifySD is verify's answer for an SD-JWT.
func doVerifySD(text string, o options) any {
	opts, err := o.verifyOptions()
	if err != nil {
		return fail(err)
	}
	v, err := sdjwt.Verify(text, sdjwt.VerifyOptions{VerifyOptions: opts, Nonce: o.Nonce})
	env := envelope(err)
	return struct {
		result
		*sdjwt.Verification
	}{env, v}
}

func issueSD(args []js.Value) any {
	in := arg(args, 0)
	if typeOf(in) != js.TypeObject {
		return fail(badInput("issueSD expects an object {header, payload, disclose, decoys?, holderKey?, key, secretEncoding?}, not %s", typeName(in)))
	}
	var is sdjwt.IssueInput
	var enc string
	var err error
	if is.Header, err = jsonText(member(in, "header"), "header"); err != nil {
		return fail(err)
	}
	if is.Payload, err = jsonText(member(in, "payload"), "payload"); err != nil {
		return fail(err)
	}
	if is.Disclose, err = stringList(member(in, "disclose"), "disclose"); err != nil {
		return fail(err)
	}
	for name, to := range map[string]*string{"holderKey": &is.HolderKey, "key": &is.Key, "secretEncoding": &enc} {
		if *to, err = optString(in, name); err != nil {
			return fail(err)
		}
	}
	if is.SecretEncoding, err = keys.ParseEncoding(enc); err != nil {
		return fail(err)
	}
	decoys, _, err := optNumber(in, "decoys")
	if err != nil || decoys != float64(int(decoys)) || decoys < 0 || decoys > limits.MaxDisclosures {
		return fail(badInput("\"decoys\" must be a whole number from 0 to %d", limits.MaxDisclosures))
	}
	is.Decoys = int(decoys)
	issued, err := sdjwt.Issue(is)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		*sdjwt.Issued
	}{result{OK: true}, issued}
}

func presentSD(args []js.Value) any {
	in := arg(args, 0)
	if typeOf(in) != js.TypeObject {
		return fail(badInput("presentSD expects an object {sdjwt, reveal, holderKey?, alg?, audience?, nonce?, iat?}, not %s", typeName(in)))
	}
	var p sdjwt.PresentInput
	var err error
	for name, to := range map[string]*string{"sdjwt": &p.SDJWT, "holderKey": &p.HolderKey, "alg": &p.Alg, "audience": &p.Audience, "nonce": &p.Nonce} {
		if *to, err = optString(in, name); err != nil {
			return fail(err)
		}
	}
	if p.Reveal, err = indexList(member(in, "reveal")); err != nil {
		return fail(err)
	}
	iat, given, err := optNumber(in, "iat")
	if err != nil || given && seconds("iat", iat) != nil {
		return fail(badInput("\"iat\" must be a finite number of seconds"))
	}
	if given {
		p.IssuedAt = time.Unix(int64(iat), 0)
	}
	text, err := sdjwt.Present(p)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		SDJWT string `json:"sdjwt"`
	}{result{OK: true}, text}
}

// stringList reads an array of at most limits.MaxDisclosures strings;
// undefined is none.
func stringList(v js.Value, what string) ([]string, error) {
	var out []string
	err := eachItem(v, what, func(i int, item js.Value) error {
		if typeOf(item) != js.TypeString {
			return badInput("%q must hold strings; item %d is %s", what, i, typeName(item))
		}
		s, err := text(item, what)
		out = append(out, s)
		return err
	})
	return out, err
}

// indexList reads reveal: an array of disclosure indexes.
func indexList(v js.Value) ([]int, error) {
	var out []int
	err := eachItem(v, "reveal", func(i int, item js.Value) error {
		if typeOf(item) != js.TypeNumber || item.Float() != float64(item.Int()) {
			return badInput("\"reveal\" must hold disclosure indexes (whole numbers); item %d is not one", i)
		}
		out = append(out, item.Int())
		return nil
	})
	return out, err
}

func eachItem(v js.Value, what string, fn func(int, js.Value) error) error {
	if v.IsUndefined() || v.IsNull() {
		return nil
	}
	if !isArray(v) {
		return badInput("%q must be an array, not %s", what, typeName(v))
	}
	n := member(v, "length")
	if typeOf(n) != js.TypeNumber || !(n.Float() >= 0 && n.Float() <= limits.MaxDisclosures) {
		return badInput("%q may hold at most %d items", what, limits.MaxDisclosures)
	}
	for i := range n.Int() {
		if err := fn(i, member(v, strconv.Itoa(i))); err != nil {
			return err
		}
	}
	return nil
}
