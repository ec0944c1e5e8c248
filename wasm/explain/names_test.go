package explain

// The registries' names are in testdata, one row a line, copied from IANA:
//
//   - iana-jwt-claims.txt: the "JSON Web Token Claims" registry
//     (iana.org/assignments/jwt), as transcribed in 2026 through its OpenID
//     Federation 1.0 rows, plus the Token Status List rows of the copy dated
//     2026-06-29 (that copy's "stpl" has no document we could find).
//   - iana-jose-header.txt: the "JSON Web Signature and Encryption Header
//     Parameters" registry (iana.org/assignments/jose), last updated
//     2026-02-05.
//
// When IANA adds a name, add its row there: the test then says which entry
// is missing.

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// row is one registration: a name and the document the registry cites.
type row struct {
	name, ref string
	line      int
}

// readRegistry reads a testdata registry file: "name<TAB>…<TAB>reference"
// lines, # comments and blank lines.
func readRegistry(t *testing.T, file string) []row {
	t.Helper()
	f, err := os.Open("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 || fields[0] == "" || fields[len(fields)-1] == "" {
			t.Fatalf("%s:%d: %q is not name<TAB>reference", file, n, line)
		}
		rows = append(rows, row{fields[0], fields[len(fields)-1], n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", file)
	}
	return rows
}

// coreRFC matches the documents whose names are Registered: RFC 7515 to
// 7519, which created the registries (RFC 7517, JWK, registers no claim or
// header parameter).
var coreRFC = regexp.MustCompile(`^RFC 751[5-9],`)

// wantKind is the kind a registered name must have, from its reference.
func wantKind(ref string) Kind {
	if coreRFC.MatchString(ref) {
		return Registered
	}
	return Public
}

var registries = []struct {
	what  string
	file  string
	known map[string]meaning
}{
	{"claim", "iana-jwt-claims.txt", claims},
	{"header parameter", "iana-jose-header.txt", headers},
}

// TestEveryRegisteredNameIsExplained checks that each name of the IANA
// registries has its own entry, with a description, a source and the kind
// its registration gives it; it names every name that has none.
func TestEveryRegisteredNameIsExplained(t *testing.T) {
	for _, reg := range registries {
		for _, r := range readRegistry(t, reg.file) {
			m, ok := reg.known[r.name]
			switch {
			case !ok:
				t.Errorf("%s:%d: %s %q (%s) has no entry", reg.file, r.line, reg.what, r.name, r.ref)
			case m.description == "" || m.source == "":
				t.Errorf("%s %q: %+v, want a description and a source", reg.what, r.name, m)
			case m.kind != wantKind(r.ref):
				t.Errorf("%s %q is %s, want %s: the registry cites %s", reg.what, r.name, m.kind, wantKind(r.ref), r.ref)
			}
		}
	}
}

// TestOnlyRegisteredNamesArePublic checks the other way round: an entry
// that is not private is in a registry, and a private one names who uses it.
func TestOnlyRegisteredNamesArePublic(t *testing.T) {
	for _, reg := range registries {
		listed := map[string]bool{}
		for _, r := range readRegistry(t, reg.file) {
			listed[r.name] = true
		}
		for name, m := range reg.known {
			switch {
			case m.kind != Private && !listed[name]:
				t.Errorf("%s %q is %s but in no registry: want private", reg.what, name, m.kind)
			case m.kind == Private && (m.source == "" || m.description == ""):
				t.Errorf("private %s %q: %+v, want a description and who uses it", reg.what, name, m)
			case !strings.HasSuffix(m.description, "."):
				t.Errorf("%s %q: description %q is not a sentence", reg.what, name, m.description)
			}
		}
	}
}

func TestVendorClaims(t *testing.T) {
	tests := []struct {
		name, value string
		kind        Kind
		source      string // a part of it
	}{
		{"oid", `"00000000-0000-0000-0000-000000000001"`, Private, "Entra ID"},
		{"xms_cc", `["cp1"]`, Private, "Entra ID"},
		{"xms_ssm", `"1"`, Private, "Entra ID"}, // by its prefix
		{"extension_1b2c_dept", `"Sales"`, Private, "B2C"},
		{"wids", `[]`, Private, "Entra ID"},
		{"permissions", `["read:users"]`, Private, "Auth0"},
		{"gty", `"client-credentials"`, Private, "Auth0"},
		{"cid", `"0oa1"`, Private, "Okta"},
		{"scp", `["openid"]`, Private, "Okta"},
		{"realm_access", `{"roles":["admin"]}`, Private, "Keycloak"},
		{"allowed-origins", `["*"]`, Private, "Keycloak"},
		{"hd", `"example.com"`, Private, "Google"},
		// A colon does not make these URIs (public names): Cognito owns them.
		{"cognito:groups", `["admins"]`, Private, "Cognito"},
		{"custom:tenant", `"t1"`, Private, "Cognito"},
		{"token_use", `"access"`, Private, "Cognito"},
		// IANA registers these, so registered wins over the vendors using them.
		{"roles", `["Task.Read"]`, Public, "RFC 7643"},
		{"azp", `"client"`, Public, "OpenID Connect Core"},
		{"client_id", `"abc"`, Public, "RFC 8693"},
		// Neither a vendor's name nor a prefix's: the generic private claim.
		{"xmsfoo", `1`, Private, ""},
		{"custom", `1`, Private, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Explain(tok(`{"alg":"HS256"}`, fmt.Sprintf(`{%q:%s}`, tt.name, tt.value)), now)
			if err != nil || len(e.Claims) != 1 {
				t.Fatalf("Explain = %+v, %v", e, err)
			}
			c := e.Claims[0]
			if c.Kind != tt.kind || (tt.source == "") != (c.Source == "") || !strings.Contains(c.Source, tt.source) {
				t.Errorf("%s: kind %s, source %q; want %s, a source with %q", tt.name, c.Kind, c.Source, tt.kind, tt.source)
			}
		})
	}
}

func TestHeaderParametersOfEncryptedTokens(t *testing.T) {
	e, err := Explain(tok(`{"alg":"HS256","enc":"A256GCM","p2c":100000000,"b64":false,"nonce":"n"}`, `{}`), now)
	if err != nil {
		t.Fatal(err)
	}
	want := "alg:registered enc:registered p2c:registered b64:public nonce:public"
	var got []string
	for _, h := range e.Header {
		got = append(got, h.Name+":"+string(h.Kind))
	}
	if strings.Join(got, " ") != want {
		t.Errorf("header = %s, want %s", strings.Join(got, " "), want)
	}
	if !strings.Contains(e.Header[1].Description, "JWE") || !strings.Contains(e.Header[2].Description, "CPU") {
		t.Errorf("enc, p2c = %q, %q; want JWE said, and the cost of a huge count", e.Header[1].Description, e.Header[2].Description)
	}
}

func ExampleExplain() {
	// Header {"alg":"HS256"}, payload {"tid":"t","cognito:groups":["admins"],"xms_pl":"fr"}.
	e, _ := Explain("eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ0IiwiY29nbml0bzpncm91cHMiOlsiYWRtaW5zIl0sInhtc19wbCI6ImZyIn0.c2ln", now)
	for _, c := range e.Claims {
		fmt.Printf("%s (%s, %s): %s\n", c.Name, c.Kind, c.Source, c.Description)
	}
	// Output:
	// tid (private, Microsoft Entra ID): Tenant ID: the directory (tenant) the user signed in to.
	// cognito:groups (private, Amazon Cognito): The Cognito user pool groups the user belongs to.
	// xms_pl (private, Microsoft Entra ID): The user's preferred language.
}

func TestLookupPrefixes(t *testing.T) {
	tests := []struct {
		name string
		want string // the entry's source, "" for none
	}{
		{"xms_", entra},              // the prefix alone
		{"xms_az_rid", entra},        // the shortest prefix, xms_*, wins
		{"custom:a:b", cognito},      // likewise custom:*
		{"_sd", "RFC 9901 §4.2.4.1"}, // an exact entry
		{"XMS_cc", ""},               // names are case-sensitive
		{"Custom:tenant", ""},
		{"_x", ""},
		{":", ""},
		{"", ""},
	}
	for _, tt := range tests {
		m, ok := lookup(claims, tt.name)
		if ok != (tt.want != "") || m.source != tt.want {
			t.Errorf("lookup(%q) = %q, %v; want %q", tt.name, m.source, ok, tt.want)
		}
	}
}
