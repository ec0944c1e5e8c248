package jwks

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

const testJWKS = `{"keys":[{"kty":"EC","kid":"k1","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}`

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, testJWKS) })
	mux.HandleFunc("/iss/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"issuer":%q,"jwks_uri":%q}`, srv.URL+"/iss", srv.URL+"/jwks")
	})
	mux.HandleFunc("/nojwks/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"issuer":%q}`, srv.URL+"/nojwks")
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><p>login</p>")
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hello") })
	mux.HandleFunc("/nokeys", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"issuer":"x"}`) })
	mux.HandleFunc("/badkeys", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"keys":[{"kty":"XYZ"}]}`) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"keys":[],"pad":"`+strings.Repeat("a", MaxDocumentBytes)+`"}`)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		path   string
		code   jwterr.Code
		status int
		want   string
	}{
		{"/jwks", "", 0, ""},
		{"/missing", jwterr.HTTPStatus, 404, "HTTP 404 Not Found"},
		{"/html", jwterr.BadJSON, 0, "did not answer with JSON"},
		{"/text", jwterr.BadJSON, 0, `begins "hello"`},
		{"/nokeys", jwterr.NotJWKS, 0, `no "keys" array`},
		{"/badkeys", jwterr.NotJWKS, 0, `"XYZ"`},
		{"/big", jwterr.TooLarge, 0, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := Fetch(http.DefaultClient, srv.URL+tt.path)
			if tt.code == "" {
				if err != nil || string(got) != testJWKS {
					t.Fatalf("Fetch = %s, %v; want the JWKS", got, err)
				}
				return
			}
			e := jwterr.From(err, "")
			if e == nil || e.Code != tt.code || e.Status != tt.status || !strings.Contains(e.Message, tt.want) {
				t.Fatalf("Fetch error = %+v, want code %s status %d containing %q", e, tt.code, tt.status, tt.want)
			}
		})
	}
}

func TestFetchRefusesUnsafeURLs(t *testing.T) {
	for _, u := range []string{"http://example.com/jwks", "http://[::1]:8080/jwks", "http://10.0.0.1/jwks", "ftp://localhost/x", "/relative", "", "javascript:alert(1)"} {
		_, err := Fetch(http.DefaultClient, u)
		if jwterr.CodeOf(err) != jwterr.BadURL {
			t.Errorf("Fetch(%q) error = %v, want bad_url", u, err)
		}
	}
}

func TestFetchNetworkFailure(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, err := Fetch(http.DefaultClient, url+"/jwks")
	if jwterr.CodeOf(err) != jwterr.FetchFailed || !strings.Contains(err.Error(), "CORS") {
		t.Fatalf("error = %v, want fetch_failed naming CORS as a cause", err)
	}
}

func TestDiscover(t *testing.T) {
	srv := newServer(t)
	d, err := Discover(http.DefaultClient, srv.URL+"/iss")
	if err != nil {
		t.Fatal(err)
	}
	if d.JWKSURI != srv.URL+"/jwks" || string(d.JWKS) != testJWKS || d.Issuer != srv.URL+"/iss" {
		t.Errorf("Discover = %+v", d)
	}
	if _, err := Discover(http.DefaultClient, srv.URL+"/nojwks"); jwterr.CodeOf(err) != jwterr.NotJWKS {
		t.Errorf("Discover without jwks_uri: error = %v, want not_jwks", err)
	}
	if _, err := Discover(http.DefaultClient, srv.URL+"/none"); jwterr.CodeOf(err) != jwterr.HTTPStatus {
		t.Errorf("Discover of a 404: error = %v, want http_status", err)
	}
}

// fakeGetter answers each URL with its document, and 404 otherwise, so
// that remote issuers can be played without a network.
type fakeGetter map[string]string

func (f fakeGetter) Get(u string) (*http.Response, error) {
	body, ok := f[u]
	if !ok {
		return &http.Response{StatusCode: http.StatusNotFound, Body: io.NopCloser(strings.NewReader(""))}, nil
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}, nil
}

// discovery serves an openid-configuration for issuer naming named and
// jwksURI, and a JWKS at jwksURI.
func discovery(issuer, named, jwksURI string) fakeGetter {
	return fakeGetter{
		strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration": fmt.Sprintf(`{"issuer":%q,"jwks_uri":%q}`, named, jwksURI),
		jwksURI: testJWKS,
	}
}

func TestDiscoverChecksTheDocument(t *testing.T) {
	const iss = "https://accounts.example.com"
	tests := []struct {
		name, issuer, named, jwksURI string
		code                         jwterr.Code
		want                         string
	}{
		{"matching", iss, iss, iss + "/keys", "", ""},
		{"jwks on another https host", iss, iss, "https://keys.example.net/jwks", "", ""},
		{"local issuer, local keys", "http://localhost:8080/iss", "http://localhost:8080/iss", "http://127.0.0.1:8080/jwks", "", ""},
		{"local https issuer, local keys", "https://localhost/iss", "https://localhost/iss", "https://[::1]/jwks", "", ""},

		// OpenID Connect Discovery §4.3: the document's issuer must be the one asked for, exactly.
		{"another issuer", "https://evil.example", iss, "https://evil.example/keys", jwterr.IssuerMismatch, `names the issuer "https://accounts.example.com", not "https://evil.example"`},
		{"no issuer", iss, "", iss + "/keys", jwterr.IssuerMismatch, "names no issuer"},
		{"trailing slash asked", iss + "/", iss, iss + "/keys", jwterr.IssuerMismatch, "§4.3"},
		{"trailing slash named", iss, iss + "/", iss + "/keys", jwterr.IssuerMismatch, "§4.3"},
		{"case differs", iss, "https://Accounts.example.com", iss + "/keys", jwterr.IssuerMismatch, "identical"},

		// The keys come the way the issuer does, and a remote issuer's keys are not on this machine.
		{"https issuer, http keys", "https://localhost/iss", "https://localhost/iss", "http://localhost/jwks", jwterr.BadURL, "uses http, but the issuer"},
		{"http issuer, https keys", "http://localhost/iss", "http://localhost/iss", "https://localhost/jwks", jwterr.BadURL, "uses https, but the issuer"},
		{"remote issuer, localhost keys", iss, iss, "https://localhost/jwks", jwterr.BadURL, "on this machine"},
		{"remote issuer, 127.0.0.1 keys", iss, iss, "https://127.0.0.1:8443/jwks", jwterr.BadURL, "on this machine"},
		{"remote issuer, 127.1.2.3 keys", iss, iss, "https://127.1.2.3/jwks", jwterr.BadURL, "on this machine"},
		{"remote issuer, ::1 keys", iss, iss, "https://[::1]/jwks", jwterr.BadURL, "on this machine"},
		{"remote issuer, 0.0.0.0 keys", iss, iss, "https://0.0.0.0/jwks", jwterr.BadURL, "on this machine"},
		{"remote issuer, sub.localhost keys", iss, iss, "https://api.LOCALHOST./jwks", jwterr.BadURL, "on this machine"},
		{"remote issuer, http keys", iss, iss, "http://keys.example.net/jwks", jwterr.BadURL, "https"},
		{"relative jwks_uri", iss, iss, "/keys", jwterr.BadURL, "not an absolute URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Discover(discovery(tt.issuer, tt.named, tt.jwksURI), tt.issuer)
			if tt.code == "" {
				if err != nil || d.Issuer != tt.issuer || d.JWKSURI != tt.jwksURI || string(d.JWKS) != testJWKS {
					t.Fatalf("Discover = %+v, %v; want the key set", d, err)
				}
				return
			}
			e := jwterr.From(err, "")
			if d != nil || e == nil || e.Code != tt.code || !strings.Contains(e.Message, tt.want) {
				t.Fatalf("Discover = %+v, %+v; want code %s containing %q", d, e, tt.code, tt.want)
			}
		})
	}
}

func ExampleDiscover() {
	g := discovery("https://login.example.com", "https://login.example.org", "https://login.example.com/keys")
	_, err := Discover(g, "https://login.example.com")
	fmt.Println(jwterr.CodeOf(err))
	fmt.Println(err)
	// Output:
	// issuer_mismatch
	// https://login.example.com/.well-known/openid-configuration names the issuer "https://login.example.org", not "https://login.example.com": OpenID Connect Discovery (§4.3) requires them to be identical, so its keys are not that issuer's
}
