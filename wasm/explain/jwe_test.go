package explain

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestExplainJWE: an encrypted token's protected header is explained,
// every JWE parameter with its RFC; it has no readable claims.
func TestExplainJWE(t *testing.T) {
	h := `{"alg":"ECDH-ES+A128KW","enc":"A128GCM","zip":"DEF","epk":{"kty":"OKP","crv":"X25519","x":"AA"},"apu":"QQ","apv":"Qg","iv":"AA","tag":"AA","p2s":"AA","p2c":1000}`
	e, err := Explain(base64.RawURLEncoding.EncodeToString([]byte(h))+".AA.AA.AA.AA", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Claims) != 0 || len(e.Header) != 10 {
		t.Fatalf("claims %d, header %d entries; want 0 and 10", len(e.Claims), len(e.Header))
	}
	for _, entry := range e.Header {
		if entry.Kind != Registered || !strings.HasPrefix(entry.Source, "RFC 751") {
			t.Errorf("%s: %s, %q", entry.Name, entry.Kind, entry.Source)
		}
	}
	if !strings.Contains(e.Header[3].Description, "curve") || !strings.Contains(e.Header[2].Description, "leak") {
		t.Errorf("epk, zip = %q, %q", e.Header[3].Description, e.Header[2].Description)
	}
}
