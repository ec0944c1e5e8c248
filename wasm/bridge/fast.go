//go:build js && wasm

package main

import (
	"crypto/rsa"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/jwt-playground/jwt-playground/wasm/internal/wire"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/sdjwt"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// The fast path. A call through js.FuncOf costs about 15 µs before any
// work is done (the runtime wakes a goroutine for every event), which is
// more than a whole decode, and reading an options object through
// syscall/js, member by member, about 45 µs more (node 20). web/core.js
// calls these wasm exports instead, 0.01 to 0.1 µs each: it writes the
// request (see package wire) into the buffer jwtp_in hands out, calls
// jwtp_call, and reads the JSON answer from jwtp_out. The functions are
// the same as the js.FuncOf ones, which stay for callers without core.js
// and for arguments the wire form cannot carry faithfully (core.js
// decides).

// Function numbers for jwtp_call; web/core.js has the same table.
const (
	fnDecode = iota + 1
	fnVerify
	fnVerifyBegin
	fnEncode
	fnEncodeBegin
	fnInspectKey
	fnExplain
	fnLint
	fnExplainSignature
)

var (
	// request is the buffer core.js writes a request into.
	request = make([]byte, 4096)
	// requests reads it, reusing the token and key texts of the last
	// calls when they come again.
	requests wire.Reader
	// response is the last answer, kept until the next call.
	response []byte
)

// slow is the answer to a request whose arguments have types the API
// refuses:
// core.js then makes the same call through js.FuncOf, which reads JS
// values one by one and names exactly what is wrong.
var slow = []byte(`{"ok":false,"slow":true}`)

// maxRequest bounds the request buffer. core.js sends no string over
// limits.MaxArgumentUnits (the js.FuncOf path refuses those unread), so a
// request holds at most a few of them, at 3 bytes a unit; the bound keeps
// a miscounted one from growing the wasm's memory, which never shrinks.
const maxRequest = 64 << 20

// fastIn returns the request buffer, grown to hold n bytes, or nil when n
// is negative or over maxRequest: core.js then takes the js.FuncOf path.
//
//go:wasmexport jwtp_in
func fastIn(n int32) unsafe.Pointer {
	if n < 0 || n > maxRequest {
		return nil
	}
	if int(n) > len(request) {
		request = make([]byte, n)
	}
	return unsafe.Pointer(&request[0])
}

// fastOut returns the last answer's address; jwtp_call returned its length.
//
//go:wasmexport jwtp_out
func fastOut() unsafe.Pointer {
	if len(response) == 0 {
		return nil
	}
	return unsafe.Pointer(&response[0])
}

// fastCall runs function fn on the first n bytes of the request buffer and
// returns the length of its JSON answer. Like guard, it never lets a panic
// out: one would stop the runtime for good.
//
//go:wasmexport jwtp_call
func fastCall(fn, n int32) (size int32) {
	defer recoverAnswer(&size)
	if n < 0 || int(n) > len(request) {
		n = 0
	}
	response = dispatch(fn, request[:n])
	return int32(len(response))
}

// fastFinish is verifyFinish, an export of its own: its two numbers need
// no request. It returns the length of its JSON answer, and never lets a
// panic out.
//
//go:wasmexport jwtp_finish
func fastFinish(id, match int32) (size int32) {
	defer recoverAnswer(&size)
	response = verifyFinish(int(id), int(match))
	return int32(len(response))
}

// recoverAnswer, deferred, turns a panic into an internal error as the
// answer, whose length it sets in *size.
func recoverAnswer(size *int32) {
	if p := recover(); p != nil {
		response = marshal(fail(jwterr.New(jwterr.Internal, "internal error (please report it): %v", p)))
		*size = int32(len(response))
	}
}

func dispatch(fn int32, req []byte) []byte {
	if fn == fnDecode {
		return decodeAnswer(string(req))
	}
	args, err := requests.Read(req)
	if err != nil {
		return slow
	}
	arg := func(i int) wire.Value {
		if i < len(args) {
			return args[i]
		}
		return wire.Value{Kind: wire.Undefined}
	}
	switch fn {
	case fnVerify, fnVerifyBegin, fnInspectKey, fnExplain, fnLint, fnExplainSignature:
		tok, o := arg(0), arg(1)
		opts, ok := wireOptions(o)
		if tok.Kind != wire.String || !ok {
			return slow
		}
		switch fn {
		case fnVerify:
			return verifyAnswer(tok.Str, opts)
		case fnVerifyBegin:
			return verifyBegin(tok.Str, opts)
		case fnInspectKey:
			return marshal(doInspectKey(tok.Str, opts))
		case fnExplain:
			return marshal(doExplain(tok.Str, opts))
		case fnLint:
			return marshal(doLint(tok.Str, opts))
		default:
			return marshal(doExplainSignature(tok.Str, opts))
		}
	case fnEncode, fnEncodeBegin:
		e, ok := wireEncodeArgs(arg(0))
		if !ok {
			return slow
		}
		if fn == fnEncode {
			return marshal(doEncode(e))
		}
		return encodeBegin(e)
	}
	return marshal(fail(badInput("there is no function number %d", fn)))
}

// wireOptions reads an options argument; false means a member has a type
// the js.FuncOf path would refuse, and that path should say so.
func wireOptions(v wire.Value) (options, bool) {
	var o options
	if v.Kind == wire.Undefined {
		return o, true
	}
	if v.Kind != wire.Object {
		return o, false
	}
	fields := o.fields()
	ok := true
	for _, given := range v.Fields {
		for _, f := range fields {
			if f.name == given.Name {
				ok = ok && wireOption(given.Value, f, &o)
			}
		}
	}
	return o, ok
}

func wireOption(v wire.Value, f optionField, o *options) bool {
	switch f.kind {
	case textOption:
		return wireString(v, f.text)
	case numberOption:
		return wireNumber(v, f.number)
	}
	switch v.Kind {
	case wire.Undefined:
		o.Audience = nil
	case wire.String:
		o.Audience = nil
		if v.Str != "" {
			o.Audience = []string{v.Str}
		}
	case wire.Strings:
		o.Audience = v.Strs
		return len(v.Strs) <= maxAudience
	default:
		return false
	}
	return true
}

func wireEncodeArgs(v wire.Value) (encodeArgs, bool) {
	var e encodeArgs
	if v.Kind != wire.Object {
		return e, false
	}
	// header and payload are required: without them the js.FuncOf path
	// names the one that is missing.
	var header, payload bool
	ok := true
	for _, f := range v.Fields {
		switch f.Name {
		case "header":
			header = f.Value.Kind == wire.String
			e.Header = f.Value.Str
		case "payload":
			payload = f.Value.Kind == wire.String
			e.Payload = f.Value.Str
		case "key":
			ok = ok && wireString(f.Value, &e.Key)
		case "secretEncoding":
			ok = ok && wireString(f.Value, &e.SecretEncoding)
		}
	}
	return e, ok && header && payload
}

func wireString(v wire.Value, to *string) bool {
	switch v.Kind {
	case wire.Undefined:
		*to = ""
	case wire.String:
		*to = v.Str
	default:
		return false
	}
	return true
}

func wireNumber(v wire.Value, to **float64) bool {
	switch v.Kind {
	case wire.Undefined:
		*to = nil
	case wire.Number:
		f := v.Num
		*to = &f
	default:
		return false
	}
	return true
}

func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(fail(jwterr.New(jwterr.Internal, "internal error: %v", err)))
	}
	return b
}

// handedOff says whether WebCrypto may do the signature math of alg with
// ks. HMAC stays here: it costs less than the trip to WebCrypto and back.
// So do RSA keys Go's crypto refuses (under 1024 bits), so that the
// verdict stays the reference's, and the algorithms WebCrypto lacks
// (ES256K, ML-DSA), so that they work in every browser.
func handedOff(alg keys.Algorithm, ks ...*keys.Key) bool {
	if alg.Family == keys.HMAC || alg.GoOnly {
		return false
	}
	for _, k := range ks {
		if pub, ok := k.Public.(*rsa.PublicKey); ok && pub.N.BitLen() < 1024 {
			return false
		}
	}
	return true
}

// verifyBegin's answer is either verify's or the pending check, in two
// parts: JSON, {"ok": true, "pending": {id, alg, keys, sizes}}, a NUL,
// then bytes: the signing input, the signature, and each key's bare JWK
// (JSON text). sizes are their lengths in that order; keys are the keys'
// numbers (see keySerial). core.js hands the signing input and the
// signature to WebCrypto as the bytes they are, without escaping them into
// JSON, base64url and back, and reads a JWK only when it has not imported
// that key yet. It then calls verifyFinish (jwtp_finish) with the index of the key that
// matched, or -1.

// verifications holds the verifications waiting for WebCrypto, the one
// numbered id in slot id % maxPendingVerifications. core.js finishes each
// within a moment; the bound only stops a caller that never does from
// growing it: a verification is forgotten once maxPendingVerifications
// more have begun.
var verifications struct {
	slots [maxPendingVerifications]struct {
		id int
		p  *token.PendingVerification
	}
	next int
}

const maxPendingVerifications = 64

func verifyBegin(tok string, o options) []byte {
	if sdjwt.Is(tok) {
		return marshal(doVerifySD(tok, o))
	}
	if token.IsJSON(tok) {
		return marshal(doVerifyJSON(tok, o))
	}
	opts, err := o.verifyOptions()
	if err != nil {
		return marshal(fail(err))
	}
	p, err := token.BeginVerify(tok, opts)
	c := p.Check()
	if c == nil {
		return verificationAnswer(p.Finish(token.NoMatch), err)
	}
	if !handedOff(c.Alg, c.Keys...) {
		return verificationAnswer(p.Finish(c.Run()), nil)
	}
	jwks := make([]json.RawMessage, len(c.Keys))
	size := len(c.SigningInput) + len(c.Signature)
	for i, k := range c.Keys {
		j, err := k.BareJWK(false)
		if err != nil {
			return verificationAnswer(p.Finish(c.Run()), nil)
		}
		jwks[i] = j
		size += len(j)
	}
	v := &verifications
	v.next = v.next%math.MaxInt32 + 1 // an int32 for jwtp_finish
	slot := &v.slots[v.next%maxPendingVerifications]
	slot.id, slot.p = v.next, p
	// Written by hand: see decodeAnswer.
	b := make([]byte, 0, 128+16*len(jwks)+size)
	b = append(b, `{"ok":true,"pending":{"id":`...)
	b = strconv.AppendInt(b, int64(v.next), 10)
	b = append(b, `,"alg":`...)
	b = wire.AppendString(b, c.Alg.Name)
	b = append(b, `,"keys":[`...)
	for i, k := range c.Keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(keySerial(k)), 10)
	}
	b = append(b, `],"sizes":[`...)
	b = strconv.AppendInt(b, int64(len(c.SigningInput)), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(len(c.Signature)), 10)
	for _, j := range jwks {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(len(j)), 10)
	}
	b = append(b, "]}}\x00"...)
	b = append(b, c.SigningInput...)
	b = append(b, c.Signature...)
	for _, j := range jwks {
		b = append(b, j...)
	}
	return b
}

// appendKey appends {"id": n, "jwk": {…}} for core.js, which keeps the
// CryptoKey it imports under the number (see keySerial).
func appendKey(b []byte, k *keys.Key, jwk json.RawMessage) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, int64(keySerial(k)), 10)
	b = append(b, `,"jwk":`...)
	b = append(b, jwk...)
	return append(b, '}')
}

// keySerials numbers the keys handed to WebCrypto. keys.Parse remembers
// the keys of recent key texts, so a key box keeps its number from one
// keystroke to the next, and core.js imports its key once. Numbers are
// never reused, so forgetting them all now and then is safe.
var keySerials = struct {
	byKey map[*keys.Key]int
	next  int
}{byKey: map[*keys.Key]int{}}

func keySerial(k *keys.Key) int {
	s := &keySerials
	n, ok := s.byKey[k]
	if !ok {
		if len(s.byKey) >= 256 {
			clear(s.byKey)
		}
		s.next++
		n = s.next
		s.byKey[k] = n
	}
	return n
}

func verifyFinish(id, match int) []byte {
	slot := &verifications.slots[uint(id)%maxPendingVerifications]
	if slot.p == nil || slot.id != id {
		return marshal(fail(jwterr.New(jwterr.Internal, "no verification %d is waiting for its signature check", id)))
	}
	p := slot.p
	slot.p = nil
	return verificationAnswer(p.Finish(match), nil)
}

// verificationAnswer writes verify's answer by hand, as decodeAnswer does;
// errors, rare when a token verifies, go through json.Marshal.
func verificationAnswer(v *token.Verification, err error) []byte {
	if err != nil {
		return marshal(verification(v, err))
	}
	b := make([]byte, 0, 256)
	b = append(b, `{"ok":true,"valid":`...)
	b = strconv.AppendBool(b, v.Valid)
	b = append(b, `,"signatureValid":`...)
	b = strconv.AppendBool(b, v.SignatureValid)
	b = append(b, `,"claimsValid":`...)
	b = strconv.AppendBool(b, v.ClaimsValid)
	b = append(b, `,"alg":`...)
	b = wire.AppendString(b, v.Alg)
	b = append(b, `,"kid":`...)
	b = wire.AppendString(b, v.Kid)
	b = append(b, `,"errors":`...)
	if len(v.Errors) == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, marshal(v.Errors)...)
	}
	b = append(b, `,"warnings":`...)
	b = appendWarnings(b, v.Warnings)
	if v.Key != "" {
		b = append(b, `,"key":`...)
		b = wire.AppendString(b, v.Key)
	}
	if p := v.Provenance; p != nil {
		b = append(b, `,"provenance":{"origin":`...)
		b = wire.AppendString(b, string(p.Origin))
		b = append(b, `,"text":`...)
		b = wire.AppendString(b, p.Text)
		if p.Caveat != "" {
			b = append(b, `,"caveat":`...)
			b = wire.AppendString(b, p.Caveat)
		}
		b = append(b, `,"headline":`...)
		b = wire.AppendString(b, p.Headline)
		b = append(b, '}')
	}
	return append(b, '}')
}

func appendWarnings(b []byte, ws []token.Warning) []byte {
	b = append(b, '[')
	for i, w := range ws {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = wire.AppendString(b, w.Code)
		b = append(b, `,"message":`...)
		b = wire.AppendString(b, w.Message)
		b = append(b, '}')
	}
	return append(b, ']')
}

// encodeBegin's answer is either encode's or {"ok": true, "pending": {alg,
// data, key: {id, jwk}}}: core.js signs data with the bare private JWK and
// appends the signature, base64url.
func encodeBegin(e encodeArgs) []byte {
	in, err := e.input()
	if err != nil {
		return marshal(fail(err))
	}
	p, err := token.BeginEncode(in)
	if err != nil {
		return marshal(fail(err))
	}
	if p.Key == nil {
		return marshal(encoded(p.Token(nil)))
	}
	if handedOff(p.Alg, p.Key) {
		if j, err := p.Key.BareJWK(true); err == nil {
			b := append([]byte(`{"ok":true,"pending":{"alg":"`), p.Alg.Name...)
			b = append(b, `","data":`...)
			b = wire.AppendString(b, p.SigningInput)
			b = append(b, `,"key":`...)
			b = appendKey(b, p.Key, j)
			return append(b, "}}"...)
		}
	}
	sig, err := p.Sign()
	if err != nil {
		return marshal(fail(err))
	}
	return marshal(encoded(p.Token(sig)))
}

// decodeAnswer writes decode's answer by hand: it is the call made on
// every keystroke. The header and payload texts follow the JSON, each after
// a NUL, as they are: core.js takes them out and parses them, so they are
// neither escaped here nor sent twice (as text and as JSON). Texts holding
// a NUL themselves, and failures, take the JSON way.
func decodeAnswer(tok string) []byte {
	if token.IsJSON(tok) {
		return marshal(doDecodeJSON(tok))
	}
	d, err := token.Decode(tok)
	if err != nil || d == nil || strings.IndexByte(d.HeaderText, 0) >= 0 || strings.IndexByte(d.PayloadText, 0) >= 0 {
		return marshal(doDecode(tok))
	}
	b := make([]byte, 0, 256+len(tok)+len(d.HeaderText)+len(d.PayloadText)+len(d.Signature))
	b = append(b, `{"ok":true,"json":[`...)
	b = strconv.AppendBool(b, d.Header != nil)
	b = append(b, ',')
	b = strconv.AppendBool(b, d.Payload != nil)
	// The signature is hex: nothing in it needs escaping. The parts are
	// where core.js finds them in the token: the start and each length
	// (all ASCII there, so bytes and UTF-16 units agree).
	b = append(b, `],"signature":"`...)
	b = append(b, d.Signature...)
	b = append(b, `","parts":[`...)
	for i, n := range []int{d.Start(), len(d.Parts.Header), len(d.Parts.Payload), len(d.Parts.Signature)} {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	b = append(b, `],"alg":`...)
	b = wire.AppendString(b, d.Alg)
	b = append(b, `,"kid":`...)
	b = wire.AppendString(b, d.Kid)
	if d.Iss != "" {
		b = append(b, `,"iss":`...)
		b = wire.AppendString(b, d.Iss)
	}
	b = append(b, `,"warnings":`...)
	b = appendWarnings(b, d.Warnings)
	b = append(b, "}\x00"...)
	b = append(b, d.HeaderText...)
	b = append(b, 0)
	return append(b, d.PayloadText...)
}

func verifyAnswer(tok string, o options) []byte {
	if sdjwt.Is(tok) {
		return marshal(doVerifySD(tok, o))
	}
	if token.IsJSON(tok) {
		return marshal(doVerifyJSON(tok, o))
	}
	opts, err := o.verifyOptions()
	if err != nil {
		return marshal(fail(err))
	}
	v, err := token.Verify(tok, opts)
	return verificationAnswer(v, err)
}
