package explain

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestExplainSDJWT: an SD-JWT (RFC 9901 §5's example, with key binding) is
// explained: the issuer JWT's "_sd", "_sd_alg" and "cnf", the disclosed
// claims, and the key-binding JWT's header (typ kb+jwt) and sd_hash.
func TestExplainSDJWT(t *testing.T) {
	b, err := os.ReadFile("../sdjwt/testdata/rfc9901.json")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), `"sdjwt": "`) + len(`"sdjwt": "`)
	text := string(b[i : i+strings.IndexByte(string(b[i:]), '"')])
	e, err := Explain(text, time.Unix(1702316015, 0))
	if err != nil {
		t.Fatal(err)
	}
	find := func(es []Entry, name string) Entry {
		for _, x := range es {
			if x.Name == name {
				return x
			}
		}
		t.Fatalf("no entry for %q in %v", name, es)
		return Entry{}
	}
	for _, name := range []string{"_sd", "_sd_alg", "cnf"} {
		if x := find(e.Claims, name); x.Kind != Public || !strings.Contains(x.Source, "RFC") {
			t.Errorf("%s: %+v", name, x)
		}
	}
	if x := find(e.Disclosed, "given_name"); x.Description == "" {
		t.Errorf("given_name: %+v", x)
	}
	if e.KeyBinding == nil {
		t.Fatal("no key-binding JWT explained")
	}
	if x := find(e.KeyBinding.Header, "typ"); !strings.Contains(x.Description, "kb+jwt") {
		t.Errorf("typ: %+v", x)
	}
	if x := find(e.KeyBinding.Claims, "sd_hash"); x.Source != "RFC 9901 §4.3" {
		t.Errorf("sd_hash: %+v", x)
	}
	if x := find(explainClaims(`{"vct":"https://credentials.example.com/identity"}`), "vct"); !strings.Contains(x.Source, "sd-jwt-vc") {
		t.Errorf("vct: %+v", x)
	}
}

func explainClaims(payload string) []Entry {
	es, _ := entries([]byte(payload), claims, 0)
	return es
}
