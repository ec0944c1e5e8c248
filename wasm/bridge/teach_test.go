//go:build js && wasm

package main

import (
	"testing"
)

func TestExplainLintAndSteps(t *testing.T) {
	tok := sign(t)
	e := call(t, "explain", tok, map[string]any{"now": 4102444000})
	claims, _ := e["claims"].([]any)
	if e["ok"] != true || len(claims) != 4 {
		t.Fatalf("explain = %v", e)
	}
	exp := claims[3].(map[string]any)
	if exp["name"] != "exp" || exp["kind"] != "registered" || exp["time"].(map[string]any)["relative"] != "in 13 minutes" {
		t.Errorf("exp entry = %v", exp)
	}

	l := call(t, "lint", tok, map[string]any{"key": "secret"})
	fs, _ := l["findings"].([]any)
	if l["ok"] != true || len(fs) == 0 || fs[0].(map[string]any)["code"] != "weak_secret" {
		t.Errorf("lint = %v, want weak_secret first", l)
	}

	s := call(t, "explainSignature", tok, map[string]any{"key": secret})
	if s["ok"] != true || s["valid"] != true || s["expected"] != s["signature"] || s["firstDifference"] != float64(-1) {
		t.Errorf("explainSignature = %v", s)
	}
	if r := call(t, "lint", "x"); errorCode(r) != "malformed" {
		t.Errorf("lint(x) = %v, want malformed", r)
	}
}
