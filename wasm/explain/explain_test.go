package explain

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func tok(header, payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc([]byte(payload)) + ".c2ln"
}

var now = time.Unix(1700000000, 0)

// TestEveryListedNameIsExplained checks each claim and header parameter the
// playground promises to explain: a description, a source, the right kind.
func TestEveryListedNameIsExplained(t *testing.T) {
	for _, set := range []struct {
		what  string
		known map[string]meaning
		names string
	}{
		{"claim", claims, "iss sub aud exp nbf iat jti auth_time nonce acr amr azp at_hash c_hash sid name given_name family_name middle_name nickname preferred_username profile picture website email email_verified gender birthdate zoneinfo locale phone_number phone_number_verified address updated_at scope scp roles groups tid oid client_id cnf"},
		{"header", headers, "alg typ cty kid jku jwk x5u x5c x5t crit b64"},
	} {
		for _, name := range strings.Fields(set.names) {
			m, ok := set.known[name]
			if !ok || m.description == "" || m.source == "" || m.kind == "" {
				t.Errorf("%s %q: %+v, want a description, a source and a kind", set.what, name, m)
			}
		}
	}
	for _, name := range strings.Fields("iss sub aud exp nbf iat jti") {
		if claims[name].kind != Registered {
			t.Errorf("%s is %s, want registered", name, claims[name].kind)
		}
	}
}

func TestExplain(t *testing.T) {
	e, err := Explain(tok(`{"alg":"HS256","typ":"JWT","x-custom":1}`,
		`{"sub":"42","exp":1700000840,"iat":1699740800,"https://example.com/role":"admin","tenant":"t1","auth_time":"soon","nbf":1e400}`), now)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range e.Claims {
		names = append(names, c.Name+":"+string(c.Kind))
	}
	want := "sub:registered exp:registered iat:registered https://example.com/role:public tenant:private auth_time:public nbf:registered"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("claims = %s\nwant     %s", got, want)
	}
	exp := e.Claims[1]
	if exp.Time == nil || exp.Time.Relative != "in 14 minutes" || exp.Time.UTC != "2023-11-14 22:27:20 UTC" || exp.Time.ISO != "2023-11-14T22:27:20Z" {
		t.Errorf("exp time = %+v", exp.Time)
	}
	if iat := e.Claims[2].Time; iat == nil || iat.Relative != "3 days ago" {
		t.Errorf("iat time = %+v, want 3 days ago", iat)
	}
	if e.Claims[5].Time != nil {
		t.Errorf("auth_time that is not a number has a time: %+v", e.Claims[5].Time)
	}
	if b, _ := json.Marshal(e); !strings.Contains(string(b), `"unix":null`) {
		t.Errorf("an infinite NumericDate must be written as null: %s", b)
	}
	if nbf := e.Claims[6].Time; nbf == nil || nbf.Relative != "never" || nbf.ISO != "" {
		t.Errorf("nbf 1e400 = %+v, want never and no ISO date", nbf)
	}
	if string(e.Claims[0].Value) != `"42"` || e.Claims[6].Raw != "1e400" {
		t.Errorf("sub value = %s", e.Claims[0].Value)
	}
	if len(e.Header) != 3 || e.Header[2].Kind != Private || e.Header[0].Source != "RFC 7515 §4.1.1" {
		t.Errorf("header = %+v", e.Header)
	}
}

// TestExplainDuplicates checks that of duplicate members the entry explains
// the last, which Verify uses (an expired exp followed by a valid one
// verifies), and marks the others as ignored.
func TestExplainDuplicates(t *testing.T) {
	tests := []struct {
		name            string
		header, payload string
		header0, claims string // each entry as name=raw, ! for a duplicate, [ignored]
	}{
		{"exp twice", `{"alg":"HS256"}`, `{"exp":1600000000,"sub":"1","exp":4102444800}`,
			`alg="HS256"`, `exp=4102444800![1600000000] sub="1"`},
		{"three times", `{"alg":"HS256"}`, `{"a":1,"a":{"x":2},"a":"3"}`, `alg="HS256"`, `a="3"![1 {"x":2}]`},
		{"escaped names are the same name", `{"alg":"HS256"}`, `{"exp":1,"\u0065xp":2}`, `alg="HS256"`, `exp=2![1]`},
		{"names differ by case", `{"alg":"HS256"}`, `{"exp":1,"EXP":2}`, `alg="HS256"`, `exp=1 EXP=2`},
		{"alg none, then HS256", `{"alg":"none","typ":"JWT","alg":"HS256"}`, `{}`, `alg="HS256"!["none"] typ="JWT"`, ``},
		{"nested duplicates are the value's own", `{"alg":"HS256"}`, `{"o":{"k":1,"k":2}}`, `alg="HS256"`, `o={"k":1,"k":2}`},
	}
	show := func(es []Entry) string {
		var out []string
		for _, e := range es {
			s := e.Name + "=" + e.Raw
			if e.Duplicate {
				s += "!" + fmt.Sprint(e.Ignored)
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Explain(tok(tt.header, tt.payload), now)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(e.Header); got != tt.header0 {
				t.Errorf("header = %s, want %s", got, tt.header0)
			}
			if got := show(e.Claims); got != tt.claims {
				t.Errorf("claims = %s, want %s", got, tt.claims)
			}
		})
	}
	e, _ := Explain(tok(`{"alg":"HS256"}`, `{"exp":1600000000,"exp":4102444800}`), now)
	if exp := e.Claims[0]; exp.Time == nil || exp.Time.Relative != "in 76 years" {
		t.Errorf("exp time = %+v, want the last exp's, in 76 years", exp.Time)
	}
	if b, _ := json.Marshal(e.Claims[0]); !strings.Contains(string(b), `"duplicate":true,"ignored":["1600000000"]`) {
		t.Errorf("JSON = %s, want duplicate and ignored", b)
	}
}

func TestExplainOddPayloads(t *testing.T) {
	e, err := Explain(tok(`{"alg":"HS256"}`, `not json`), now)
	if err != nil || len(e.Claims) != 0 || e.Claims == nil {
		t.Fatalf("Explain(text payload) = %+v, %v; want no claims, as an empty list", e, err)
	}
	if _, err := Explain("garbage", now); err == nil {
		t.Fatal("Explain(garbage): want the decode error")
	}
}

// TestExplainClipsLongValues checks that a long value is written once,
// clipped, with its length: the page shows 200 characters of it.
func TestExplainClipsLongValues(t *testing.T) {
	long := `"` + strings.Repeat("é", MaxValueBytes) + `"`
	e, err := Explain(tok(`{"alg":"HS256"}`, `{"big":`+long+`,"big":`+long+`,"small":[1,2]}`), now)
	if err != nil {
		t.Fatal(err)
	}
	big, small := e.Claims[0], e.Claims[1]
	if big.RawBytes != len(long) || string(big.Value) != "null" || !strings.HasSuffix(big.Raw, "…") || len(big.Raw) > MaxValueBytes+len("…") || !strings.HasPrefix(long, strings.TrimSuffix(big.Raw, "…")) {
		t.Errorf("big = value %.20s, raw %d bytes %.20q, rawBytes %d; want null, a clipped raw, rawBytes %d", big.Value, len(big.Raw), big.Raw, big.RawBytes, len(long))
	}
	if len(big.Ignored) != 1 || big.Ignored[0] != big.Raw {
		t.Errorf("big ignored = %.40q, want the clipped text of the first", big.Ignored)
	}
	if string(small.Value) != "[1,2]" || small.Raw != "[1,2]" || small.RawBytes != 0 {
		t.Errorf("small = %+v, want its value and text whole", small)
	}
	b, _ := json.Marshal(e)
	if len(b) > 4*MaxValueBytes {
		t.Errorf("the answer is %d bytes, want under %d", len(b), 4*MaxValueBytes)
	}
}

// TestExplainAlg checks that the header's alg says what the algorithm is.
func TestExplainAlg(t *testing.T) {
	tests := []struct{ alg, want string }{
		{"ES256K", "ECDSA on secp256k1 with SHA-256"},
		{"ML-DSA-65", "ML-DSA-65 (FIPS 204), a post-quantum signature"},
		{"HS256", "HMAC with SHA-256"},
		{"ES384", "ECDSA on P-384 with SHA-384 (RFC 7518 section 3.4)"},
		{"EdDSA", "Ed25519 (RFC 8037)"},
		{"XX", ""},
	}
	for _, tt := range tests {
		b64 := base64.RawURLEncoding.EncodeToString
		e, err := Explain(b64([]byte(`{"alg":"`+tt.alg+`"}`))+"."+b64([]byte(`{}`))+".c2ln", time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		d := e.Header[0].Description
		if tt.want == "" && strings.Contains(d, tt.alg+" is") || !strings.Contains(d, tt.want) {
			t.Errorf("%s: description %q, want it to say %q", tt.alg, d, tt.want)
		}
	}
}
