// Package jwks fetches JSON Web Key Sets and OpenID Connect discovery
// documents, explaining every way that can fail in words. It fetches
// through a Getter, so that the browser build can use the page's fetch
// (github.com/syumai/tinyutil/httputil) and tests a local server.
package jwks

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// MaxDocumentBytes bounds a fetched document; real key sets are a few KiB.
const MaxDocumentBytes = 1 << 20

// Getter fetches a URL with GET.
type Getter interface {
	Get(url string) (*http.Response, error)
}

// Discovery is what OpenID Connect discovery found for an issuer.
type Discovery struct {
	Issuer  string          `json:"issuer"`
	JWKSURI string          `json:"jwksUri"`
	JWKS    json.RawMessage `json:"jwks"`
	// ConfigURL is where the configuration was read.
	ConfigURL string `json:"configUrl"`
}

// Fetch reads a JWKS from rawURL and checks that it holds usable keys.
func Fetch(g Getter, rawURL string) (json.RawMessage, error) {
	body, err := get(g, rawURL, "JWKS URL")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Keys json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, notJSON(rawURL, body)
	}
	if len(doc.Keys) == 0 || doc.Keys[0] != '[' {
		return nil, jwterr.New(jwterr.NotJWKS, "%s is JSON but has no \"keys\" array, so it is not a JWKS (is it the openid-configuration? then use discovery)", rawURL)
	}
	if _, err := keys.Parse(string(body), keys.UTF8); err != nil {
		return nil, jwterr.New(jwterr.NotJWKS, "the JWKS at %s: %v", rawURL, err)
	}
	return body, nil
}

// Discover reads issuer's openid-configuration, then the JWKS its jwks_uri
// names. It refuses a document whose "issuer" is not exactly issuer
// (OpenID Connect Discovery 1.0 §4.3: otherwise any server could hand out
// keys for any issuer), and a jwks_uri that leaves the issuer's scheme or,
// for a remote issuer, points at this machine.
func Discover(g Getter, issuer string) (*Discovery, error) {
	base, err := checkURL(issuer, "issuer")
	if err != nil {
		return nil, err
	}
	config := strings.TrimSuffix(base.String(), "/") + "/.well-known/openid-configuration"
	body, err := get(g, config, "openid-configuration")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, notJSON(config, body)
	}
	if doc.Issuer != issuer {
		return nil, issuerMismatch(config, issuer, doc.Issuer)
	}
	if doc.JWKSURI == "" {
		return nil, jwterr.New(jwterr.NotJWKS, "%s has no \"jwks_uri\": the issuer publishes no signing keys there", config)
	}
	if err := checkJWKSURI(base, doc.JWKSURI); err != nil {
		return nil, err
	}
	set, err := Fetch(g, doc.JWKSURI)
	if err != nil {
		return nil, err
	}
	return &Discovery{Issuer: doc.Issuer, JWKSURI: doc.JWKSURI, JWKS: set, ConfigURL: config}, nil
}

// issuerMismatch explains a document that names another issuer.
func issuerMismatch(config, asked, named string) error {
	what := "names the issuer " + jwterr.Clip(named)
	if named == "" {
		what = "names no issuer"
	}
	return jwterr.New(jwterr.IssuerMismatch, "%s %s, not %s: OpenID Connect Discovery (§4.3) requires them to be identical, so its keys are not that issuer's", config, what, jwterr.Clip(asked))
}

// checkJWKSURI refuses a jwks_uri on another scheme than the issuer's (an
// https issuer must not send its keys in the clear) or on this machine
// when the issuer is not: a remote document must not make the page read
// keys from a local server.
func checkJWKSURI(issuer *url.URL, raw string) error {
	u, err := checkURL(raw, "jwks_uri")
	if err != nil {
		return err
	}
	if u.Scheme != issuer.Scheme {
		return jwterr.New(jwterr.BadURL, "the jwks_uri %s uses %s, but the issuer %s uses %s: refused, keys must come the way the issuer does", jwterr.Clip(raw), u.Scheme, issuer, issuer.Scheme)
	}
	if isLocal(u.Hostname()) && !isLocal(issuer.Hostname()) {
		return jwterr.New(jwterr.BadURL, "the jwks_uri %s is on this machine, but the issuer %s is not: refused, a remote issuer's keys cannot be here", jwterr.Clip(raw), issuer)
	}
	return nil
}

// isLocal reports whether host names this machine in any spelling:
// localhost and its subdomains, 127.0.0.0/8, ::1, and the unspecified
// addresses, which connect here too.
func isLocal(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// checkURL accepts https URLs, and http ones on this machine (as the
// page's CSP does: localhost and 127.0.0.1), since key sets fetched in the
// clear could be swapped on the way.
func checkURL(raw, what string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return nil, jwterr.New(jwterr.BadURL, "the %s %s is not an absolute URL", what, jwterr.Clip(raw))
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return nil, jwterr.New(jwterr.BadURL, "the %s %s must use https (http is allowed only for localhost and 127.0.0.1)", what, jwterr.Clip(raw))
	}
	return u, nil
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1"
}

// get fetches a document and reads at most MaxDocumentBytes of it.
func get(g Getter, rawURL, what string) ([]byte, error) {
	u, err := checkURL(rawURL, what)
	if err != nil {
		return nil, err
	}
	resp, err := g.Get(u.String())
	if err != nil {
		return nil, jwterr.New(jwterr.FetchFailed, "could not fetch %s: the network failed, or the server does not allow this page to read it (CORS: no Access-Control-Allow-Origin header). The browser said: %v", u, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		e := jwterr.New(jwterr.HTTPStatus, "%s answered HTTP %s", u, statusText(resp))
		e.Status = resp.StatusCode
		return nil, e
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxDocumentBytes+1))
	if err != nil {
		return nil, jwterr.New(jwterr.FetchFailed, "reading %s failed: %v", u, err)
	}
	if len(body) > MaxDocumentBytes {
		return nil, jwterr.New(jwterr.TooLarge, "%s is larger than %d KiB, far more than any key set", u, MaxDocumentBytes>>10)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt == "text/html" {
			return nil, notJSON(u.String(), body)
		}
	}
	return body, nil
}

func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, t)
	}
	return fmt.Sprint(resp.StatusCode)
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func notJSON(u string, body []byte) error {
	start := strings.TrimSpace(string(body))
	if len(start) > 40 {
		start = start[:40] + "…"
	}
	return jwterr.New(jwterr.BadJSON, "%s did not answer with JSON; it begins %q", u, start)
}
