//go:build js && wasm

package main

// This file sends many thousands of malformed and random inputs through every
// function of globalThis.jwtPlayground (enumerated at run time, so functions
// added later are covered too), then checks that the runtime is alive and
// still answers correctly.
//
// Every call must return (never throw) an object with a boolean "ok"; when ok
// is false, error.code and error.message must be non-empty strings. An
// "internal" code is a recovered panic, which jwterr documents as a bug, so
// it is reported too. Each call is timed.
//
// Calls are made in two ways:
//
//   - page-like: from a JavaScript macrotask while Go is idle, the way the
//     page calls the API. A JavaScript exception that escapes a function is
//     caught there and counted.
//   - from Go, through js.Value.Call with recover, for every input that has
//     no JavaScript accessor that throws and is under a mebibyte. An
//     exception thrown by a getter while Go reads a property (syscall/js's
//     valueGet has no try/catch) unwinds through the Go frames of the nested
//     call and corrupts the runtime ("unexpected return pc", fatal), so such
//     inputs are only sent page-like, and TestHostileNestedThrowingGetter
//     shows the fatal case in a child process.
//
// Inputs that kill the runtime outright run in a child process (the same
// test binary, started through node's child_process), so that the rest can
// still be checked.
//
// The inputs are reproducible: the seed is logged, and JWT_HOSTILE_SEED
// sets it (JWT_HOSTILE_CALLS sets the number of page-like calls).
//
// Known bugs are reported with "BUG (still failing)" so that they stand out.

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math"
	"math/rand"
	"os"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

const (
	hostileDefaultSeed = 20250611
	hostilePerFunction = 10000 // page-like calls per function by default
	hostileGoCalls     = 10000 // of which at most this many are repeated from Go
	hostileBatch       = 250
	// hostileCallLimit bounds one call. Everything here is refused or done
	// in milliseconds; a call this slow is a hang in the making.
	hostileCallLimit = 10 * time.Second
	// hostilePromiseLimit bounds how long a returned promise may take to settle.
	hostilePromiseLimit = 10 * time.Second
	hostileSecret       = "hostile-test-secret-of-at-least-32-bytes!"
	// hostileMaxMessage bounds error.message: it is shown on the page.
	hostileMaxMessage  = 64 << 10
	hostileGoodHeader  = `{"alg":"HS256","typ":"JWT"}`
	hostileGoodPayload = `{"sub":"alive","n":12345678901234567890,"exp":4102444800}`
	hostileExp         = 4102444800 // the exp of hostileGoodPayload
)

// hostileJS builds the JavaScript values Go cannot make itself: BigInt,
// Symbol, proxies, getters that throw, lone surrogates, -0, …
const hostileJS = `
"use strict";
const api = globalThis.jwtPlayground;
const boom = function () { throw new Error("hostile input: this accessor throws"); };
const allTraps = {};
for (const t of ["get", "set", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf",
	"setPrototypeOf", "defineProperty", "deleteProperty", "isExtensible", "preventExtensions",
	"apply", "construct"]) allTraps[t] = boom;
const cpu = function () {
	if (typeof process === "object" && process.cpuUsage) { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
	return performance.now();
};
return {
	negZero: function () { return -0; },
	bigint: function (i) { return BigInt(i) * 12345678901234567890n; },
	symbol: function (s) { return Symbol(s); },
	fn: function () { return function hostile(a) { return a; }; },
	fnWithMembers: function () {
		return Object.assign(function hostile() {}, {header: '{"alg":"HS256"}', payload: "{}", key: "k", audience: ["a"]});
	},
	throwingFn: function () { return function () { throw new Error("hostile function was called"); }; },
	nullProto: function () { return Object.create(null); },
	boxed: function (v) { return Object(v); },
	date: function () { return new Date(NaN); },
	regexp: function () { return /a(b)*c/giu; },
	map: function () { return new Map([["key", "k"], ["header", "{}"]]); },
	bytes: function (n) { return new Uint8Array(n); },
	buffer: function (n) { return new ArrayBuffer(n); },
	promise: function () { return Promise.resolve({ok: true, key: "k"}); },
	error: function () { return new TypeError("hostile error object"); },
	sparse: function (n) { return new Array(n); },
	numbers: function (n) { const a = []; for (let i = 0; i < n; i++) a.push(i * 1.5 - 3); return a; },
	deepObj: function (n) { let o = {alg: "HS256"}; for (let i = 0; i < n; i++) o = {a: o}; return o; },
	deepArr: function (n) { let o = []; for (let i = 0; i < n; i++) o = [o]; return o; },
	circular: function () { const o = {alg: "HS256"}; o.self = o; return o; },
	withBigInt: function () { return {alg: "HS256", n: 1n}; },
	toJSONThrows: function () { return {alg: "HS256", toJSON: boom}; },
	toJSONUndefined: function () { return {toJSON: function () { return undefined; }}; },
	toJSONString: function () { return {toJSON: function () { return '{"alg":"HS256"}'; }}; },
	toPrimitiveThrows: function () { return {[Symbol.toPrimitive]: boom, toString: boom, valueOf: boom}; },
	// Getters that call back into the API while Go is reading them.
	reentrantInput: function () {
		return {get header() { api.decode("e30.e30.e30"); return '{"alg":"HS256"}'; }, payload: "{}", key: "a-reentrant-secret"};
	},
	reentrantOptions: function () {
		return {get key() { api.verify("e30.e30.e30", {key: "x"}); return "a-reentrant-secret"; }, now: 1};
	},
	reentrantToJSON: function () {
		return {toJSON: function () { api.encode({header: '{"alg":"none"}', payload: "{}"}); return {alg: "HS256"}; }};
	},
	// An array proxy that lies about its length (Array.isArray is true).
	arrayProxyLength: function (n) {
		return new Proxy(["aud"], {get: function (t, p, r) { return p === "length" ? n : Reflect.get(t, p, r); }});
	},
	// Values whose property reads throw.
	getterThrows: function (name) { return Object.defineProperty({}, name, {get: boom, enumerable: true}); },
	inheritedGetterThrows: function (name) { return Object.create(Object.defineProperty({}, name, {get: boom})); },
	proxyThrows: function () { return new Proxy({}, allTraps); },
	arrayProxyThrows: function () { return new Proxy([], allTraps); },
	fnProxyThrows: function () { return new Proxy(function () {}, allTraps); },
	revokedProxy: function () { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; },
	indexThrows: function () { return Object.defineProperty(["a", "b"], 1, {get: boom, enumerable: true}); },
	defineGetter: function (o, name) {
		try { Object.defineProperty(o, name, {get: boom, enumerable: true, configurable: true}); } catch (e) {}
		return o;
	},
	// Strings that JavaScript holds but UTF-8 cannot.
	lone: function (s, at, unit) { return s.slice(0, at) + String.fromCharCode(unit) + s.slice(at); },
	repeat: function (s, n) { return s.repeat(n); },
	concat: function (a, b, c) { return a + b + c; },
	len: function (s) { return s.length; },
	// put defines an own data property, so that a prototype set earlier
	// (a member named __proto__) is not consulted.
	put: function (o, k, v) {
		try {
			if (k === "__proto__") { o.__proto__ = v; return; }
			Object.defineProperty(o, k, {value: v, enumerable: true, writable: true, configurable: true});
		} catch (e) { /* a getter-only or non-configurable member stays */ }
	},
	parseOr: function (s) { try { return JSON.parse(s); } catch (e) { return s; } },
	// cpu is the CPU time node has used, in ms (wall time without node):
	// timing by CPU keeps the bound meaningful on a loaded machine.
	cpu: cpu,
	// The page-like caller: runs a batch of calls from a macrotask, catching
	// what escapes, and reports the results.
	harness: function (cases, report) {
		setTimeout(function () {
			const out = [];
			for (let i = 0; i < cases.length; i++) {
				const c = cases[i];
				let result, threw = false, thrown = "";
				const t0 = performance.now(), c0 = cpu();
				try {
					const f = api[c.fn];
					result = c.construct ? Reflect.construct(f, c.args) : Reflect.apply(f, api, c.args);
				} catch (e) {
					threw = true;
					try { thrown = e instanceof Error ? e.name + ": " + e.message : String(e); } catch (e2) { thrown = "(unprintable)"; }
				}
				out.push({threw: threw, thrown: thrown, result: result, ms: performance.now() - t0, cpu: cpu() - c0});
			}
			report(out);
		}, 0);
	},
	// constructible says whether new api[k]() is allowed at all (arrow and
	// async functions are not constructors).
	constructible: function (k) { return typeof api[k].prototype === "object"; },
	functions: function () {
		return Object.getOwnPropertyNames(api).filter(function (k) { return typeof api[k] === "function"; }).sort();
	},
};
`

// hval is one generated argument.
type hval struct {
	v      js.Value
	kind   string // what it is, for the logs
	desc   string // a short printable form
	throwy bool   // reading a property of it (or of something in it) throws
	huge   bool   // a string of a mebibyte or more
}

type hostileCase struct {
	fn        string
	args      []hval
	construct bool
}

func (c *hostileCase) kind() string {
	ks := make([]string, len(c.args))
	for i, a := range c.args {
		ks[i] = a.kind
	}
	s := c.fn + "(" + strings.Join(ks, ", ") + ")"
	if c.construct {
		s = "new " + s
	}
	return s
}

func (c *hostileCase) describe() string {
	ds := make([]string, len(c.args))
	for i, a := range c.args {
		d := a.desc
		if d == "" {
			d = "<" + a.kind + ">"
		} else if len(d) > 90 {
			d = d[:90] + "…"
		}
		ds[i] = strconv.Quote(d)
	}
	return c.fn + "(" + strings.Join(ds, ", ") + ")"
}

func (c *hostileCase) throwy() bool {
	for _, a := range c.args {
		if a.throwy {
			return true
		}
	}
	return false
}

func (c *hostileCase) huge() bool {
	for _, a := range c.args {
		if a.huge {
			return true
		}
	}
	return false
}

func (c *hostileCase) jsArgs() []any {
	out := make([]any, len(c.args))
	for i, a := range c.args {
		out[i] = a.v
	}
	return out
}

// ---------------------------------------------------------------------------
// The test.

func TestHostileInputs(t *testing.T) {
	seed := int64(hostileDefaultSeed)
	if s := os.Getenv("JWT_HOSTILE_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("JWT_HOSTILE_SEED: %v", err)
		}
	}
	calls := -1
	if s := os.Getenv("JWT_HOSTILE_CALLS"); s != "" {
		calls, _ = strconv.Atoi(s)
	}

	api := js.Global().Get("jwtPlayground")
	if api.Type() != js.TypeObject {
		t.Fatal("globalThis.jwtPlayground is not an object")
	}
	x := js.Global().Get("Function").New(hostileJS).Invoke()
	fns := hostileStrings(x.Call("functions"))
	for _, want := range []string{"decode", "verify", "encode"} {
		if !hostileContains(fns, want) {
			t.Fatalf("jwtPlayground.%s is missing; functions are %v", want, fns)
		}
	}
	t.Logf("functions under test: %v", fns)
	if calls < 0 {
		calls = hostilePerFunction * len(fns)
	}
	t.Logf("seed %d (set JWT_HOSTILE_SEED to reproduce), %d page-like calls", seed, calls)

	g := newHostileGen(rand.New(rand.NewSource(seed)), x)
	run := newHostileRun(t, api, x)
	start, cpu0 := time.Now(), x.Call("cpu").Float()
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)

	// First every function with every special value in every argument
	// position that matters, then random cases.
	var pending []*hostileCase
	flush := func() {
		run.batch(pending)
		pending = pending[:0]
	}
	for _, fn := range fns {
		for _, c := range g.fixedCases(fn) {
			pending = append(pending, c)
			if len(pending) == hostileBatch {
				flush()
			}
		}
	}
	fixed := run.calls["page"] + len(pending)
	for i := fixed; i < calls; i++ {
		pending = append(pending, g.randomCase(fns[g.r.Intn(len(fns))]))
		if len(pending) == hostileBatch {
			flush()
		}
	}
	flush()
	storm := time.Since(start)

	var ms1 runtime.MemStats
	runtime.ReadMemStats(&ms1)
	run.report(storm, hostileMs(x.Call("cpu").Float()-cpu0))
	t.Logf("Go memory: stack in use %d KiB -> %d KiB, heap in use %d KiB -> %d KiB, %d goroutines",
		ms0.StackInuse>>10, ms1.StackInuse>>10, ms0.HeapInuse>>10, ms1.HeapInuse>>10, runtime.NumGoroutine())

	// The runtime must still be alive and right, from Go and from a page.
	hostileAlive(t, api, "called from Go after the storm")
	hostileAlivePage(t, x)
	if got := hostileStrings(x.Call("functions")); strings.Join(got, ",") != strings.Join(fns, ",") {
		t.Errorf("the API's functions changed during the storm: %v, was %v", got, fns)
	}
	if v := api.Get("version"); v.Type() != js.TypeString || v.String() == "" {
		t.Errorf("version = %v after the storm, want a non-empty string", v)
	}
	hostileOptionEdges(t, api, x)
	t.Logf("total %v", time.Since(start))
}

// hostileRun makes the calls and keeps the score.
type hostileRun struct {
	t        *testing.T
	api, x   js.Value
	reportFn js.Func
	results  chan js.Value

	calls       map[string]int // by mode
	perFn       map[string]int
	fnTime      map[string]time.Duration
	codes       map[string]map[string]int // fn -> code ("ok" when ok) -> count
	threw       map[string]int            // by mode
	issues      map[string]*hostileIssue
	slowest     []hostileTiming
	async       map[string][2]int        // fn -> [promises, plain values]
	asyncEx     map[string]string        // fn -> an input that gave a plain value
	settle      time.Duration            // slowest promise settling
	skippedA    int                      // inputs not repeated from Go because a getter could throw
	skippedHuge int                      // inputs of a mebibyte or more, not repeated from Go
	spent       map[string]time.Duration // wall time in calls, by mode
	cpu         map[string]time.Duration // CPU time in calls, by mode
}

type hostileIssue struct {
	what    string
	count   int
	fns     map[string]int
	example string // the first input that showed it
}

type hostileTiming struct {
	d, cpu     time.Duration
	mode, kind string
	desc       string
}

func newHostileRun(t *testing.T, api, x js.Value) *hostileRun {
	r := &hostileRun{t: t, api: api, x: x, results: make(chan js.Value, 1),
		calls: map[string]int{}, perFn: map[string]int{}, fnTime: map[string]time.Duration{}, codes: map[string]map[string]int{},
		threw: map[string]int{}, spent: map[string]time.Duration{}, cpu: map[string]time.Duration{}, issues: map[string]*hostileIssue{}, async: map[string][2]int{}, asyncEx: map[string]string{}}
	r.reportFn = js.FuncOf(func(_ js.Value, args []js.Value) any { r.results <- args[0]; return nil })
	t.Cleanup(r.reportFn.Release)
	return r
}

// batch runs cases page-like, then again from Go where that is safe.
func (r *hostileRun) batch(cases []*hostileCase) {
	if len(cases) == 0 {
		return
	}
	arr := js.Global().Get("Array").New()
	for _, c := range cases {
		o := js.Global().Get("Object").New()
		o.Set("fn", c.fn)
		o.Set("args", js.ValueOf(c.jsArgs()))
		o.Set("construct", c.construct)
		arr.Call("push", o)
	}
	began := time.Now()
	r.x.Call("harness", arr, r.reportFn)
	var out js.Value
	select {
	case out = <-r.results:
	case <-time.After(time.Duration(len(cases)) * hostileCallLimit):
		r.t.Fatalf("a batch of %d page-like calls did not finish; it began with %s", len(cases), cases[0].describe())
	}
	if took := time.Since(began); took > 5*time.Second {
		r.t.Logf("a batch of %d page-like calls took %v", len(cases), took)
	}
	threwPage := make([]bool, len(cases))
	for i, c := range cases {
		rec := out.Index(i)
		threwPage[i] = rec.Get("threw").Bool()
		d := hostileMs(rec.Get("ms").Float())
		r.check(c, "page", rec.Get("result"), threwPage[i], rec.Get("thrown").String(), d, hostileMs(rec.Get("cpu").Float()))
	}
	for i, c := range cases {
		if c.throwy() || threwPage[i] {
			r.skippedA++
			continue
		}
		if c.huge() { // the size is what they test, and page-like calls did that
			r.skippedHuge++
			continue
		}
		// Repeating every call from Go doubles the time for little news:
		// a sample is enough to compare the two ways of calling.
		if r.calls["go"] >= hostileGoCalls {
			continue
		}
		r.callGo(c)
	}
}

// callGo calls from Go, recovering the panic a thrown exception becomes.
func (r *hostileRun) callGo(c *hostileCase) {
	var res js.Value
	thrown := ""
	start, cpu0 := time.Now(), r.x.Call("cpu").Float()
	func() {
		defer func() {
			if p := recover(); p != nil {
				thrown = fmt.Sprint(p)
			}
		}()
		if c.construct {
			res = r.api.Get(c.fn).New(c.jsArgs()...)
		} else {
			res = r.api.Call(c.fn, c.jsArgs()...)
		}
	}()
	d, cpu := time.Since(start), hostileMs(r.x.Call("cpu").Float()-cpu0)
	r.check(c, "go", res, thrown != "", thrown, d, cpu)
}

// issue records a bug. what says it with "FN" for the function; the
// same bug in several functions, or with other numbers, is one issue.
func (r *hostileRun) issue(what string, c *hostileCase) {
	what = strings.ReplaceAll(what, " in "+c.fn+" (please", " in FN (please")
	key := hostileDigits.ReplaceAllString(what, "N")
	is := r.issues[key]
	if is == nil {
		is = &hostileIssue{what: what, fns: map[string]int{}, example: c.describe() + "   [input kind " + c.kind() + "]"}
		r.issues[key] = is
	}
	is.count++
	is.fns[c.fn]++
}

var hostileDigits = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

func (r *hostileRun) check(c *hostileCase, mode string, res js.Value, threw bool, thrown string, d, cpu time.Duration) {
	r.calls[mode]++
	r.perFn[c.fn]++
	r.spent[mode] += d
	r.cpu[mode] += cpu
	r.fnTime[c.fn] += cpu
	r.timing(c, mode, d, cpu)
	if threw {
		r.threw[mode]++
		r.issue(fmt.Sprintf("jwtPlayground.FN threw (%s call): %s", mode, thrown), c)
		return
	}
	if hostileThenable(res) {
		r.note(c, true)
		start := time.Now()
		v, how := hostileSettle(res, hostilePromiseLimit)
		if took := time.Since(start); took > r.settle {
			r.settle = took
		}
		if how != "" {
			r.issue("the promise jwtPlayground.FN returned "+how, c)
			return
		}
		res = v
	} else {
		r.note(c, false)
	}
	code, problem := hostileEnvelope(res)
	if problem != "" {
		r.issue("jwtPlayground.FN broke the envelope: "+problem, c)
		return
	}
	if r.codes[c.fn] == nil {
		r.codes[c.fn] = map[string]int{}
	}
	r.codes[c.fn][code]++
	if code == "internal" {
		msg := hostileShort(res.Get("error").Get("message").String(), 200)
		r.issue(fmt.Sprintf("jwtPlayground.FN answered code \"internal\" (a recovered panic, a bug by jwterr's definition): %q", msg), c)
	}
}

func (r *hostileRun) note(c *hostileCase, promise bool) {
	a := r.async[c.fn]
	if promise {
		a[0]++
	} else {
		a[1]++
		if _, ok := r.asyncEx[c.fn]; !ok {
			r.asyncEx[c.fn] = c.describe() + "   [input kind " + c.kind() + "]"
		}
	}
	r.async[c.fn] = a
}

func (r *hostileRun) timing(c *hostileCase, mode string, d, cpu time.Duration) {
	if cpu > hostileCallLimit {
		r.issue(fmt.Sprintf("jwtPlayground.FN took %v of CPU (%v wall, %s call), over the %v bound", cpu, d, mode, hostileCallLimit), c)
	}
	if len(r.slowest) < 8 || cpu > r.slowest[len(r.slowest)-1].cpu {
		r.slowest = append(r.slowest, hostileTiming{d, cpu, mode, c.kind(), c.describe()})
		sort.Slice(r.slowest, func(i, j int) bool { return r.slowest[i].cpu > r.slowest[j].cpu })
		if len(r.slowest) > 8 {
			r.slowest = r.slowest[:8]
		}
	}
}

func (r *hostileRun) report(took, cpuTook time.Duration) {
	t := r.t
	t.Logf("%d calls in %v (%v of CPU): %d page-like (%v wall, %v CPU in the calls), %d from Go (%v wall, %v CPU); not repeated from Go: %d holding a throwing accessor or that threw, %d of a mebibyte or more",
		r.calls["page"]+r.calls["go"], took.Round(time.Millisecond), cpuTook.Round(time.Millisecond),
		r.calls["page"], r.spent["page"].Round(time.Millisecond), r.cpu["page"].Round(time.Millisecond),
		r.calls["go"], r.spent["go"].Round(time.Millisecond), r.cpu["go"].Round(time.Millisecond), r.skippedA, r.skippedHuge)
	fns := hostileSortedKeys(r.perFn)
	for _, fn := range fns {
		var parts []string
		for _, code := range hostileSortedKeys(r.codes[fn]) {
			parts = append(parts, fmt.Sprintf("%s %d", code, r.codes[fn][code]))
		}
		t.Logf("  %-16s %5d calls, %8v CPU: %s", fn, r.perFn[fn], r.fnTime[fn].Round(time.Millisecond), strings.Join(parts, ", "))
	}
	t.Logf("thrown through to the caller: %d page-like, %d from Go", r.threw["page"], r.threw["go"])
	t.Logf("slowest calls by CPU time (bound %v of CPU each; slowest promise settled in %v):", hostileCallLimit, r.settle.Round(time.Microsecond))
	for _, s := range r.slowest {
		t.Logf("  %9v CPU %9v wall  %-4s %s   %s", s.cpu.Round(time.Microsecond), s.d.Round(time.Microsecond), s.mode, s.kind, hostileShort(s.desc, 160))
	}
	for _, fn := range hostileSortedKeys(r.async) {
		if a := r.async[fn]; a[0] > 0 && a[1] > 0 {
			r.issues["mixed|"+fn] = &hostileIssue{
				what:    fmt.Sprintf("jwtPlayground.FN returned a Promise %d times but a plain value %d times: callers that use .then() get a TypeError", a[0], a[1]),
				count:   a[1],
				fns:     map[string]int{fn: a[1]},
				example: r.asyncEx[fn],
			}
		}
	}
	for _, k := range hostileSortedKeys(r.issues) {
		is := r.issues[k]
		var fns []string
		for _, fn := range hostileSortedKeys(is.fns) {
			fns = append(fns, fmt.Sprintf("%s %d", fn, is.fns[fn]))
		}
		t.Errorf("BUG (still failing): %s\n    %d calls (%s); first input: %s", is.what, is.count, strings.Join(fns, ", "), hostileShort(is.example, 300))
	}
}

// ---------------------------------------------------------------------------
// Checking results.

// hostileEnvelope checks {ok: true, ...} or {ok: false, error: {code, message}}
// and returns the error code ("ok" when ok) or what is wrong.
func hostileEnvelope(v js.Value) (code, problem string) {
	defer func() {
		if p := recover(); p != nil { // syscall/js cannot type a BigInt
			code, problem = "", fmt.Sprintf("returned a value syscall/js cannot read (%v)", p)
		}
	}()
	if v.Type() != js.TypeObject {
		return "", fmt.Sprintf("returned %s, not an object", hostileTypeName(v))
	}
	ok := v.Get("ok")
	if ok.Type() != js.TypeBoolean {
		return "", fmt.Sprintf("result.ok is %s, not a boolean", hostileTypeName(ok))
	}
	e := v.Get("error")
	if ok.Bool() {
		if !e.IsUndefined() && !e.IsNull() {
			return "", "ok is true but error is set"
		}
		return "ok", ""
	}
	if e.Type() != js.TypeObject {
		return "", fmt.Sprintf("ok is false but error is %s", hostileTypeName(e))
	}
	c, m := e.Get("code"), e.Get("message")
	if c.Type() != js.TypeString || c.String() == "" {
		return "", fmt.Sprintf("error.code is %s, not a non-empty string", hostileTypeName(c))
	}
	if m.Type() != js.TypeString || m.String() == "" {
		return "", fmt.Sprintf("error.message is %s, not a non-empty string (code %s)", hostileTypeName(m), c.String())
	}
	if n := len(m.String()); n > hostileMaxMessage {
		return "", fmt.Sprintf("error.message is %d bytes long (code %s): it echoes the input instead of pointing into it", n, c.String())
	}
	return c.String(), ""
}

func hostileTypeName(v js.Value) string {
	switch v.Type() {
	case js.TypeString:
		return "the string " + strconv.Quote(hostileShort(v.String(), 40))
	case js.TypeNumber, js.TypeBoolean:
		return fmt.Sprintf("%s %v", v.Type(), v)
	}
	return v.Type().String()
}

func hostileThenable(v js.Value) bool {
	return v.Type() == js.TypeObject && v.Get("then").Type() == js.TypeFunction
}

// hostileSettle waits for a promise; how says what went wrong, if anything.
func hostileSettle(p js.Value, limit time.Duration) (v js.Value, how string) {
	type settled struct {
		v  js.Value
		ok bool
	}
	ch := make(chan settled, 2)
	onOK := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- settled{hostileArg(a), true}; return nil })
	onErr := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- settled{hostileArg(a), false}; return nil })
	p.Call("then", onOK, onErr)
	select {
	case s := <-ch:
		onOK.Release()
		onErr.Release()
		if !s.ok {
			return s.v, "rejected: " + js.Global().Get("String").Invoke(s.v).String()
		}
		return s.v, ""
	case <-time.After(limit):
		return js.Undefined(), fmt.Sprintf("did not settle within %v", limit)
	}
}

func hostileMs(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

func hostileArg(a []js.Value) js.Value {
	if len(a) == 0 {
		return js.Undefined()
	}
	return a[0]
}

// ---------------------------------------------------------------------------
// The runtime is alive and right.

// hostileAlive signs a token with encode, compares it with one signed here,
// and checks that decode and verify read it correctly.
func hostileAlive(t *testing.T, api js.Value, when string) {
	t.Helper()
	want := hostileHS256(hostileGoodHeader, hostileGoodPayload, hostileSecret)
	enc := hostileCallGo(t, api, "encode", map[string]any{"header": hostileGoodHeader, "payload": hostileGoodPayload, "key": hostileSecret})
	if enc["ok"] != true || enc["token"] != want {
		t.Fatalf("%s: encode = %v, want token %s", when, enc, want)
	}
	dec := hostileCallGo(t, api, "decode", want)
	payload, _ := dec["payload"].(map[string]any)
	if dec["ok"] != true || dec["alg"] != "HS256" || payload["sub"] != "alive" || dec["payloadText"] != hostileGoodPayload {
		t.Fatalf("%s: decode(good token) = %v", when, dec)
	}
	ver := hostileCallGo(t, api, "verify", want, map[string]any{"key": hostileSecret})
	if ver["ok"] != true || ver["valid"] != true || ver["signatureValid"] != true || ver["claimsValid"] != true {
		t.Fatalf("%s: verify(good token, right key) = %v, want valid", when, ver)
	}
	bad := hostileCallGo(t, api, "verify", want, map[string]any{"key": hostileSecret + "x"})
	if bad["ok"] != true || bad["valid"] != false || bad["signatureValid"] != false {
		t.Fatalf("%s: verify(good token, wrong key) = %v, want not valid", when, bad)
	}
	other := hostileCallGo(t, api, "encode", map[string]any{"header": `{"alg":"HS512"}`, "payload": `{"again":true}`, "key": hostileSecret})
	if other["ok"] != true || strings.Count(fmt.Sprint(other["token"]), ".") != 2 {
		t.Fatalf("%s: encode(HS512) = %v", when, other)
	}
}

// hostileAlivePage does the same round trip from a JavaScript macrotask.
func hostileAlivePage(t *testing.T, x js.Value) {
	t.Helper()
	want := hostileHS256(hostileGoodHeader, hostileGoodPayload, hostileSecret)
	done := make(chan js.Value, 1)
	report := js.FuncOf(func(_ js.Value, a []js.Value) any { done <- a[0]; return nil })
	defer report.Release()
	cases := js.ValueOf([]any{
		map[string]any{"fn": "encode", "args": []any{map[string]any{"header": hostileGoodHeader, "payload": hostileGoodPayload, "key": hostileSecret}}},
		map[string]any{"fn": "verify", "args": []any{want, map[string]any{"key": hostileSecret}}},
	})
	x.Call("harness", cases, report)
	var out js.Value
	select {
	case out = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("page-like calls after the storm did not come back")
	}
	enc, ver := out.Index(0), out.Index(1)
	if enc.Get("threw").Bool() || enc.Get("result").Type() != js.TypeObject || enc.Get("result").Get("token").String() != want {
		t.Fatalf("page-like encode after the storm: threw %v (%s), token %v, want %s",
			enc.Get("threw"), enc.Get("thrown"), enc.Get("result").Get("token"), want)
	}
	if ver.Get("threw").Bool() || ver.Get("result").Type() != js.TypeObject || !ver.Get("result").Get("valid").Truthy() {
		t.Fatalf("page-like verify after the storm: threw %v (%s), result %s",
			ver.Get("threw"), ver.Get("thrown"), js.Global().Get("JSON").Call("stringify", ver.Get("result")))
	}
}

// hostileOptionEdges checks answers, not just shapes, for hostile options
// whose right answer is known.
func hostileOptionEdges(t *testing.T, api, x js.Value) {
	t.Helper()
	tok := hostileHS256(hostileGoodHeader, hostileGoodPayload, hostileSecret)
	opts := func(members map[string]any) js.Value {
		o := js.Global().Get("Object").New()
		o.Set("key", hostileSecret)
		for k, v := range members {
			o.Set(k, v)
		}
		return o
	}
	type want int
	const (
		wantValid want = iota
		wantExpired
		wantBadInput
		wantOKInvalid // ok, but not valid
	)
	tests := []struct {
		name string
		opts js.Value
		want []want // the right answers
	}{
		{"now long before exp", opts(map[string]any{"now": -1e15}), []want{wantValid}},
		{"now long after exp", opts(map[string]any{"now": 1e15}), []want{wantExpired}},
		{"now 1e300", opts(map[string]any{"now": 1e300}), []want{wantBadInput}},
		{"now -1e300", opts(map[string]any{"now": -1e300}), []want{wantBadInput}},
		{"now NaN", opts(map[string]any{"now": math.NaN()}), []want{wantBadInput}},
		{"now Infinity", opts(map[string]any{"now": math.Inf(1)}), []want{wantBadInput}},
		{"now -0 (1970)", opts(map[string]any{"now": x.Call("negZero")}), []want{wantValid}},
		{"leeway NaN", opts(map[string]any{"leeway": math.NaN()}), []want{wantBadInput}},
		{"leeway -Infinity", opts(map[string]any{"leeway": math.Inf(-1)}), []want{wantBadInput}},
		{"leeway 1e300", opts(map[string]any{"leeway": 1e300}), []want{wantBadInput}},
		{"leeway 100 forgives 50 s", opts(map[string]any{"now": hostileExp + 50, "leeway": 100}), []want{wantValid}},
		{"negative leeway", opts(map[string]any{"now": hostileExp - 50, "leeway": -100}), []want{wantExpired, wantBadInput}},
		// The bridge refuses a leeway over 1e9 s (31 years) as bad input.
		{"leeway 1e10 forgives 100 s", opts(map[string]any{"now": hostileExp + 100, "leeway": 1e10}), []want{wantValid, wantBadInput}},
		// A leeway the bridge accepts (|leeway| <= 1e15) must not be cut
		// short: 1e12 s forgives 1e10 s. time.Duration holds ±292 years
		// (9.2e9 s); beyond that the float->int conversion saturates.
		{"leeway 1e12 forgives 1e10 s (over time.Duration's 292 years)", opts(map[string]any{"now": hostileExp + 1e10, "leeway": 1e12}), []want{wantValid, wantBadInput}},
		{"audience of numbers", opts(map[string]any{"audience": []any{1, 2, 3}}), []want{wantBadInput}},
		{"audience array with a hole", opts(map[string]any{"audience": x.Call("sparse", 3)}), []want{wantBadInput}},
		{"audience not held", opts(map[string]any{"audience": []any{"nobody"}}), []want{wantOKInvalid}},
		{"issuer a number", opts(map[string]any{"issuer": 7}), []want{wantBadInput}},
		{"issuer not held", opts(map[string]any{"issuer": "\x00"}), []want{wantOKInvalid}},
		{"secretEncoding an object", opts(map[string]any{"secretEncoding": map[string]any{}}), []want{wantBadInput}},
	}
	for _, tt := range tests {
		r := hostileCallGo(t, api, "verify", tok, tt.opts)
		errs, _ := r["errors"].([]any)
		expired := false
		for _, e := range errs {
			if m, _ := e.(map[string]any); m["code"] == "token_expired" {
				expired = true
			}
		}
		code := ""
		if e, ok := r["error"].(map[string]any); ok {
			code, _ = e["code"].(string)
		}
		is := func(w want) bool {
			switch w {
			case wantValid:
				return r["ok"] == true && r["valid"] == true
			case wantExpired:
				return r["ok"] == true && r["valid"] == false && expired
			case wantBadInput:
				return r["ok"] == false && code == "bad_input"
			default: // wantOKInvalid
				return r["ok"] == true && r["valid"] == false && r["signatureValid"] == true
			}
		}
		good := false
		for _, w := range tt.want {
			good = good || is(w)
		}
		if !good {
			b, _ := json.Marshal(r)
			t.Errorf("BUG (still failing): verify(good token, %s): wrong answer %s", tt.name, hostileShort(string(b), 400))
		}
	}
}

func hostileCallGo(t *testing.T, api js.Value, fn string, args ...any) map[string]any {
	t.Helper()
	var out js.Value
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("jwtPlayground.%s threw: %v", fn, p)
			}
		}()
		out = api.Call(fn, args...)
	}()
	if out.Type() != js.TypeObject {
		t.Fatalf("jwtPlayground.%s returned %s, want an object", fn, out.Type())
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", out).String()), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func hostileHS256(header, payload, secret string) string {
	in := hostileB64u([]byte(header)) + "." + hostileB64u([]byte(payload))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(in))
	return in + "." + hostileB64u(m.Sum(nil))
}

func hostileB64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// ---------------------------------------------------------------------------
// Inputs that kill the runtime run in a child process: the same test
// binary under node, started with node's child_process.

// TestHostileNestedThrowingGetter calls encode, verify and every other
// function from Go with an argument whose getter throws. syscall/js reads
// properties with Reflect.get outside any try/catch, so the exception
// unwinds through the bridge's Go frames and the caller's; the runtime is
// left corrupted.
func TestHostileNestedThrowingGetter(t *testing.T) {
	hostileChild(t, "nested-throwing-getter",
		"a getter that throws, read by the bridge during a call made from Go (js.Value.Call), corrupts the Go runtime instead of becoming {ok:false}")
}

// TestHostileHugeAudienceArray passes audience: new Array(268e6), a sparse
// array that costs JavaScript nothing; the bridge allocates a Go slice of
// that many strings before looking at item 0.
func TestHostileHugeAudienceArray(t *testing.T) {
	hostileChild(t, "huge-audience-array",
		"verify(token, {key, audience: new Array(268e6)}) makes the bridge allocate a []string of that length (4.3 GB) before it reads item 0: the runtime dies")
}

// TestHostileChild is the child side; it does nothing unless started by hostileChild.
func TestHostileChild(t *testing.T) {
	name := os.Getenv("JWT_HOSTILE_CHILD")
	if name == "" {
		t.Skip("runs only as a child of TestHostileNestedThrowingGetter and friends")
	}
	api := js.Global().Get("jwtPlayground")
	x := js.Global().Get("Function").New(hostileJS).Invoke()
	tok := hostileHS256(hostileGoodHeader, hostileGoodPayload, hostileSecret)
	callRecover := func(what, fn string, args ...any) {
		fmt.Printf("HOSTILE-CHILD: calling %s from Go\n", what)
		defer func() {
			if p := recover(); p != nil {
				fmt.Printf("HOSTILE-CHILD: %s threw, recovered: %v\n", what, p)
			}
		}()
		r := api.Call(fn, args...)
		if hostileThenable(r) {
			fmt.Printf("HOSTILE-CHILD: %s returned a promise\n", what)
			return
		}
		code, problem := hostileEnvelope(r)
		fmt.Printf("HOSTILE-CHILD: %s returned code %q %s\n", what, code, problem)
	}
	switch name {
	case "nested-throwing-getter":
		for _, fn := range hostileStrings(x.Call("functions")) {
			for _, member := range []string{"header", "payload", "key", "secretEncoding", "now", "audience", "bits"} {
				g := fmt.Sprintf("{get %s() { throw … }}", member)
				callRecover(fn+"(token, "+g+")", fn, tok, x.Call("getterThrows", member))
				callRecover(fn+"("+g+", "+g+")", fn, x.Call("getterThrows", member), x.Call("getterThrows", member))
			}
			callRecover(fn+"(token, revoked proxy)", fn, tok, x.Call("revokedProxy"))
			callRecover(fn+"(token, {key, audience: array whose item 1 is a throwing getter})", fn, tok,
				map[string]any{"key": hostileSecret, "audience": x.Call("indexThrows")})
		}
	case "huge-audience-array":
		callRecover("verify(token, {key, audience: new Array(268e6)})", "verify", tok,
			map[string]any{"key": hostileSecret, "audience": x.Call("sparse", 268e6)})
	default:
		t.Fatalf("unknown child case %q", name)
	}
	hostileAlive(t, api, "in the child, after "+name)
	fmt.Println("HOSTILE-CHILD-OK")
}

func hostileChild(t *testing.T, name, bug string) {
	t.Helper()
	if js.Global().Get("require").Type() != js.TypeFunction || js.Global().Get("process").Type() != js.TypeObject {
		t.Skip("needs node's require and process to start a child")
	}
	proc := js.Global().Get("process")
	argv := hostileStrings(proc.Get("argv"))
	if len(argv) < 3 {
		t.Skipf("cannot find the test binary in process.argv %v", argv)
	}
	args := append(hostileStrings(proc.Get("execArgv")), argv[1], argv[2], "-test.run=^TestHostileChild$", "-test.v")
	env := js.Global().Get("Object").Call("assign", js.Global().Get("Object").New(), proc.Get("env"))
	env.Set("JWT_HOSTILE_CHILD", name)
	anyArgs := make([]any, len(args))
	for i, a := range args {
		anyArgs[i] = a
	}
	start := time.Now()
	res := js.Global().Call("require", "child_process").Call("spawnSync", proc.Get("execPath"), anyArgs, map[string]any{
		"env": env, "encoding": "utf8", "timeout": 120000, "maxBuffer": 64 << 20,
	})
	out := res.Get("stdout").String() + "\n" + res.Get("stderr").String()
	status, signal := "none", "none"
	if v := res.Get("status"); v.Type() == js.TypeNumber {
		status = strconv.Itoa(v.Int())
	}
	if v := res.Get("signal"); v.Type() == js.TypeString {
		signal = v.String()
	}
	t.Logf("child %q exited with status %s, signal %s, after %v", name, status, signal, time.Since(start).Round(time.Millisecond))
	// The last calls it made, and how it died.
	var calls, death []string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "HOSTILE-CHILD:"):
			calls = append(calls, l)
		case len(death) < 4 && (strings.HasPrefix(l, "fatal error") || strings.HasPrefix(l, "runtime:") ||
			strings.HasPrefix(l, "panic") || strings.HasPrefix(l, "--- FAIL") || strings.Contains(l, "Error:")):
			death = append(death, l)
		}
	}
	if len(calls) > 3 {
		calls = calls[len(calls)-3:]
	}
	if status == "0" && strings.Contains(out, "HOSTILE-CHILD-OK") {
		t.Logf("fixed: %s", name)
		return
	}
	t.Errorf("BUG (still failing): %s.\n  child %q: exit status %s, signal %s; its last calls and its end:\n    %s",
		bug, name, status, signal, strings.Join(append(calls, death...), "\n    "))
}

// ---------------------------------------------------------------------------
// The input generator.

type hostileGen struct {
	r       *rand.Rand
	x       js.Value
	cache   map[string]hval
	real    []hostileRealKey // real keys, to mutate
	goodTok string           // a good HS256 token

	fiveMiB    int // 5 MiB inputs left for the random part (they are slowish)
	fixedCount int
}

type hostileRealKey struct {
	name string
	der  []byte // PKCS #8 or PKIX
	pem  string
	jwk  map[string]string
}

func newHostileGen(r *rand.Rand, x js.Value) *hostileGen {
	g := &hostileGen{r: r, x: x, cache: map[string]hval{}, fiveMiB: 3,
		goodTok: hostileHS256(hostileGoodHeader, hostileGoodPayload, hostileSecret)}
	g.real = hostileRealKeys(r)
	return g
}

// hostileRealKeys makes an EC P-256 and an Ed25519 key from r, so that
// they are the same for a seed, in PEM (PKCS #8, PKIX, SEC 1) and JWK.
func hostileRealKeys(r *rand.Rand) []hostileRealKey {
	var out []hostileRealKey
	d := make([]byte, 32)
	r.Read(d)
	d[0] &= 0x7f
	d[31] |= 1
	ec, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d)
	if err == nil {
		pub, _ := ec.PublicKey.Bytes()
		jwk := map[string]string{"kty": "EC", "crv": "P-256", "x": hostileB64u(pub[1:33]), "y": hostileB64u(pub[33:]), "d": hostileB64u(d)}
		p8, _ := x509.MarshalPKCS8PrivateKey(ec)
		pk, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
		s1, _ := x509.MarshalECPrivateKey(ec)
		out = append(out,
			hostileRealKey{"ec-pkcs8", p8, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})), jwk},
			hostileRealKey{"ec-pkix", pk, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pk})), nil},
			hostileRealKey{"ec-sec1", s1, string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: s1})), nil})
	}
	seed := make([]byte, ed25519.SeedSize)
	r.Read(seed)
	ed := ed25519.NewKeyFromSeed(seed)
	p8, _ := x509.MarshalPKCS8PrivateKey(ed)
	pk, _ := x509.MarshalPKIXPublicKey(ed.Public())
	jwk := map[string]string{"kty": "OKP", "crv": "Ed25519", "x": hostileB64u(ed.Public().(ed25519.PublicKey)), "d": hostileB64u(seed)}
	out = append(out,
		hostileRealKey{"ed-pkcs8", p8, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})), jwk},
		hostileRealKey{"ed-pkix", pk, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pk})), nil})
	return out
}

func (g *hostileGen) pick(ss ...string) string { return ss[g.r.Intn(len(ss))] }
func (g *hostileGen) chance(n int) bool        { return g.r.Intn(n) == 0 }

func hostileStr(s, kind string) hval { return hval{v: js.ValueOf(s), kind: kind, desc: s} }

func (g *hostileGen) jsv(kind string, throwy bool, method string, args ...any) hval {
	return hval{v: g.x.Call(method, args...), kind: kind, throwy: throwy}
}

// huge returns one of the cached big strings, built in JavaScript.
func (g *hostileGen) huge(name string) hval {
	if v, ok := g.cache[name]; ok {
		return v
	}
	const mib = 1 << 20
	var v js.Value
	rep := func(s string, n int) js.Value { return g.x.Call("repeat", s, n) }
	switch name {
	case "1MiB-A":
		v = rep("A", mib)
	case "1MiB-token-segment": // a valid token whose header is ~1 MiB: just under the limit
		h := `{"alg":"HS256","pad":"` + strings.Repeat("x", mib*3/4-128) + `"}`
		v = js.ValueOf(hostileHS256(h, `{"sub":"1"}`, hostileSecret))
	case "1MiB-secret-json":
		v = g.x.Call("concat", `{"kty":"oct","k":"`, rep("_", mib-32), `"}`)
	case "1MiB-utf16":
		v = rep("\u00e9\U0001F600", mib/3)
	case "5MiB-A":
		v = rep("A", 5*mib)
	case "5MiB-dots":
		v = rep(".", 5*mib)
	case "5MiB-token":
		seg := rep("eyJh", 5*mib/12).String() // keeps the base64url alphabet
		v = js.ValueOf(seg + "." + seg + "." + seg)
	case "5MiB-json":
		v = g.x.Call("concat", `{"alg":"HS256","kty":"oct","keys":[],"x":"`, rep("\\u0000", 5*mib/6), `"}`)
	case "5MiB-pem":
		v = g.x.Call("concat", "-----BEGIN PUBLIC KEY-----\n", rep("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n", 5*mib/45), "-----END PUBLIC KEY-----\n")
	case "5MiB-lone-surrogates":
		// Built in JavaScript: Go strings cannot hold a lone surrogate.
		v = g.x.Call("repeat", g.x.Call("lone", "a", 0, 0xd800), 5*mib/2)
	default:
		panic("unknown huge string " + name)
	}
	h := hval{v: v, kind: name, desc: fmt.Sprintf("<%s: %d UTF-16 units>", name, g.x.Call("len", v).Int()), huge: true}
	g.cache[name] = h
	return h
}

// ---- strings

var hostileWords = []string{"", " ", "\t\r\n", "\x00", "null", "undefined", "true", "0", "-0", "NaN", "1e400",
	"[object Object]", "__proto__", "constructor", "toString", "HS256", "hs256", "ES256", "EdDSA", "none", "None",
	"utf8", "hex", "base64", "base64url", "HEX", "rot13", "Bearer", "Bearer ", "{", "}", "[]", "{}", "\"\"", "e30",
	"e30.e30.e30", "...", ".", "..", "a.b.c", "=", "-----BEGIN", "-----BEGIN PUBLIC KEY-----", "\ufeff", "\u2028", "\uffff"}

var hostileURLs = []string{"http://127.0.0.1:1/jwks", "https://localhost:1/.well-known/jwks.json", "http://[::1]:1/",
	"http://example.com/jwks", "ftp://localhost/", "javascript:alert(1)", "data:application/json,{\"keys\":[]}",
	"file:///etc/passwd", "https://", "https://%zz", "//localhost/x", "https://localhost:99999/", "http://localhost:1/\x00"}

// str returns a random string of any family.
func (g *hostileGen) str() hval {
	switch g.r.Intn(16) {
	case 0, 1:
		return hostileStr(g.pick(hostileWords...), "word")
	case 2:
		return hostileStr(g.ascii(g.r.Intn(80)), "ascii")
	case 3:
		return hostileStr(g.binary(g.r.Intn(80)), "bytes-with-NULs")
	case 4:
		return hostileStr(g.unicode(g.r.Intn(40)), "unicode")
	case 5, 6, 7:
		s, k := g.token()
		return hostileStr(s, k)
	case 8, 9, 10:
		s, k := g.keyText()
		return hostileStr(s, k)
	case 11, 12:
		s, k := g.jsonText()
		return hostileStr(s, k)
	case 13:
		return hostileStr(g.pick(hostileURLs...), "url")
	case 14:
		return g.loneSurrogates()
	default:
		if g.chance(40) {
			return g.huge(g.pick("1MiB-A", "1MiB-token-segment", "1MiB-secret-json", "1MiB-utf16"))
		}
		return hostileStr(g.b64ish(g.r.Intn(300)), "base64url-ish")
	}
}

// loneSurrogates puts "\ud800" or "\udfff" into another string.
func (g *hostileGen) loneSurrogates() hval {
	base := g.pickF(g.token, g.jsonText, g.ascii20)
	unit := []int{0xd800, 0xdbff, 0xdc00, 0xdfff}[g.r.Intn(4)]
	at := 0
	if len(base) > 0 {
		at = g.r.Intn(len(base) + 1)
	}
	return hval{v: g.x.Call("lone", base, at, unit), kind: "lone-surrogate", desc: fmt.Sprintf("%s with \\u%x at %d", base, unit, at)}
}

func (g *hostileGen) ascii20() (string, string) { return g.ascii(20), "ascii" }

func (g *hostileGen) pickF(fs ...func() (string, string)) string {
	s, _ := fs[g.r.Intn(len(fs))]()
	return s
}

func (g *hostileGen) ascii(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(32 + g.r.Intn(95))
	}
	return string(b)
}

func (g *hostileGen) binary(n int) string {
	b := make([]byte, n)
	g.r.Read(b)
	for i := range b {
		if g.chance(5) {
			b[i] = 0
		}
	}
	return string(b)
}

var hostileRunes = []rune{0, 1, 0x7f, 0x80, 0xa0, 0xad, 0x200b, 0x200e, 0x202e, 0x2028, 0xfeff, 0xfffd, 0xfffe, 0xffff,
	0x10000, 0x1f600, 0x10ffff, 'é', 'ß', 'İ', 'ı', 'Ω', '日', '"', '\\', '.', '-', '_', '=', '+', '/'}

func (g *hostileGen) unicode(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if g.chance(2) {
			b.WriteRune(hostileRunes[g.r.Intn(len(hostileRunes))])
		} else {
			b.WriteRune(rune(g.r.Intn(0x10ffff)))
		}
	}
	return b.String()
}

const hostileB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func (g *hostileGen) b64ish(n int) string {
	b := make([]byte, n)
	for i := range b {
		if g.chance(60) {
			b[i] = "+/= *.\n\x00é"[g.r.Intn(10)]
		} else {
			b[i] = hostileB64[g.r.Intn(64)]
		}
	}
	return string(b)
}

// ---- JSON

var hostileNumbers = []string{"0", "-0", "1", "-1", "1.5", "1e400", "-1e400", "1e308", "5e-324", "1e-400",
	"9007199254740993", "12345678901234567890", "4102444800", "1700000000", "253402300800", "-62135596800",
	"1e15", "1e16", "-1e15", "0.000001", "1E2", "01", "+1", ".5", "1.", "0x10", "NaN", "Infinity"}

func (g *hostileGen) jsonString() string {
	switch g.r.Intn(6) {
	case 0:
		return `"\ud800"`
	case 1:
		return `"\u0000` + g.ascii(3) + `"`
	case 2:
		return `"` + g.ascii(g.r.Intn(10)) + `\x"` // an invalid escape
	case 3:
		return "\"" + string(rune(g.r.Intn(32))) + "\"" // a raw control character
	default:
		b, _ := json.Marshal(g.unicode(g.r.Intn(12)))
		return string(b)
	}
}

func (g *hostileGen) jsonValue(depth int) string {
	switch n := g.r.Intn(10); {
	case depth <= 0 || n < 4:
		switch g.r.Intn(5) {
		case 0:
			return g.pick("null", "true", "false")
		case 1, 2:
			return g.pick(hostileNumbers...)
		default:
			return g.jsonString()
		}
	case n < 7:
		parts := make([]string, g.r.Intn(5))
		for i := range parts {
			parts[i] = g.jsonValue(depth - 1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	default:
		parts := make([]string, g.r.Intn(5))
		for i := range parts {
			k := g.pick(`"alg"`, `"kid"`, `"exp"`, `"aud"`, `"keys"`, `"kty"`, `"__proto__"`, `""`, g.jsonString())
			parts[i] = k + ":" + g.jsonValue(depth-1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
}

func (g *hostileGen) mutate(s string) string {
	if s == "" {
		return g.pick("{", "[", `"`, ",", "\x00")
	}
	i := g.r.Intn(len(s))
	switch g.r.Intn(8) {
	case 0:
		return s[:i]
	case 1:
		return s[:i] + string(`{}[]":,\ x`[g.r.Intn(10)]) + s[i:]
	case 2:
		return s[:i] + s[i+1:]
	case 3:
		return s + g.pick("}", "]", ",", " x", "\x00", "{}")
	case 4:
		return "\ufeff" + s
	case 5:
		return s[:i] + s[i:] + s[i:]
	case 6:
		return strings.ReplaceAll(s, `"`, `'`)
	default:
		b := []byte(s)
		b[i] ^= byte(1 << g.r.Intn(8))
		return string(b)
	}
}

func hostileDeep(n int, object bool) string {
	if object {
		return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)
	}
	return strings.Repeat("[", n) + strings.Repeat("]", n)
}

// jsonText returns JSON text: valid, broken, deep or odd.
func (g *hostileGen) jsonText() (string, string) {
	switch g.r.Intn(10) {
	case 0:
		n := g.pick("10000", "65", "64", "10001")
		d, _ := strconv.Atoi(n)
		return hostileDeep(d, g.chance(2)), "json-depth-" + n
	case 1, 2:
		return g.mutate(g.jsonValue(3)), "json-broken"
	case 3:
		return g.headerJSON(), "json-header"
	case 4:
		return g.payloadJSON(), "json-payload"
	case 5:
		s, k := g.jwkText()
		return s, k
	case 6:
		return `{"a":1,"a":2,"alg":"HS256","alg":"none"}`, "json-duplicate-members"
	default:
		return g.jsonValue(4), "json-random"
	}
}

var hostileAlgs = []string{`"HS256"`, `"HS384"`, `"HS512"`, `"RS256"`, `"PS512"`, `"ES256"`, `"ES384"`, `"ES512"`,
	`"EdDSA"`, `"none"`, `"None"`, `"NONE"`, `""`, `"HS256\u0000"`, `"hs256"`, `"HS1"`, `" HS256"`, `256`, `null`,
	`true`, `["HS256"]`, `{"alg":"HS256"}`, `"\ud800"`}

var hostileDates = []string{"0", "-1", "4102444800", "1700000000", "1e400", "-1e400", "1e308", "-0", "1.5",
	"9007199254740993", `"1700000000"`, "null", "true", "[]", "{}", "1e15", "1e16", "253402300800", "-62135596800", "5e-324"}

func (g *hostileGen) headerJSON() string {
	var m []string
	if !g.chance(8) {
		m = append(m, `"alg":`+g.pick(hostileAlgs...))
	}
	if g.chance(2) {
		m = append(m, `"kid":`+g.pick(`"k1"`, `""`, `1`, `null`, `{}`, `["k1"]`, g.jsonString()))
	}
	if g.chance(3) {
		m = append(m, `"typ":`+g.pick(`"JWT"`, `"at+jwt"`, `1`, `null`))
	}
	if g.chance(6) {
		m = append(m, `"crit":`+g.pick(`["exp"]`, `[]`, `"b64"`, `[1]`), `"b64":false`)
	}
	if g.chance(6) {
		m = append(m, `"jwk":`+g.jsonValue(2), `"x5c":`+g.pick(`["AAAA"]`, `[1]`, `"x"`))
	}
	g.r.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
	s := "{" + strings.Join(m, ",") + "}"
	if g.chance(10) {
		return g.mutate(s)
	}
	return s
}

func (g *hostileGen) payloadJSON() string {
	var m []string
	for _, c := range []string{"exp", "nbf", "iat"} {
		if g.chance(2) {
			m = append(m, `"`+c+`":`+g.pick(hostileDates...))
		}
	}
	if g.chance(3) {
		m = append(m, `"aud":`+g.pick(`"a"`, `["a","b"]`, `[]`, `[1]`, `[null]`, `1`, `{}`, `""`, `[""]`))
	}
	if g.chance(3) {
		m = append(m, `"iss":`+g.pick(`"iss"`, `1`, `null`, `["iss"]`, `""`))
	}
	if g.chance(2) {
		m = append(m, `"sub":`+g.jsonValue(2))
	}
	s := "{" + strings.Join(m, ",") + "}"
	switch g.r.Intn(12) {
	case 0:
		return g.mutate(s)
	case 1:
		return g.jsonValue(2) // not an object
	}
	return s
}

// ---- tokens

// token returns a token-like string; "tokens with 1–6 dots" are the common case.
func (g *hostileGen) token() (string, string) {
	switch g.r.Intn(12) {
	case 0, 1: // well-formed and signed, with random claims
		h, p := g.headerJSON(), g.payloadJSON()
		return hostileHS256(h, p, hostileSecret), "token-signed-random-claims"
	case 2: // the good token, damaged
		return g.mutate(g.goodTok), "token-good-mutated"
	case 3, 4: // 1–6 dots, base64url-ish segments
		n := 2 + g.r.Intn(6)
		segs := make([]string, n)
		for i := range segs {
			segs[i] = g.b64ish(g.r.Intn(60))
		}
		return strings.Join(segs, "."), fmt.Sprintf("token-%d-dots", n-1)
	case 5, 6: // 1–6 dots, JSON segments
		n := 2 + g.r.Intn(6)
		segs := make([]string, n)
		for i := range segs {
			switch g.r.Intn(4) {
			case 0:
				segs[i] = hostileB64u([]byte(g.headerJSON()))
			case 1:
				segs[i] = hostileB64u([]byte(g.payloadJSON()))
			case 2:
				segs[i] = hostileB64u([]byte(g.binary(g.r.Intn(40))))
			default:
				segs[i] = base64.StdEncoding.EncodeToString([]byte(g.jsonValue(2))) // padding, + and /
			}
		}
		return strings.Join(segs, "."), fmt.Sprintf("token-json-%d-dots", n-1)
	case 7: // white space and Bearer around a token
		s, _ := g.token()
		return g.pick("", " ", "\t\n", "Bearer ", "bearer    ", "BEARER\t", "Bearer Bearer ") + s + g.pick("", " ", "\r\n", "\x00"), "token-wrapped"
	case 8: // alg none
		return hostileB64u([]byte(`{"alg":"none"}`)) + "." + hostileB64u([]byte(g.payloadJSON())) + g.pick(".", ".AAAA", "..", ""), "token-alg-none"
	case 9: // deep JSON in a segment
		d := hostileDeep(10000, g.chance(2))
		if g.chance(2) {
			return hostileB64u([]byte(`{"alg":"HS256","x":`+d+`}`)) + ".e30.AA", "token-deep-header"
		}
		return "eyJhbGciOiJIUzI1NiJ9." + hostileB64u([]byte(d)) + ".AA", "token-deep-payload"
	case 10: // a big segment (64 KiB; the 1 and 5 MiB ones come from huge)
		return "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat(g.pick("A", "_", "e30"), 64<<10) + ".", "token-64KiB-segment"
	default:
		return g.pick(".", "..", "...", "....", ".....", "......", "a.", ".a", "a..b", "e30..", "..e30"), "token-empty-segments"
	}
}

// ---- keys

func (g *hostileGen) keyText() (string, string) {
	switch g.r.Intn(10) {
	case 0:
		return hostileSecret, "key-good-secret"
	case 1:
		return g.ascii(g.r.Intn(40)), "key-secret-text"
	case 2:
		return g.pick("0x", "", " ") + g.hexish(g.r.Intn(70)), "key-hex-ish"
	case 3:
		return g.b64ish(g.r.Intn(70)) + g.pick("", "=", "==", "==="), "key-base64-ish"
	case 4, 5:
		return g.jwkText()
	case 6, 7:
		return g.pemText()
	case 8:
		k := g.real[g.r.Intn(len(g.real))]
		return k.pem, "key-real-" + k.name
	default:
		return g.jwksText()
	}
}

func (g *hostileGen) hexish(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "0123456789abcdefABCDEF g\n"[g.r.Intn(25)]
	}
	return string(b)
}

func (g *hostileGen) b64bytes(n int) string {
	b := make([]byte, n)
	g.r.Read(b)
	return hostileB64u(b)
}

// jwkMember is a JSON value for a JWK member: often of the wrong type.
func (g *hostileGen) jwkMember() string {
	switch g.r.Intn(12) {
	case 0:
		return g.pick("1", "null", "true", "[]", "{}", `[""]`, `{"k":"x"}`, "-1")
	case 1:
		return g.pick(`""`, `"="`, `"!!!"`, `"a"`, `"AQAB="`, `"+/+/"`, `"AQAB"`, `"AA"`, `"_____w"`, `"AQABAQAB"`)
	case 2:
		return `"` + g.b64ish(g.r.Intn(100)) + `"`
	case 3:
		return g.jsonString()
	default:
		n := []int{0, 1, 4, 31, 32, 33, 48, 64, 66, 96, 128, 256, 257, 512}[g.r.Intn(14)]
		return `"` + g.b64bytes(n) + `"`
	}
}

func (g *hostileGen) jwkText() (string, string) {
	if g.chance(4) { // a real key with one member changed
		var keys []hostileRealKey
		for _, k := range g.real {
			if k.jwk != nil {
				keys = append(keys, k)
			}
		}
		k := keys[g.r.Intn(len(keys))]
		names := hostileSortedKeys(k.jwk)
		var m []string
		victim := names[g.r.Intn(len(names))]
		for _, n := range names {
			v, _ := json.Marshal(k.jwk[n])
			if n == victim {
				v = []byte(g.jwkMember())
			}
			if !(n == victim && g.chance(3)) {
				m = append(m, `"`+n+`":`+string(v))
			}
		}
		return "{" + strings.Join(m, ",") + "}", "jwk-real-" + k.name + "-bad-" + victim
	}
	if g.chance(5) { // an RSA public key whose modulus is random but odd and long enough
		n := make([]byte, 64*(1+g.r.Intn(8)))
		g.r.Read(n)
		n[0] |= 0x80
		n[len(n)-1] |= 1
		e := g.pick(`"AQAB"`, `"Aw"`, `"AQ"`, `"Ag"`, `"_____w"`, `"AQABAA"`, `""`, `65537`)
		extra := ""
		if g.chance(3) {
			extra = `,"d":` + g.jwkMember() + `,"p":` + g.jwkMember() + `,"q":` + g.jwkMember()
		}
		return `{"kty":"RSA","n":"` + hostileB64u(n) + `","e":` + e + extra + `}`, "jwk-rsa-random-modulus"
	}
	kty := g.pick(`"oct"`, `"RSA"`, `"EC"`, `"OKP"`, `""`, `"rsa"`, `"oct "`, `1`, `null`, `[]`, `{}`)
	m := []string{`"kty":` + kty}
	for _, name := range []string{"k", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y"} {
		if g.chance(3) {
			m = append(m, `"`+name+`":`+g.jwkMember())
		}
	}
	if g.chance(2) {
		m = append(m, `"crv":`+g.pick(`"P-256"`, `"P-384"`, `"P-521"`, `"Ed25519"`, `"X25519"`, `"secp256k1"`, `1`, `null`))
	}
	for _, name := range []string{"kid", "alg", "use", "key_ops", "x5c"} {
		if g.chance(4) {
			m = append(m, `"`+name+`":`+g.pick(`"sig"`, `"enc"`, `"HS256"`, `"ES256"`, `1`, `null`, `[]`, `["sign"]`, `{}`, g.jsonString()))
		}
	}
	g.r.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
	s := "{" + strings.Join(m, ",") + "}"
	if g.chance(8) {
		return g.mutate(s), "jwk-broken"
	}
	return s, "jwk-random"
}

func (g *hostileGen) jwksText() (string, string) {
	switch g.r.Intn(6) {
	case 0:
		return `{"keys":` + g.pick("null", "1", `"x"`, "{}", "[]", "true", `[null]`, `[1,"x",[]]`) + `}`, "jwks-keys-wrong-type"
	case 1:
		return `{"keys":` + hostileDeep(10000, false) + `}`, "jwks-depth-10000"
	default:
		keys := make([]string, g.r.Intn(6))
		for i := range keys {
			keys[i], _ = g.jwkText()
		}
		s := `{"keys":[` + strings.Join(keys, ",") + `]` + g.pick("", `,"keys":[]`, `,"x":1`) + `}`
		if g.chance(8) {
			return g.mutate(s), "jwks-broken"
		}
		return s, "jwks-random"
	}
}

var hostilePEMTypes = []string{"PUBLIC KEY", "RSA PUBLIC KEY", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
	"CERTIFICATE", "X509 CERTIFICATE", "ENCRYPTED PRIVATE KEY", "EC PARAMETERS", "OPENSSH PRIVATE KEY", "", "public key",
	"PUBLIC  KEY", "X"}

var hostileOIDs = [][]byte{
	{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01},             // ecPublicKey
	{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07},       // P-256
	{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}, // rsaEncryption
	{0x2b, 0x65, 0x70}, // Ed25519
	{0x2b, 0x65, 0x6e}, // X25519
}

// der makes random, often inconsistent, ASN.1.
func (g *hostileGen) der(depth int) []byte {
	tags := []byte{0x30, 0x30, 0x31, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0xa0, 0xa1, 0xa3, 0x80, 0xff}
	tag := tags[g.r.Intn(len(tags))]
	var body []byte
	switch {
	case tag == 0x06:
		body = hostileOIDs[g.r.Intn(len(hostileOIDs))]
	case (tag == 0x30 || tag == 0x31 || tag&0xa0 == 0xa0) && depth > 0:
		for i := g.r.Intn(4); i > 0; i-- {
			body = append(body, g.der(depth-1)...)
		}
	default:
		body = make([]byte, g.r.Intn(70))
		g.r.Read(body)
	}
	var length []byte
	switch n := len(body); g.r.Intn(10) {
	case 0:
		length = []byte{byte(g.r.Intn(256))}
	case 1:
		length = []byte{0x84, 0xff, 0xff, 0xff, 0xff}
	case 2:
		length = []byte{0x80}
	case 3:
		length = []byte{0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0}
	default:
		if n < 128 {
			length = []byte{byte(n)}
		} else {
			length = []byte{0x82, byte(n >> 8), byte(n)}
		}
	}
	return append(append([]byte{tag}, length...), body...)
}

func (g *hostileGen) pemText() (string, string) {
	label := g.pick(hostilePEMTypes...)
	var body []byte
	kind := "pem-"
	switch g.r.Intn(4) {
	case 0:
		body = make([]byte, g.r.Intn(300))
		g.r.Read(body)
		kind += "random-bytes"
	case 1:
		body = g.der(4)
		kind += "random-der"
	default:
		k := g.real[g.r.Intn(len(g.real))]
		body = append([]byte(nil), k.der...)
		for i := 1 + g.r.Intn(3); i > 0; i-- {
			body[g.r.Intn(len(body))] ^= byte(1 << g.r.Intn(8))
		}
		if g.chance(3) {
			body = body[:g.r.Intn(len(body))]
		}
		kind += "real-" + k.name + "-damaged"
	}
	b := base64.StdEncoding.EncodeToString(body)
	var lines []string
	for len(b) > 64 {
		lines, b = append(lines, b[:64]), b[64:]
	}
	lines = append(lines, b)
	end := label
	headers := ""
	switch g.r.Intn(12) {
	case 0:
		end = g.pick(hostilePEMTypes...)
		kind += "-mismatched-end"
	case 1:
		headers = "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
		kind += "-encrypted"
	case 2:
		lines = []string{g.b64ish(g.r.Intn(200))}
		kind += "-garbage-body"
	}
	s := "-----BEGIN " + label + "-----\n" + headers + strings.Join(lines, "\n") + "\n-----END " + end + "-----\n"
	switch g.r.Intn(10) {
	case 0:
		s = strings.ReplaceAll(s, "\n", `\n`)
		kind += "-escaped-newlines"
	case 1:
		s = strings.ReplaceAll(s, "\n", "")
		kind += "-one-line"
	case 2:
		s = strings.ReplaceAll(s, "\n", "\r\n")
	case 3:
		s = s[:g.r.Intn(len(s))]
		kind += "-cut"
	case 4:
		s += s
		kind += "-twice"
	case 5:
		s = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + s
	case 6:
		s = g.ascii(10) + s + g.unicode(5)
	}
	return s, kind
}

// ---- values of every type

var hostileNames = []string{"key", "secretEncoding", "now", "leeway", "issuer", "audience", "header", "payload",
	"alg", "bits", "kid", "url", "issuerUrl", "format", "private", "crv", "size", "token", "__proto__", "", "0", "length"}

// number returns a JS number, from the edges mostly.
func (g *hostileGen) number() hval {
	if g.chance(12) {
		return hval{v: g.x.Call("negZero"), kind: "number", desc: "-0"}
	}
	f := []float64{0, 1, -1, 0.5, -0.5, math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -1e300, 1e15, -1e15, 1e15 + 1,
		9.3e9, 1e10, 1e12, -1e12, 1 << 53, 1 << 63, -(1 << 63), 5e-324, 4102444800, 1700000000, 268435456, 2048, 4096,
		3072, 65537, 1e9, -4096}[g.r.Intn(30)]
	if g.chance(6) {
		f = (g.r.Float64() - 0.5) * math.Pow(10, float64(g.r.Intn(40)))
	}
	return hval{v: js.ValueOf(f), kind: "number", desc: strconv.FormatFloat(f, 'g', -1, 64)}
}

// specials returns the odd values every argument position gets once: the
// cheap ones, then the costly ones (depth 10000, a mebibyte).
func (g *hostileGen) specials() (cheap, costly []func() hval) {
	x := g.x
	v := func(val any, kind string) func() hval {
		return func() hval { return hval{v: js.ValueOf(val), kind: kind} }
	}
	j := func(kind string, throwy bool, method string, args ...any) func() hval {
		return func() hval { return hval{v: x.Call(method, args...), kind: kind, throwy: throwy} }
	}
	cheap = []func() hval{
		v(js.Undefined(), "undefined"), v(nil, "null"), v(math.NaN(), "NaN"), v(math.Inf(1), "Infinity"),
		v(math.Inf(-1), "-Infinity"), v(1e300, "1e300"), v(-1e300, "-1e300"), j("-0", false, "negZero"),
		v(true, "true"), v(false, "false"), v(0, "0"),
		j("BigInt", false, "bigint", 3), j("Symbol", false, "symbol", "hostile"),
		j("function", false, "fn"), j("function-that-throws", false, "throwingFn"), j("function-with-members", false, "fnWithMembers"),
		v([]any{}, "[]"), v([]any{1, "x", nil, []any{}}, "array-mixed"), v(map[string]any{}, "{}"),
		v(map[string]any{"a": map[string]any{"b": []any{1, map[string]any{"c": nil}}}}, "nested-object"),
		j("null-prototype-object", false, "nullProto"), j("boxed-string", false, "boxed", g.goodTok),
		j("Date", false, "date"), j("RegExp", false, "regexp"), j("Map", false, "map"),
		j("Uint8Array", false, "bytes", 16), j("ArrayBuffer", false, "buffer", 16), j("Promise", false, "promise"),
		j("Error", false, "error"),
		j("circular-object", false, "circular"), j("object-holding-BigInt", false, "withBigInt"),
		j("toJSON-throws", false, "toJSONThrows"), j("toJSON-undefined", false, "toJSONUndefined"),
		j("toJSON-string", false, "toJSONString"), j("toPrimitive-throws", false, "toPrimitiveThrows"),
		j("reentrant-getters-input", false, "reentrantInput"), j("reentrant-getter-options", false, "reentrantOptions"),
		j("reentrant-toJSON", false, "reentrantToJSON"),
		j("array-proxy-length-1e9", false, "arrayProxyLength", 1e9), j("sparse-array-2^32-1", false, "sparse", 4294967295),
		func() hval { return hval{v: js.Global().Get("jwtPlayground"), kind: "the-API-object"} },
		j("getter-throws-key", true, "getterThrows", "key"), j("getter-throws-header", true, "getterThrows", "header"),
		j("inherited-getter-throws-key", true, "inheritedGetterThrows", "key"), j("proxy-all-traps-throw", true, "proxyThrows"),
		j("array-proxy-traps-throw", true, "arrayProxyThrows"), j("function-proxy-traps-throw", true, "fnProxyThrows"),
		j("revoked-proxy", true, "revokedProxy"), j("array-index-getter-throws", true, "indexThrows"),
		func() hval { return hostileStr("", "empty-string") }, func() hval { return hostileStr("\x00\x00.\x00.\x00", "NUL-string") },
		func() hval { return g.loneSurrogates() },
	}
	costly = []func() hval{
		j("object-depth-10000", false, "deepObj", 10000), j("array-depth-10000", false, "deepArr", 10000),
		func() hval { return hostileStr(hostileDeep(10000, false), "json-text-depth-10000-array") },
		func() hval { return hostileStr(hostileDeep(10000, true), "json-text-depth-10000-object") },
		func() hval { return g.huge("1MiB-A") }, func() hval { return g.huge("1MiB-utf16") },
	}
	return cheap, costly
}

func (g *hostileGen) special() hval {
	cheap, costly := g.specials()
	if g.chance(15) {
		return costly[g.r.Intn(len(costly))]()
	}
	return cheap[g.r.Intn(len(cheap))]()
}

// anyValue returns a random value of any type.
func (g *hostileGen) anyValue(depth int) hval {
	switch n := g.r.Intn(40); {
	case n < 16:
		return g.str()
	case n < 19:
		return g.number()
	case n < 22 && depth > 0:
		return g.array(depth - 1)
	case n < 26 && depth > 0:
		return g.object(depth-1, hostileNames)
	case n < 29:
		return g.verifyOptions()
	case n < 30:
		return g.encodeInput()
	case n < 31 && depth > 0:
		return g.audience()
	default:
		return g.special()
	}
}

func (g *hostileGen) array(depth int) hval {
	arr := js.Global().Get("Array").New()
	var kinds []string
	h := hval{v: arr}
	for i := g.r.Intn(5); i > 0; i-- {
		e := g.anyValue(depth)
		arr.Call("push", e.v)
		kinds = append(kinds, e.kind)
		h.throwy = h.throwy || e.throwy
		h.huge = h.huge || e.huge
	}
	h.kind = "array[" + strings.Join(kinds, ",") + "]"
	return h
}

func (g *hostileGen) object(depth int, names []string) hval {
	var o js.Value
	switch g.r.Intn(8) {
	case 0:
		o = g.x.Call("nullProto")
	case 1:
		o = g.x.Call("fnWithMembers")
	default:
		o = js.Global().Get("Object").New()
	}
	h := hval{v: o}
	var kinds []string
	for i := g.r.Intn(5); i > 0; i-- {
		name := names[g.r.Intn(len(names))]
		if g.chance(15) {
			g.x.Call("defineGetter", o, name)
			h.throwy = true
			kinds = append(kinds, name+":getter-throws")
			continue
		}
		e := g.anyValue(depth)
		g.x.Call("put", o, name, e.v)
		kinds = append(kinds, name+":"+e.kind)
		h.throwy = h.throwy || e.throwy
		h.huge = h.huge || e.huge
	}
	h.kind = "object{" + strings.Join(kinds, ",") + "}"
	return h
}

// audience returns a value for verify's audience, valid or not.
func (g *hostileGen) audience() hval {
	switch g.r.Intn(10) {
	case 0:
		return hval{v: js.ValueOf([]any{1, 2.5, -1}), kind: "audience-numbers"}
	case 1:
		return hval{v: js.ValueOf([]any{"a", 1, nil}), kind: "audience-mixed"}
	case 2:
		n := []int{0, 1, 3, 1000}[g.r.Intn(4)]
		return g.jsv(fmt.Sprintf("audience-sparse-%d", n), false, "sparse", n)
	case 3:
		// Only lengths the runtime survives: over maxAlloc/16 the slice is
		// refused with a panic; lengths of 1e8 to 2.68e8 are allocated
		// (see TestHostileHugeAudienceArray).
		n := []float64{1e9, 4294967295, 3e8}[g.r.Intn(3)]
		return g.jsv(fmt.Sprintf("audience-sparse-%g", n), false, "sparse", n)
	case 4:
		n := []float64{-1, 1.5, 1e9, math.NaN(), 5}[g.r.Intn(5)]
		return g.jsv(fmt.Sprintf("audience-array-proxy-length-%g", n), false, "arrayProxyLength", n)
	case 5:
		return hval{v: js.ValueOf([]any{[]any{"a"}, map[string]any{}}), kind: "audience-nested"}
	case 6:
		return hval{v: g.x.Call("numbers", 10000), kind: "audience-10000-numbers"}
	case 7:
		if g.chance(3) {
			return g.jsv("audience-index-getter-throws", true, "indexThrows")
		}
		return g.jsv("audience-array-proxy-throws", true, "arrayProxyThrows")
	default:
		h := g.str()
		if g.chance(2) {
			h.v = js.ValueOf([]any{h.v, "aud"})
			h.kind = "audience-[" + h.kind + "]"
		}
		return h
	}
}

// verifyOptions returns verify's second argument, mostly of the right shape.
func (g *hostileGen) verifyOptions() hval {
	if g.chance(12) {
		return g.anyValue(1)
	}
	o := js.Global().Get("Object").New()
	h := hval{v: o}
	var kinds []string
	set := func(name string, e hval) {
		g.x.Call("put", o, name, e.v)
		kinds = append(kinds, name+":"+e.kind)
		h.throwy = h.throwy || e.throwy
		h.huge = h.huge || e.huge
	}
	if !g.chance(6) {
		if g.chance(4) {
			set("key", g.anyValue(1))
		} else {
			s, k := g.keyText()
			set("key", hostileStr(s, k))
		}
	}
	if g.chance(3) {
		if g.chance(3) {
			set("secretEncoding", g.anyValue(0))
		} else {
			set("secretEncoding", hostileStr(g.pick("utf8", "hex", "base64", "base64url", "", "HEX", "rot13", "utf-8", "\x00"), "encoding"))
		}
	}
	for _, name := range []string{"now", "leeway"} {
		if g.chance(2) {
			if g.chance(5) {
				set(name, g.anyValue(0))
			} else {
				set(name, g.number())
			}
		}
	}
	if g.chance(3) {
		set("issuer", g.anyValue(0))
	}
	if g.chance(3) {
		set("audience", g.audience())
	}
	if g.chance(12) {
		name := g.pick("key", "now", "audience", "secretEncoding", "issuer", "leeway")
		g.x.Call("defineGetter", o, name)
		h.throwy = true
		kinds = append(kinds, name+":getter-throws")
	}
	h.kind = "options{" + strings.Join(kinds, ",") + "}"
	return h
}

// encodeInput returns encode's argument, mostly of the right shape.
func (g *hostileGen) encodeInput() hval {
	if g.chance(12) {
		return g.anyValue(1)
	}
	o := js.Global().Get("Object").New()
	h := hval{v: o}
	var kinds []string
	set := func(name string, e hval) {
		g.x.Call("put", o, name, e.v)
		kinds = append(kinds, name+":"+e.kind)
		h.throwy = h.throwy || e.throwy
		h.huge = h.huge || e.huge
	}
	part := func(text string, kind string) hval {
		switch g.r.Intn(10) {
		case 0:
			return g.anyValue(1)
		case 1, 2: // as an object (JSON.parse keeps it when it parses)
			v := g.x.Call("parseOr", text)
			return hval{v: v, kind: kind + "-as-object", desc: text}
		case 3:
			return g.special()
		}
		return hostileStr(text, kind)
	}
	if !g.chance(10) {
		set("header", part(g.headerJSON(), "header-json"))
	}
	if !g.chance(10) {
		set("payload", part(g.payloadJSON(), "payload-json"))
	}
	if !g.chance(6) {
		if g.chance(5) {
			set("key", g.anyValue(0))
		} else {
			s, k := g.keyText()
			set("key", hostileStr(s, k))
		}
	}
	if g.chance(4) {
		set("secretEncoding", hostileStr(g.pick("utf8", "hex", "base64", "base64url", "", "rot13"), "encoding"))
	}
	if g.chance(15) {
		name := g.pick("header", "payload", "key", "secretEncoding")
		g.x.Call("defineGetter", o, name)
		h.throwy = true
		kinds = append(kinds, name+":getter-throws")
	}
	h.kind = "input{" + strings.Join(kinds, ",") + "}"
	return h
}

// ---- cases

// randomCase makes a call to fn: shaped for the functions whose arguments
// are known, random arguments of every type for the others (and sometimes
// for the known ones too).
func (g *hostileGen) randomCase(fn string) *hostileCase {
	c := &hostileCase{fn: fn, construct: g.chance(150) && g.x.Call("constructible", fn).Bool()}
	tok := func() hval {
		switch g.r.Intn(20) {
		case 0:
			return g.loneSurrogates()
		case 1:
			return g.anyValue(1)
		case 2:
			if g.fiveMiB > 0 {
				g.fiveMiB--
				return g.huge(g.pick("5MiB-token", "5MiB-dots", "5MiB-A"))
			}
		case 3:
			if g.chance(4) {
				return g.huge("1MiB-token-segment")
			}
		}
		s, k := g.token()
		return hostileStr(s, k)
	}
	switch {
	case fn == "decode" && !g.chance(6):
		c.args = []hval{tok()}
	case fn == "verify" && !g.chance(6):
		c.args = []hval{tok(), g.verifyOptions()}
	case fn == "encode" && !g.chance(6):
		c.args = []hval{g.encodeInput()}
	default:
		for i := g.r.Intn(4); i > 0; i-- {
			if len(c.args) == 1 && g.chance(2) {
				c.args = append(c.args, g.object(1, hostileNames))
			} else {
				c.args = append(c.args, g.anyValue(2))
			}
		}
	}
	if g.chance(25) {
		c.args = append(c.args, g.anyValue(1))
	}
	return c
}

// fixedCases gives fn every special value in each argument position that
// matters, and the 5 MiB strings once each.
func (g *hostileGen) fixedCases(fn string) []*hostileCase {
	var out []*hostileCase
	add := func(args ...hval) { out = append(out, &hostileCase{fn: fn, args: args}) }
	good := hostileStr(g.goodTok, "good-token")
	obj := func(members map[string]hval) hval {
		o := js.Global().Get("Object").New()
		h := hval{v: o}
		var kinds []string
		for _, k := range hostileSortedKeys(members) {
			g.x.Call("put", o, k, members[k].v)
			kinds = append(kinds, k+":"+members[k].kind)
			h.throwy = h.throwy || members[k].throwy
			h.huge = h.huge || members[k].huge
		}
		h.kind = "{" + strings.Join(kinds, ",") + "}"
		return h
	}
	key := hostileStr(hostileSecret, "good-secret")
	cheap, costly := g.specials()
	for _, sp := range cheap {
		s := sp()
		add(s)
		add(s, s)
		switch fn {
		case "decode":
			add(s, good)
		case "verify":
			add(good, s)
			for _, m := range []string{"key", "now", "leeway", "issuer", "audience", "secretEncoding"} {
				members := map[string]hval{"key": key}
				members[m] = sp()
				add(good, obj(members))
			}
		case "encode":
			for _, m := range []string{"header", "payload", "key", "secretEncoding"} {
				members := map[string]hval{"header": hostileStr(`{"alg":"HS256"}`, "header"), "payload": hostileStr(`{}`, "payload"), "key": key}
				members[m] = sp()
				add(obj(members))
			}
		default:
			add(g.str(), s)
			add(s, obj(map[string]hval{hostileNames[g.r.Intn(len(hostileNames))]: sp()}))
		}
	}
	// The costly values (depth 10000, a mebibyte) go only where they are read.
	for _, sp := range costly {
		switch fn {
		case "verify":
			add(sp(), obj(map[string]hval{"key": key}))
			add(good, obj(map[string]hval{"key": sp()}))
		case "encode":
			for _, m := range []string{"header", "payload", "key"} {
				members := map[string]hval{"header": hostileStr(`{"alg":"HS256"}`, "header"), "payload": hostileStr(`{}`, "payload"), "key": key}
				members[m] = sp()
				add(obj(members))
			}
		default:
			add(sp())
		}
	}
	// 5 MiB strings take seconds in some functions: one for each function,
	// a different one for each.
	g.fixedCount++
	name := []string{"5MiB-A", "5MiB-token", "5MiB-json", "5MiB-pem", "5MiB-lone-surrogates", "5MiB-dots"}[g.fixedCount%6]
	switch fn {
	case "decode":
		add(g.huge("5MiB-token"))
	case "verify":
		add(good, obj(map[string]hval{"key": g.huge("5MiB-pem")}))
	case "encode":
		add(obj(map[string]hval{"header": hostileStr(`{"alg":"HS256"}`, "header"), "payload": g.huge("5MiB-json"), "key": key}))
	default:
		add(g.huge(name))
	}
	return out
}

// ---------------------------------------------------------------------------
// Small helpers.

func hostileStrings(v js.Value) []string {
	out := make([]string, v.Length())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out
}

func hostileContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func hostileSortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func hostileShort(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// TestHostileHugeStringsUnread passes a 300-million-character string in
// every string argument and option: each is measured before it is copied
// into Go and refused as too_large at once. Copied, each would cost a
// second or more and a buffer its size, kept by the runtime for good.
func TestHostileHugeStringsUnread(t *testing.T) {
	api := js.Global().Get("jwtPlayground")
	huge := js.Global().Get("String").Get("prototype").Get("repeat").Call("call", "x", 300_000_000)
	tok := hostileHS256(hostileGoodHeader, hostileGoodPayload, hostileSecret)
	obj := func(kv ...any) js.Value {
		o := js.Global().Get("Object").New()
		for i := 0; i < len(kv); i += 2 {
			o.Set(kv[i].(string), kv[i+1])
		}
		return o
	}
	aud := js.Global().Get("Array").New(2)
	aud.SetIndex(0, "a")
	aud.SetIndex(1, huge)
	for _, tc := range []struct {
		fn   string
		args []any
		part string
	}{
		{"decode", []any{huge}, "token"},
		{"verify", []any{huge}, "token"},
		{"verify", []any{tok, obj("key", huge)}, "key"},
		{"verify", []any{tok, obj("issuer", huge)}, ""},
		{"verify", []any{tok, obj("secretEncoding", huge)}, ""},
		{"verify", []any{tok, obj("audience", huge)}, ""},
		{"verify", []any{tok, obj("audience", aud)}, ""},
		{"encode", []any{obj("header", huge, "payload", "{}")}, "header"},
		{"encode", []any{obj("header", "{}", "payload", huge)}, "payload"},
		{"inspectKey", []any{huge}, "key"},
		{"explain", []any{huge}, "token"},
		{"lint", []any{tok, obj("key", huge)}, "key"},
		{"explainSignature", []any{huge}, "token"},
		{"generateKey", []any{huge}, ""},
	} {
		// (An object holding such a string is refused too, but only after
		// JSON.stringify has made its text, which takes JavaScript seconds.)
		start := time.Now()
		r := hostileCallGo(t, api, tc.fn, tc.args...)
		took := time.Since(start)
		e, _ := r["error"].(map[string]any)
		if e["code"] != "too_large" || (e["part"] != nil || tc.part != "") && e["part"] != tc.part {
			t.Errorf("%s: %v, want too_large in part %q", tc.fn, r, tc.part)
		}
		if took > time.Second {
			t.Errorf("%s took %v: the string was copied", tc.fn, took)
		}
	}
	if r := hostileCallGo(t, api, "verify", tok, obj("key", hostileSecret, "now", 1700000000)); r["valid"] != true {
		t.Errorf("after the huge strings, verify = %v", r)
	}
}
