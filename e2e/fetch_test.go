package e2e

// The fetch tools of the key panel (see web/keys.js and keys_test.go):
// fetch-issuer runs OpenID Connect discovery for the token's iss, jwks-url
// with fetch-jwks fetches a JWKS, fetch-status and fetch-error say how it
// went, and carried-keys offers the keys that the token's header carries
// (use-jwk, use-x5c, fetch-jku, fetch-x5u). Nothing is fetched unless the
// user clicks.
//
// The tests serve the keys from a second origin, an httptest server on
// another port of 127.0.0.1, which the page's CSP allows
// (connect-src http://127.0.0.1:*).

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// fetchTimeout bounds the wait for a fetch of the page to show its result.
const fetchTimeout = 15 * time.Second

// quietTime is how long a test waits to see that nothing is fetched.
const quietTime = 500 * time.Millisecond

// carriedLabel is the start of the warning over the carried keys.
const carriedLabel = "A key carried by the token proves nothing about who signed it"

// keyHost is an issuer on another origin: an httptest server that serves
// an openid-configuration and key sets, and counts the requests it gets.
//
//	/iss/.well-known/openid-configuration  {"issuer": "<base>/iss", "jwks_uri": "<base>/jwks"}
//	/jwks                                  a JWKS of k1 (EC P-256) and k2 (RSA 2048)
//	/nocors/jwks                           the same JWKS, without CORS headers
//	/notjwks                               JSON that is not a JWKS
//	/notjson                               text that is not JSON
//	anything else                          404, with CORS headers
//
// Every answer but /nocors/ allows any origin to read it.
type keyHost struct {
	base   string
	k1, k2 keyPair // k1 signs ES256, k2 RS256
	jwks   string

	mu   sync.Mutex
	hits []string // "METHOD /path" of every request, in order
}

// newKeyHost starts a keyHost for the test.
func newKeyHost(t *testing.T) *keyHost {
	t.Helper()
	h := &keyHost{k1: testKey(t, "ES256"), k2: testKey(t, "RS256")}
	j1, err := jwkMembers(h.k1.public)
	if err != nil {
		t.Fatal(err)
	}
	j2, err := jwkMembers(h.k2.public)
	if err != nil {
		t.Fatal(err)
	}
	j1["kid"], j1["alg"], j1["use"] = "k1", "ES256", "sig"
	j2["kid"], j2["alg"], j2["use"] = "k2", "RS256", "sig"
	h.jwks = mustMarshalJWKS(t, j1, j2)

	srv := httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(srv.Close)
	h.base = srv.URL
	if !strings.HasPrefix(h.base, "http://127.0.0.1:") {
		t.Fatalf("the key host listens at %s, want http://127.0.0.1:PORT", h.base)
	}
	if strings.HasPrefix(baseURL, h.base+"/") {
		t.Fatalf("the key host %s has the origin of the page %s", h.base, baseURL)
	}
	return h
}

func (h *keyHost) serve(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.hits = append(h.hits, r.Method+" "+r.URL.Path)
	h.mu.Unlock()

	cors := !strings.HasPrefix(r.URL.Path, "/nocors/")
	if cors {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET")
			w.Header().Set("Access-Control-Allow-Headers", "*")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	send := func(contentType, body string) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	}
	switch r.URL.Path {
	case "/iss/.well-known/openid-configuration":
		b, _ := json.Marshal(map[string]string{"issuer": h.base + "/iss", "jwks_uri": h.base + "/jwks"})
		send("application/json", string(b))
	case "/jwks", "/nocors/jwks":
		send("application/json", h.jwks)
	case "/notjwks":
		send("application/json", `{"issuer":"`+h.base+`/iss","hello":"world"}`)
	case "/notjson":
		send("text/plain; charset=utf-8", "hello, this is no key set")
	default:
		http.NotFound(w, r)
	}
}

// requests returns the requests so far.
func (h *keyHost) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.hits)
}

// count returns how many requests asked for path, with any method.
func (h *keyHost) count(path string) int {
	n := 0
	for _, r := range h.requests() {
		if strings.HasSuffix(r, " "+path) {
			n++
		}
	}
	return n
}

// signWithHeader signs claims with golang-jwt, with the extra header
// members given.
func signWithHeader(t testing.TB, method jwt.SigningMethod, header map[string]any, claims jwt.MapClaims, key any) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign %s token: %v", method.Alg(), err)
	}
	return s
}

// freshClaims are claims that are valid for an hour.
func freshClaims(extra jwt.MapClaims) jwt.MapClaims {
	now := time.Now().Unix()
	c := jwt.MapClaims{"sub": "e2e-fetch", "iat": now, "exp": now + 3600}
	for k, v := range extra {
		c[k] = v
	}
	return c
}

// checkNothingFetched waits quietTime and checks that the key host got no
// request.
func checkNothingFetched(t *testing.T, p *Page, h *keyHost, when string) {
	t.Helper()
	p.Settle()
	p.sleep(quietTime)
	p.Settle()
	if r := h.requests(); len(r) > 0 {
		t.Errorf("%s, before any click, the page fetched from the key host: %q", when, r)
	}
}

// kidsOf returns the kids of a JWKS in the key box, or nil.
func kidsOf(text string) []string {
	var set struct {
		Keys []struct {
			Kid string `json:"kid"`
		} `json:"keys"`
	}
	if json.Unmarshal([]byte(text), &set) != nil {
		return nil
	}
	var kids []string
	for _, k := range set.Keys {
		kids = append(kids, k.Kid)
	}
	return kids
}

// TestFetchKeys fetches keys from an issuer on another origin: discovery
// from the token's iss, the kid picking the key, and every way a fetch
// fails, in words.
func TestFetchKeys(t *testing.T) {
	t.Parallel()
	h := newKeyHost(t)
	p := openPlayground(t)
	p.WaitFor("the sample token to be verified", func(s State) bool { return s.Status == stateVerified })
	if k := mustKeyPanel(p); !k.Issuer.Found || k.Issuer.Visible {
		t.Errorf("fetch-issuer is %s for the sample token, which has no iss; want it hidden", k.Issuer)
	}

	// An http issuer that is not on this machine is not offered.
	remote := sign(t, jwt.SigningMethodRS256, freshClaims(jwt.MapClaims{"iss": "http://issuer.example/"}), h.k2.private)
	p.SetToken(remote)
	p.WaitFor("the token with an http iss to be read", func(s State) bool { return s.Token == remote && s.Header != "" })
	if k := mustKeyPanel(p); k.Issuer.Visible {
		t.Errorf("fetch-issuer is %s for iss http://issuer.example/, want it hidden (http only on localhost)", k.Issuer)
	}

	// A token from the key host's issuer, signed with k2.
	iss := h.base + "/iss"
	token := signWithHeader(t, jwt.SigningMethodRS256, map[string]any{"kid": "k2"}, freshClaims(jwt.MapClaims{"iss": iss}), h.k2.private)
	p.SetToken(token)
	k := waitKeyPanel(p, "the fetch-issuer button for iss "+iss, waitTimeout, func(k keyPanel) bool {
		return k.State.Token == token && k.Issuer.Visible
	})
	if !strings.Contains(k.Issuer.Text, iss) {
		t.Errorf("fetch-issuer says %q, want it to name the issuer %s", k.Issuer.Text, iss)
	}
	if k.State.Status == stateVerified {
		t.Errorf("an RS256 token verifies with the sample's HMAC secret:\n%s", k)
	}
	checkNothingFetched(t, p, h, "with a token whose iss is the key host")

	// Discovery: the configuration, then its jwks_uri; the kid picks k2.
	clickTestID(p, "fetch-issuer")
	k = waitKeyPanel(p, "the issuer's JWKS in the key box, and the token verified", fetchTimeout, func(k keyPanel) bool {
		return k.State.Token == token && k.State.Status == stateVerified && len(kidsOf(k.State.Key)) > 0
	})
	if got := kidsOf(k.State.Key); !slices.Equal(got, []string{"k1", "k2"}) {
		t.Errorf("the key box holds the kids %q after discovery, want [k1 k2]:\n%s", got, truncate(k.State.Key, 400))
	}
	if !strings.Contains(k.State.Key, "\n  ") {
		t.Errorf("the JWKS in the key box is not pretty-printed: %q", truncate(k.State.Key, 120))
	}
	// Keys found through the token's own iss are the issuer's only if the iss is trusted.
	if strings.Contains(k.StatusTitle, "carries") || strings.HasPrefix(k.StatusTitle, "Signature verified") || !strings.Contains(k.StatusTitle, "check you trust that issuer") {
		t.Errorf("the status title is %q for a key from the token's issuer, want it to say the issuer must be trusted", k.StatusTitle)
	}
	if !strings.Contains(k.FetchStatus, "2 keys") || !strings.Contains(k.FetchStatus, h.base+"/jwks") {
		t.Errorf("fetch-status says %q, want it to say that it fetched 2 keys from %s/jwks", k.FetchStatus, h.base)
	}
	if !k.FetchError.clear() {
		t.Errorf("fetch-error is %s after a good fetch, want it empty and hidden", k.FetchError)
	}
	if n := h.count("/iss/.well-known/openid-configuration"); n != 1 {
		t.Errorf("the openid-configuration was requested %d times, want once; requests: %q", n, h.requests())
	}
	if n := h.count("/jwks"); n != 1 {
		t.Errorf("the JWKS was requested %d times, want once; requests: %q", n, h.requests())
	}
	t.Logf("requests after discovery: %q", h.requests())

	// A kid that the set does not have: key-error lists the kids it has.
	nope := signWithHeader(t, jwt.SigningMethodRS256, map[string]any{"kid": "nope"}, freshClaims(jwt.MapClaims{"iss": iss}), h.k2.private)
	p.SetToken(nope)
	s := p.WaitStatus(nope, stateKeyError)
	if !s.KeyError.shown() {
		t.Errorf("key-error is %s for kid \"nope\", want it shown", s.KeyError)
	}
	for _, want := range []string{"nope", "k1", "k2"} {
		if !strings.Contains(s.KeyError.Text, want) {
			t.Errorf("key-error says %q for kid \"nope\", want it to name %q", s.KeyError.Text, want)
		}
	}
	jwksInBox := s.Key

	// The failures, each in words, and none of them touches the key box.
	failures := []struct {
		path string
		want []string // in fetch-error, case-insensitive
	}{
		{"/nocors/jwks", []string{"CORS"}},
		{"/missing", []string{"HTTP 404"}},
		{"/notjwks", []string{`no "keys"`}},
		{"/notjson", []string{"not", "JSON"}},
	}
	for _, f := range failures {
		u := h.base + f.path
		before := h.count(f.path)
		p.SetValue("jwks-url", u)
		clickTestID(p, "fetch-jwks")
		k := waitKeyPanel(p, "fetch-error for "+u, fetchTimeout, func(k keyPanel) bool {
			return k.FetchError.shown() && strings.Contains(strings.ToLower(k.FetchError.Text), strings.ToLower(u))
		})
		t.Logf("fetch-error for %s: %q", f.path, k.FetchError.Text)
		for _, want := range f.want {
			if !strings.Contains(strings.ToLower(k.FetchError.Text), strings.ToLower(want)) {
				t.Errorf("fetch-error for %s says %q, want it to say %q", u, k.FetchError.Text, want)
			}
		}
		if !strings.Contains(k.FetchError.Text, u) {
			t.Errorf("fetch-error names the URL %s otherwise than the user wrote it (the message starts with the URL, and its first letter was made a capital): %q", u, k.FetchError.Text)
		}
		if k.FetchStatus != "" && !strings.Contains(k.FetchStatus, "Fetching") {
			t.Errorf("fetch-status says %q after a failed fetch", k.FetchStatus)
		}
		if k.State.Key != jwksInBox {
			t.Errorf("a failed fetch of %s changed the key box to %q", u, truncate(k.State.Key, 200))
		}
		if n := h.count(f.path); n != before+1 {
			t.Errorf("%s was requested %d times for one click, want once; requests: %q", f.path, n-before, h.requests())
		}
	}

	// A good JWKS URL clears the error.
	p.SetToken(token)
	p.SetValue("jwks-url", h.base+"/jwks")
	clickTestID(p, "fetch-jwks")
	k = waitKeyPanel(p, "the JWKS fetched by URL, and the token verified", fetchTimeout, func(k keyPanel) bool {
		return k.State.Token == token && k.State.Status == stateVerified && strings.HasPrefix(k.FetchStatus, "Fetched")
	})
	if !k.FetchError.clear() {
		t.Errorf("fetch-error is %s after a good fetch, want it empty and hidden", k.FetchError)
	}
	if !strings.Contains(k.FetchStatus, "2 keys") {
		t.Errorf("fetch-status says %q, want it to say 2 keys", k.FetchStatus)
	}
}

// TestCarriedKeys checks the keys that a token's header carries: offered
// with a warning, used only when the user clicks, and a verification with
// them says that the token carried the key.
func TestCarriedKeys(t *testing.T) {
	t.Parallel()

	t.Run("jwk", func(t *testing.T) {
		t.Parallel()
		ek := testKey(t, "ES256")
		jwk, err := jwkMembers(ek.public)
		if err != nil {
			t.Fatal(err)
		}
		token := signWithHeader(t, jwt.SigningMethodES256, map[string]any{"jwk": jwk}, freshClaims(nil), ek.private)
		p := openPlayground(t)
		p.SetToken(token)
		waitCarried(t, p, token, "use-jwk")
		// The badge may still show the sample's verdict until the engine has
		// answered for this token: judge the answer for it.
		p.Settle()
		k, err := readKeyPanel(p)
		if err != nil {
			t.Fatal(err)
		}
		if k.State.Status == stateVerified {
			t.Errorf("the token verifies before the carried key was used:\n%s", k)
		}
		clickTestID(p, "use-jwk")
		k = waitCarriedVerified(t, p, token)
		box, err := parseJWK(k.State.Key)
		if err != nil {
			t.Fatalf("the key box after use-jwk: %v", err)
		}
		checkJWKMatches(t, "the key box after use-jwk", box, ek.public)
	})

	t.Run("x5c", func(t *testing.T) {
		t.Parallel()
		ek := testKey(t, "ES256")
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(7638),
			Subject:      pkix.Name{CommonName: "e2e carried certificate"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(24 * time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, ek.public, ek.private)
		if err != nil {
			t.Fatal(err)
		}
		// x5c holds standard base64 DER, not base64url (RFC 7515 4.1.6).
		token := signWithHeader(t, jwt.SigningMethodES256, map[string]any{"x5c": []string{base64.StdEncoding.EncodeToString(der)}},
			freshClaims(nil), ek.private)
		p := openPlayground(t)
		p.SetToken(token)
		waitCarried(t, p, token, "use-x5c")
		clickTestID(p, "use-x5c")
		k := waitCarriedVerified(t, p, token)
		if !strings.Contains(k.State.Key, "-----BEGIN CERTIFICATE-----") {
			t.Errorf("the key box after use-x5c holds %q, want the certificate as PEM", truncate(k.State.Key, 120))
		}
	})

	t.Run("jku", func(t *testing.T) {
		t.Parallel()
		h := newKeyHost(t)
		jku := h.base + "/jwks"
		token := signWithHeader(t, jwt.SigningMethodES256, map[string]any{"kid": "k1", "jku": jku}, freshClaims(nil), h.k1.private)
		p := openPlayground(t)
		p.SetToken(token)
		waitCarried(t, p, token, "fetch-jku")
		checkNothingFetched(t, p, h, "with a token whose jku is the key host")
		clickTestID(p, "fetch-jku")
		k := waitCarriedVerified(t, p, token)
		if got := kidsOf(k.State.Key); !slices.Equal(got, []string{"k1", "k2"}) {
			t.Errorf("the key box holds the kids %q after fetch-jku, want [k1 k2]", got)
		}
		if n := h.count("/jwks"); n != 1 {
			t.Errorf("the jku was requested %d times for one click, want once; requests: %q", n, h.requests())
		}
	})

	t.Run("x5u over http", func(t *testing.T) {
		t.Parallel()
		// x5u must be https (RFC 7515 4.1.5), or http on this machine
		// as for jku (workbench_test.go); the page refuses http elsewhere
		// without fetching.
		h := newKeyHost(t)
		ek := testKey(t, "ES256")
		x5u := "http://keys.example/cert.pem"
		token := signWithHeader(t, jwt.SigningMethodES256, map[string]any{"x5u": x5u}, freshClaims(nil), ek.private)
		p := openPlayground(t)
		p.SetToken(token)
		waitCarried(t, p, token, "fetch-x5u")
		clickTestID(p, "fetch-x5u")
		k := waitKeyPanel(p, "fetch-error for an http x5u", fetchTimeout, func(k keyPanel) bool { return k.FetchError.shown() })
		if !strings.Contains(k.FetchError.Text, "https") {
			t.Errorf("fetch-error says %q for an http x5u, want it to say that x5u must use https", k.FetchError.Text)
		}
		checkNothingFetched(t, p, h, "after fetch-x5u with an http URL")
		if k.State.Status == stateVerified {
			t.Errorf("the token verifies after a refused x5u:\n%s", k)
		}
	})
}

// waitCarried waits until carried-keys shows its warning and exactly the
// button want for the token.
func waitCarried(t *testing.T, p *Page, token, want string) keyPanel {
	t.Helper()
	k := waitKeyPanel(p, "carried-keys with the button "+want, waitTimeout, func(k keyPanel) bool {
		return k.State.Token == token && k.Carried.Visible && slices.Contains(k.CarriedButtons, want)
	})
	if !strings.Contains(k.Carried.Text, carriedLabel) {
		t.Errorf("carried-keys says %q, want the warning %q", k.Carried.Text, carriedLabel+"…")
	}
	if !slices.Equal(k.CarriedButtons, []string{want}) {
		t.Errorf("carried-keys has the buttons %q, want only %s", k.CarriedButtons, want)
	}
	return k
}

// waitCarriedVerified waits until the token verifies with a key it carried,
// and checks that the status says so.
func waitCarriedVerified(t *testing.T, p *Page, token string) keyPanel {
	t.Helper()
	k := waitKeyPanel(p, "the token verified with the key it carries", fetchTimeout, func(k keyPanel) bool {
		return k.State.Token == token && k.State.Status == stateVerified
	})
	if !strings.Contains(k.StatusTitle, "the key the token carries — not proof of who signed") {
		t.Errorf("the status title is %q after using a carried key, want \"Signature matches the key the token carries — not proof of who signed\"", k.StatusTitle)
	}
	return k
}
