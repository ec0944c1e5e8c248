//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/explain"
	"github.com/jwt-playground/jwt-playground/wasm/lint"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// registerTeach adds the teaching functions: explain, lint, explainSignature.
func registerTeach(api js.Value) {
	api.Set("explain", export("explain", explainToken))
	api.Set("lint", export("lint", lintToken))
	api.Set("explainSignature", export("explainSignature", explainSignature))
}

func explainToken(args []js.Value) any {
	tok, err := stringArg(args, 0, "explain", "the token")
	if err != nil {
		return fail(err)
	}
	o, err := readOptions(arg(args, 1), "explain")
	if err != nil {
		return fail(err)
	}
	return doExplain(tok, o)
}

func doExplain(tok string, o options) any {
	opts, err := o.verifyOptions()
	if err != nil {
		return fail(err)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	e, err := explain.Explain(tok, opts.Now)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		*explain.Explanation
	}{result{OK: true}, e}
}

func lintToken(args []js.Value) any {
	tok, err := stringArg(args, 0, "lint", "the token")
	if err != nil {
		return fail(err)
	}
	o, err := readOptions(arg(args, 1), "lint")
	if err != nil {
		return fail(err)
	}
	return doLint(tok, o)
}

func doLint(tok string, o options) any {
	opts, err := o.verifyOptions()
	if err != nil {
		return fail(err)
	}
	fs, err := lint.Lint(tok, lint.Options{Key: opts.Key, SecretEncoding: opts.SecretEncoding, Now: opts.Now})
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		Findings []lint.Finding `json:"findings"`
	}{result{OK: true}, fs}
}

func explainSignature(args []js.Value) any {
	tok, err := stringArg(args, 0, "explainSignature", "the token")
	if err != nil {
		return fail(err)
	}
	o, err := readOptions(arg(args, 1), "explainSignature")
	if err != nil {
		return fail(err)
	}
	return doExplainSignature(tok, o)
}

func doExplainSignature(tok string, o options) any {
	opts, err := o.verifyOptions()
	if err != nil {
		return fail(err)
	}
	s, err := token.SignatureSteps(tok, opts)
	if err != nil {
		return fail(err)
	}
	return struct {
		result
		*token.Steps
	}{result{OK: true}, s}
}
