package jwks

import (
	"fmt"
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
		fmt.Fprint(w, `{"issuer":"x"}`)
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
	d, err := Discover(http.DefaultClient, srv.URL+"/iss/")
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
