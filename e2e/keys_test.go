package e2e

// The key panel under the key box (see web/keys.js):
//
//   - [data-testid=key-info] describes the key in the box in one line;
//     [data-testid=key-note] is shown for private keys.
//   - [data-testid=gen-alg], gen-bits and the button gen-key ("Generate &
//     sign") make a key in a Web Worker, put it in the key box, set the
//     header's alg and kid (the RFC 7638 thumbprint) and re-sign; gen-status
//     says how it goes.
//   - [data-testid=key-formats] holds read-only textareas format-publicKeyPem,
//     format-publicJwk, format-privateKeyPem and format-privateJwk, the forms
//     that the key has.
//   - fetch-issuer, jwks-url, fetch-jwks, fetch-status, fetch-error and
//     carried-keys (with use-jwk, use-x5c, fetch-jku, fetch-x5u) are the
//     fetch tools, tested in fetch_test.go.

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// genTimeout bounds one key generation in the browser. RSA in Go's wasm is
// slow, and two tabs may generate at once on two cores.
const genTimeout = 2 * time.Minute

// genRSA4096Timeout bounds the generation of an RSA 4096 key, which takes
// seconds to tens of seconds in wasm.
const genRSA4096Timeout = 5 * time.Minute

// genAlgs are the algorithms of the gen-alg select.
var genAlgs = []string{
	"HS256", "HS384", "HS512",
	"RS256", "RS384", "RS512",
	"PS256", "PS384", "PS512",
	"ES256", "ES384", "ES512",
	"EdDSA",
}

// keyPanel is what the key panel shows, with the rest of the page, read in
// one round trip.
type keyPanel struct {
	State State `json:"state"`

	StatusTitle string   `json:"statusTitle"` // .status-title of verify-status
	Info        errorBox `json:"info"`        // key-info
	Note        errorBox `json:"note"`        // key-note
	// Formats maps format-<name> to the text of its textarea.
	Formats      map[string]string `json:"formats"`
	FormatsShown bool              `json:"formatsShown"` // key-formats is not hidden

	GenAlg      string `json:"genAlg"`
	GenBits     string `json:"genBits"`
	GenBitsShow bool   `json:"genBitsShown"`
	GenStatus   string `json:"genStatus"`
	GenBusy     bool   `json:"genBusy"` // gen-key is disabled

	Issuer      errorBox `json:"issuer"` // the fetch-issuer button
	JWKSURL     string   `json:"jwksUrl"`
	FetchStatus string   `json:"fetchStatus"`
	FetchError  errorBox `json:"fetchError"`
	Carried     errorBox `json:"carried"` // carried-keys, with its label
	// CarriedButtons are the data-testids of the buttons in carried-keys.
	CarriedButtons []string `json:"carriedButtons"`
	// EncodingOffer offers the secret encoding a failed signature matches under.
	EncodingOffer errorBox `json:"encodingOffer"`
}

// String formats the panel for a failure message.
func (k keyPanel) String() string {
	var b strings.Builder
	b.WriteString(k.State.String())
	fmt.Fprintf(&b, "  status title:  %q\n", k.StatusTitle)
	fmt.Fprintf(&b, "  key-info:      %s\n", k.Info)
	fmt.Fprintf(&b, "  key-note:      %s\n", k.Note)
	names := make([]string, 0, len(k.Formats))
	for n := range k.Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(&b, "  key-formats:   shown=%v %v\n", k.FormatsShown, names)
	fmt.Fprintf(&b, "  gen:           alg=%q bits=%q (shown %v) busy=%v status=%q\n", k.GenAlg, k.GenBits, k.GenBitsShow, k.GenBusy, k.GenStatus)
	fmt.Fprintf(&b, "  fetch-issuer:  %s\n", k.Issuer)
	fmt.Fprintf(&b, "  jwks-url:      %q\n", k.JWKSURL)
	fmt.Fprintf(&b, "  fetch-status:  %q\n", k.FetchStatus)
	fmt.Fprintf(&b, "  fetch-error:   %s\n", k.FetchError)
	fmt.Fprintf(&b, "  carried-keys:  %s buttons=%v\n", k.Carried, k.CarriedButtons)
	return b.String()
}

// readKeyPanelJS reads a keyPanel. Missing elements read as not found, so a
// wait on a page without them says so instead of throwing.
var readKeyPanelJS = `(() => {
	const state = ` + readStateJS + `;
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const text = (e) => e.textContent.replace(/\s+/g, " ").trim();
	const box = (id) => {
		const e = q(id);
		if (!e) return { found: false, text: "", hidden: false, visible: false };
		return { found: true, text: text(e), hidden: e.hidden,
			visible: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
	};
	const formats = {};
	for (const e of document.querySelectorAll('[data-testid^="format-"]')) {
		formats[e.dataset.testid.slice("format-".length)] = e.value;
	}
	const title = document.querySelector('[data-testid="verify-status"] .status-title');
	const fmts = q("key-formats"), genAlg = q("gen-alg"), genBits = q("gen-bits"), genKey = q("gen-key");
	const carried = q("carried-keys");
	return {
		state,
		statusTitle: title ? text(title) : "",
		info: box("key-info"),
		note: box("key-note"),
		formats,
		formatsShown: !!fmts && !fmts.hidden,
		genAlg: genAlg ? genAlg.value : "",
		genBits: genBits ? genBits.value : "",
		genBitsShown: !!genBits && genBits.checkVisibility(),
		genStatus: q("gen-status") ? text(q("gen-status")) : "",
		genBusy: !!genKey && genKey.disabled,
		issuer: box("fetch-issuer"),
		jwksUrl: q("jwks-url") ? q("jwks-url").value : "",
		fetchStatus: q("fetch-status") ? text(q("fetch-status")) : "",
		fetchError: box("fetch-error"),
		carried: box("carried-keys"),
		carriedButtons: carried ? [...carried.querySelectorAll("button")].map((b) => b.dataset.testid ?? "") : [],
		encodingOffer: box("encoding-offer"),
	};
})()`

// readKeyPanel returns what the page and its key panel show now.
func readKeyPanel(p *Page) (keyPanel, error) {
	return eval[keyPanel](p, readKeyPanelJS)
}

// mustKeyPanel is readKeyPanel that fails the test on an error.
func mustKeyPanel(p *Page) keyPanel {
	p.t.Helper()
	k, err := readKeyPanel(p)
	if err != nil {
		p.t.Fatalf("read the key panel: %v", err)
	}
	return k
}

// waitKeyPanel polls the page until cond holds, for at most timeout, and
// returns the panel that satisfied it. It fails the test with desc, the
// last panel and the page errors.
func waitKeyPanel(p *Page, desc string, timeout time.Duration, cond func(keyPanel) bool) keyPanel {
	p.t.Helper()
	k, ok, err := poll(p, timeout, func() (keyPanel, error) { return readKeyPanel(p) }, cond)
	if !ok {
		p.t.Fatal(p.timedOut(timeout, desc, "the key panel", k, err))
	}
	return k
}

// clickTestID clicks the element [data-testid=id] with the mouse, as a user
// does. It first checks that the element is there and visible, so that a
// hidden button fails with a message and not with a time-out.
func clickTestID(p *Page, id string) {
	p.t.Helper()
	sel := `[data-testid="` + id + `"]`
	where := mustEval[string](p, `(() => {
		const e = document.querySelector(`+jsString(sel)+`);
		if (!e) return "missing";
		if (!e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return "not visible";
		if (e.disabled) return "disabled";
		return "";
	})()`)
	if where != "" {
		p.t.Fatalf("cannot click [data-testid=%s]: it is %s\nthe page shows:\n%s", id, where, mustKeyPanel(p))
	}
	if err := p.do(callTimeout, chromedp.Click(chromedp.CSS(sel))); err != nil {
		p.t.Fatalf("click [data-testid=%s]: %v", id, err)
	}
}

// headerOf decodes the header of a token, or returns nil.
func headerOf(token string) map[string]any {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil
	}
	raw, err := b64url.DecodeString(parts[0])
	if err != nil {
		return nil
	}
	m, err := jsonObject(string(raw))
	if err != nil {
		return nil
	}
	return m
}

// jwkMembers writes the public members of the JWK of a key (RFC 7518 6.2 and
// 6.3, RFC 8037), computed in Go from the key, for comparing with the JWKs
// that the page writes.
func jwkMembers(pub crypto.PublicKey) (map[string]string, error) {
	switch pub := pub.(type) {
	case *rsa.PublicKey:
		return map[string]string{
			"kty": "RSA",
			"n":   b64url.EncodeToString(pub.N.Bytes()),
			"e":   b64url.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		}, nil
	case *ecdsa.PublicKey:
		crv := map[elliptic.Curve]string{elliptic.P256(): "P-256", elliptic.P384(): "P-384", elliptic.P521(): "P-521"}[pub.Curve]
		if crv == "" {
			return nil, fmt.Errorf("no JWK curve for %s", pub.Curve.Params().Name)
		}
		// 0x04 || X || Y, each coordinate padded to the size of the
		// curve, as RFC 7518 6.2.1.2 wants for x and y.
		raw, err := pub.Bytes()
		if err != nil {
			return nil, err
		}
		size := (len(raw) - 1) / 2
		return map[string]string{
			"kty": "EC", "crv": crv,
			"x": b64url.EncodeToString(raw[1 : 1+size]),
			"y": b64url.EncodeToString(raw[1+size:]),
		}, nil
	case ed25519.PublicKey:
		return map[string]string{"kty": "OKP", "crv": "Ed25519", "x": b64url.EncodeToString(pub)}, nil
	}
	return nil, fmt.Errorf("no JWK for %T", pub)
}

// thumbprintMembers are the required members of each key type, which RFC
// 7638 3.2 hashes.
var thumbprintMembers = map[string][]string{
	"RSA": {"e", "kty", "n"},
	"EC":  {"crv", "kty", "x", "y"},
	"OKP": {"crv", "kty", "x"},
	"oct": {"k", "kty"},
}

// jwkThumbprint computes the RFC 7638 SHA-256 thumbprint of a JWK: the
// required members, in lexicographic order, as JSON without whitespace.
func jwkThumbprint(jwk map[string]any) (string, error) {
	kty, _ := jwk["kty"].(string)
	names, ok := thumbprintMembers[kty]
	if !ok {
		return "", fmt.Errorf("JWK has kty %q", kty)
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, name := range names {
		v, ok := jwk[name].(string)
		if !ok {
			return "", fmt.Errorf("JWK has no string member %q", name)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		n, _ := json.Marshal(name)
		s, _ := json.Marshal(v)
		b.Write(n)
		b.WriteByte(':')
		b.Write(s)
	}
	b.WriteByte('}')
	sum := sha256.Sum256([]byte(b.String()))
	return b64url.EncodeToString(sum[:]), nil
}

// parsePublicPEM reads a PKIX "PUBLIC KEY" PEM.
func parsePublicPEM(text string) (crypto.PublicKey, error) {
	block, rest := pem.Decode([]byte(text))
	if block == nil {
		return nil, fmt.Errorf("no PEM block in %q", truncate(text, 80))
	}
	if block.Type != "PUBLIC KEY" {
		return nil, fmt.Errorf("PEM block is %q, want PUBLIC KEY", block.Type)
	}
	if strings.TrimSpace(string(rest)) != "" {
		return nil, fmt.Errorf("text after the PEM block: %q", truncate(string(rest), 80))
	}
	return x509.ParsePKIXPublicKey(block.Bytes)
}

// parsePrivatePEM reads a PKCS #8 "PRIVATE KEY" PEM.
func parsePrivatePEM(text string) (crypto.Signer, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, fmt.Errorf("no PEM block in %q", truncate(text, 80))
	}
	if block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("PEM block is %q, want PRIVATE KEY (PKCS #8)", block.Type)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("PKCS #8 key is a %T", k)
	}
	return s, nil
}

// parseJWK parses a JWK that the page shows.
func parseJWK(text string) (map[string]any, error) {
	var m map[string]any
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v: %q", err, truncate(text, 200))
	}
	return m, nil
}

// checkJWKMatches checks that the members that a Go key defines have the
// same values in a JWK of the page.
func checkJWKMatches(t testing.TB, what string, jwk map[string]any, pub crypto.PublicKey) {
	t.Helper()
	want, err := jwkMembers(pub)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range want {
		if got, _ := jwk[name].(string); got != v {
			t.Errorf("%s has %s = %q, want %q (from the key)", what, name, got, v)
		}
	}
}

// algCurves is the curve and key size that each ES alg needs.
var algCurves = map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()}

// TestGenerateAndSign generates a key for every algorithm of the gen-alg
// select, at RSA 2048, and checks that two clicks give a token that the page
// verifies and that golang-jwt verifies with the public forms the page
// shows: sign and verify any algorithm in two clicks.
func TestGenerateAndSign(t *testing.T) {
	t.Parallel()
	for _, alg := range genAlgs {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			p := openPlayground(t)
			before := p.WaitFor("the sample token to be verified", func(s State) bool {
				return s.Token != "" && s.Status == stateVerified
			})
			p.SetValue("gen-alg", alg)
			family := alg[:2]
			if family == "RS" || family == "PS" {
				if k := mustKeyPanel(p); !k.GenBitsShow {
					t.Errorf("gen-bits is not shown for %s", alg)
				}
				p.SetValue("gen-bits", "2048")
			} else if k := mustKeyPanel(p); k.GenBitsShow {
				t.Errorf("gen-bits (the RSA key size) is shown for %s", alg)
			}

			clickTestID(p, "gen-key")
			started := time.Now()
			k := waitKeyPanel(p, fmt.Sprintf("a new %s token, verified", alg), genTimeout, func(k keyPanel) bool {
				h := headerOf(k.State.Token)
				return k.State.Token != before.Token && k.State.Status == stateVerified && h != nil && h["alg"] == alg &&
					!k.GenBusy && strings.HasPrefix(k.GenStatus, "New ")
			})
			t.Logf("%s: generated and signed in %s (wall clock, with polling); gen-status %q", alg, time.Since(started).Round(time.Millisecond), k.GenStatus)

			token := k.State.Token
			header := segment(t, token, 0)
			if got, want := segment(t, token, 1), segment(t, before.Token, 1); !jsonEqual(got, want) {
				t.Errorf("re-signing changed the payload:\n got %v\nwant %v", got, want)
			}
			if !k.State.KeyError.clear() {
				t.Errorf("key-error shows %s after a generated key", k.State.KeyError)
			}

			if family == "HS" {
				checkGeneratedSecret(t, alg, k, header)
				return
			}
			checkGeneratedKeyPair(t, alg, k, header)
		})
	}
}

// jsonEqual compares two decoded JSON objects.
func jsonEqual(a, b map[string]any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// checkGeneratedSecret checks an HMAC generation: a base64url secret of the
// size of the hash in the key box, no kid, and a token that golang-jwt
// verifies with the secret.
func checkGeneratedSecret(t *testing.T, alg string, k keyPanel, header map[string]any) {
	t.Helper()
	if k.State.Encoding != "base64url" {
		t.Errorf("secret-encoding is %q after generating an %s secret, want base64url", k.State.Encoding, alg)
	}
	secret, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.State.Key, "="))
	if err != nil {
		t.Fatalf("the key box does not hold base64url: %v: %q", err, k.State.Key)
	}
	var bits int
	fmt.Sscan(alg[2:], &bits)
	if len(secret) != bits/8 {
		t.Errorf("the %s secret has %d bytes, want %d (the size of SHA-%d)", alg, len(secret), bits/8, bits)
	}
	if kid, ok := header["kid"]; ok {
		t.Errorf("the %s token has kid %v; a generated secret has no kid, and a kid of an earlier key would be wrong", alg, kid)
	}
	verify(t, k.State.Token, alg, secret)
	if !strings.Contains(k.Info.Text, fmt.Sprintf("Shared secret, %d bytes", bits/8)) {
		t.Errorf("key-info says %s, want it to say %q", k.Info, fmt.Sprintf("Shared secret, %d bytes", bits/8))
	}
	if k.Note.Visible {
		t.Errorf("key-note shows %s for a shared secret", k.Note)
	}
}

// checkGeneratedKeyPair checks an asymmetric generation: the private PEM in
// the key box, the public forms in key-formats, the kid is the thumbprint of
// the public JWK, and golang-jwt verifies the token with the public PEM.
func checkGeneratedKeyPair(t *testing.T, alg string, k keyPanel, header map[string]any) {
	t.Helper()
	pubPEM, ok := k.Formats["publicKeyPem"]
	if !ok {
		t.Fatalf("key-formats has no format-publicKeyPem after generating an %s key\n%s", alg, k)
	}
	pub, err := parsePublicPEM(pubPEM)
	if err != nil {
		t.Fatalf("format-publicKeyPem: %v", err)
	}
	switch alg[:2] {
	case "RS", "PS":
		rk, ok := pub.(*rsa.PublicKey)
		if !ok {
			t.Fatalf("the %s public key is a %T, want RSA", alg, pub)
		}
		if rk.N.BitLen() != 2048 {
			t.Errorf("the %s key has %d bits, want 2048", alg, rk.N.BitLen())
		}
	case "ES":
		ek, ok := pub.(*ecdsa.PublicKey)
		if !ok {
			t.Fatalf("the %s public key is a %T, want ECDSA", alg, pub)
		}
		if want := algCurves[alg]; ek.Curve != want {
			t.Errorf("the %s key is on %s, want %s", alg, ek.Curve.Params().Name, want.Params().Name)
		}
	case "Ed":
		if _, ok := pub.(ed25519.PublicKey); !ok {
			t.Fatalf("the %s public key is a %T, want Ed25519", alg, pub)
		}
	}

	// The token verifies with the public key alone.
	verify(t, k.State.Token, alg, pub)

	// The key box holds the PKCS #8 private key of that public key.
	priv, err := parsePrivatePEM(k.State.Key)
	if err != nil {
		t.Fatalf("the key box after generating %s: %v", alg, err)
	}
	if !priv.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(pub) {
		t.Errorf("the private key in the key box is not the one of format-publicKeyPem")
	}
	if privPEM := k.Formats["privateKeyPem"]; privPEM != "" {
		if other, err := parsePrivatePEM(privPEM); err != nil {
			t.Errorf("format-privateKeyPem: %v", err)
		} else if !other.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(pub) {
			t.Errorf("format-privateKeyPem is another key than format-publicKeyPem")
		}
	} else {
		t.Errorf("key-formats has no format-privateKeyPem for a private key")
	}
	if !k.Note.shown() {
		t.Errorf("key-note is %s with a private key in the box, want it shown", k.Note)
	}

	// The public JWK is the same key, and the kid is its thumbprint.
	jwkText, ok := k.Formats["publicJwk"]
	if !ok {
		t.Fatalf("key-formats has no format-publicJwk after generating an %s key", alg)
	}
	jwk, err := parseJWK(jwkText)
	if err != nil {
		t.Fatalf("format-publicJwk: %v", err)
	}
	checkJWKMatches(t, "format-publicJwk", jwk, pub)
	if _, ok := jwk["d"]; ok {
		t.Errorf("format-publicJwk has the private member d")
	}
	thumb, err := jwkThumbprint(jwk)
	if err != nil {
		t.Fatalf("format-publicJwk: %v", err)
	}
	if kid := header["kid"]; kid != thumb {
		t.Errorf("the token's kid is %v, want the RFC 7638 thumbprint of the public JWK, %s", kid, thumb)
	}
	// Both JWKs shown carry that kid: a JWKS made of the public one must
	// let the token's kid find it (a PEM has no kid to give them).
	if jwk["kid"] != thumb {
		t.Errorf("format-publicJwk has kid %v, want the thumbprint %s, the token's kid", jwk["kid"], thumb)
	}
	if priv, err := parseJWK(k.Formats["privateJwk"]); err != nil {
		t.Errorf("format-privateJwk: %v", err)
	} else if priv["kid"] != thumb {
		t.Errorf("format-privateJwk has kid %v, want the thumbprint %s, the token's kid", priv["kid"], thumb)
	}
	if !strings.Contains(k.Info.Text, "thumbprint "+thumb) {
		t.Errorf("key-info says %s, want it to name the thumbprint %s", k.Info, thumb)
	}
	if !strings.Contains(k.Info.Text, alg) {
		t.Errorf("key-info says %s, want it to list %s among the algorithms", k.Info, alg)
	}
	if !strings.Contains(k.GenStatus, "kid "+thumb) {
		t.Errorf("gen-status says %q, want it to name the kid %s", k.GenStatus, thumb)
	}
}

// genProbeJS records, from before the click on, what the page does while it
// generates a key: the long tasks of its main thread (over 50 ms, from the
// Long Tasks API), every text of gen-status with its time, the time of the
// click, and how late a 50 ms interval timer fires. It returns whether the
// browser reports long tasks.
const genProbeJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const rec = {
		longTasks: PerformanceObserver.supportedEntryTypes.includes("longtask"),
		visibility: document.visibilityState,
		long: [], texts: [], clickAt: -1, late: [], timerTicks: 0,
	};
	window.__e2eGen = rec;
	if (rec.longTasks) {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) rec.long.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: "longtask" });
	}
	const status = q("gen-status");
	new MutationObserver(() => rec.texts.push({ at: performance.now(), text: status.textContent }))
		.observe(status, { childList: true, characterData: true, subtree: true });
	q("gen-key").addEventListener("click", () => { if (rec.clickAt < 0) rec.clickAt = performance.now(); }, { capture: true });
	let last = performance.now();
	rec.timer = setInterval(() => {
		const now = performance.now();
		if (rec.clickAt >= 0 && now - last - 50 > 20) rec.late.push({ at: now, late: now - last - 50 });
		last = now;
		rec.timerTicks++;
	}, 50);
	return rec.longTasks;
})()`

// genProbe is what genProbeJS recorded.
type genProbe struct {
	LongTasks  bool   `json:"longTasks"`
	Visibility string `json:"visibility"`
	Long       []struct {
		Start    float64 `json:"start"`
		Duration float64 `json:"duration"`
	} `json:"long"`
	Texts []struct {
		At   float64 `json:"at"`
		Text string  `json:"text"`
	} `json:"texts"`
	ClickAt float64 `json:"clickAt"`
	// Late lists the ticks of the 50 ms timer that came over 20 ms late.
	Late []struct {
		At   float64 `json:"at"`
		Late float64 `json:"late"`
	} `json:"late"`
	TimerTicks int `json:"timerTicks"`
}

// TestGenerateRSA4096Responsive generates an RSA 4096 key, which takes
// seconds, and checks that the page stays responsive meanwhile: it answers
// evaluations, its main thread has no long task, and gen-status shows
// progress before the result. It logs what it measures. It only guards
// against generation on the main thread, with generous bounds; the
// benchmarks measure the rest.
//
// It does not run in parallel with the other tests of the suite, so that
// they do not load the machine while it measures. Other processes still
// can: on a machine with two cores and a load of 20, tasks of a few
// milliseconds took up to half a second, and an evaluation 1.5 s.
func TestGenerateRSA4096Responsive(t *testing.T) {
	// The bounds scale with the time that the generation took, which grows
	// with the load of the machine. A generation on the main thread would
	// be one task as long as the whole generation, with no progress text
	// and no evaluation answered meanwhile, and fail them all by far.
	const (
		minLongTaskBound  = time.Second     // one task of the main thread while generating
		minRoundTripBound = 2 * time.Second // one evaluation of the test while generating
		boundShare        = 4               // or a quarter of the generation, if more
	)

	p := openPlayground(t)
	before := p.WaitFor("the sample token to be verified", func(s State) bool {
		return s.Token != "" && s.Status == stateVerified
	})
	p.SetValue("gen-alg", "RS256")
	p.SetValue("gen-bits", "4096")
	if !mustEval[bool](p, genProbeJS) {
		t.Logf("this browser does not report long tasks (PerformanceObserver.supportedEntryTypes has no \"longtask\"); only the round trips and timers are measured")
	}
	p.Settle()

	clickTestID(p, "gen-key")
	started := time.Now()

	// Poll as a user would look at the page: every 100 ms, timing each
	// round trip. Only the polls that the page answered while it was still
	// generating count for responsiveness.
	type poll struct {
		Text string `json:"text"`
		Busy bool   `json:"busy"`
	}
	var (
		rtts         []time.Duration
		slowPolls    []string // the round trips over 50 ms, with when they started
		progress     []string
		busySeen     bool
		final        string
		pollFailures int
	)
	for {
		t0 := time.Now()
		r, err := eval[poll](p, `({ text: document.querySelector('[data-testid="gen-status"]').textContent,
			busy: document.querySelector('[data-testid="gen-key"]').disabled })`)
		rtt := time.Since(t0)
		if err != nil {
			pollFailures++
			t.Logf("a poll failed after %s: %v", rtt, err)
			if pollFailures > 3 {
				t.Fatalf("the page did not answer while it generated an RSA 4096 key: %v", err)
			}
		} else if strings.HasPrefix(r.Text, "Generating") {
			rtts = append(rtts, rtt)
			if rtt > 50*time.Millisecond {
				slowPolls = append(slowPolls, fmt.Sprintf("%s at +%s", rtt.Round(time.Millisecond), t0.Sub(started).Round(time.Millisecond)))
			}
			if len(progress) == 0 || progress[len(progress)-1] != r.Text {
				progress = append(progress, r.Text)
			}
			busySeen = busySeen || r.Busy
		} else if r.Text != "" && !strings.HasPrefix(r.Text, "Signing the token") {
			// "Signing the token with the new key…" comes between the
			// key and the announcement: a poll can land on it.
			final = r.Text
			break
		}
		if time.Since(started) > genRSA4096Timeout {
			t.Fatalf("no RSA 4096 key after %s; gen-status says %q\n%s", genRSA4096Timeout, r.Text, mustKeyPanel(p))
		}
		p.sleep(100 * time.Millisecond)
	}
	wall := time.Since(started)
	if !strings.HasPrefix(final, "New RS256 key pair") {
		t.Fatalf("gen-status ends with %q after %s, want it to announce the new RS256 key pair\n%s", final, wall, mustKeyPanel(p))
	}

	k := waitKeyPanel(p, "the RSA 4096 token, verified", genTimeout, func(k keyPanel) bool {
		h := headerOf(k.State.Token)
		return k.State.Token != before.Token && k.State.Status == stateVerified && h != nil && h["alg"] == "RS256"
	})
	probe := mustEval[genProbe](p, `(() => { clearInterval(window.__e2eGen.timer); return window.__e2eGen; })()`)

	// What the page showed, in its own clock.
	var lastProgress, resultAt float64 = -1, -1
	var texts []string
	for _, x := range probe.Texts {
		texts = append(texts, fmt.Sprintf("%+.0f ms %q", x.At-probe.ClickAt, truncate(x.Text, 60)))
		switch {
		case strings.HasPrefix(x.Text, "Generating") && resultAt < 0:
			lastProgress = x.At
		case strings.HasPrefix(x.Text, "New ") && resultAt < 0:
			resultAt = x.At
		}
	}
	slices.Sort(rtts)
	var maxRTT, medianRTT time.Duration
	if len(rtts) > 0 {
		maxRTT, medianRTT = rtts[len(rtts)-1], rtts[len(rtts)/2]
	}
	t.Logf("RSA 4096: %s from the click to the result (wall clock); %d progress texts seen by polling, the first %q", wall.Round(time.Millisecond), len(progress), firstOr(progress, ""))
	t.Logf("RSA 4096: %d evaluations answered while generating: median %s, max %s; %d over 50 ms, the first: %v", len(rtts), medianRTT.Round(100*time.Microsecond), maxRTT.Round(100*time.Microsecond), len(slowPolls), slowPolls[:min(len(slowPolls), 5)])
	var lates []float64
	for _, l := range probe.Late {
		if lastProgress >= 0 && l.At <= lastProgress {
			lates = append(lates, l.Late)
		}
	}
	slices.Sort(lates)
	t.Logf("RSA 4096: a 50 ms interval timer (%d ticks) fired over 20 ms late %d times while generating, at most %.0f ms; document %s", probe.TimerTicks, len(lates), lastOrFloat(lates), probe.Visibility)
	t.Logf("RSA 4096: gen-status texts (%d, time from the click): first %s, last %s", len(texts), firstOr(texts, "none"), lastOr(texts, "none"))

	// Long tasks: those that started before the last progress text ran
	// while the worker generated. One that starts after it and holds the
	// result is the page handling the result (parsing the key, signing and
	// verifying on the main thread), which is logged apart. A generation on
	// the main thread would start before the first progress text shows.
	var during []string
	var worstDuring float64
	for _, lt := range probe.Long {
		end := lt.Start + lt.Duration
		desc := fmt.Sprintf("%.0f ms at %+.0f ms", lt.Duration, lt.Start-probe.ClickAt)
		switch {
		case end < probe.ClickAt:
			t.Logf("RSA 4096: long task before the click: %s", desc)
		case lastProgress >= 0 && lt.Start >= lastProgress && resultAt >= 0 && resultAt <= end+1:
			t.Logf("RSA 4096: long task that handled the result (parse the key, sign and verify on the main thread): %s", desc)
		case lastProgress >= 0 && lt.Start >= lastProgress:
			t.Logf("RSA 4096: long task after the last progress text: %s", desc)
		default:
			during = append(during, desc)
			worstDuring = max(worstDuring, lt.Duration)
		}
	}
	if probe.LongTasks {
		t.Logf("RSA 4096: %d long task(s) on the main thread while generating: %v", len(during), during)
	}

	// The checks.
	sawProgress := len(progress) > 0
	if !sawProgress {
		for _, x := range probe.Texts {
			if strings.HasPrefix(x.Text, "Generating an RSA 4096 key") && (resultAt < 0 || x.At < resultAt) {
				sawProgress = true
			}
		}
	}
	if !sawProgress {
		t.Errorf("gen-status showed no progress text (\"Generating an RSA 4096 key… N s\") before the result; its texts: %v", texts)
	} else if len(progress) > 0 && !strings.HasPrefix(progress[0], "Generating an RSA 4096 key") {
		t.Errorf("gen-status says %q while generating, want it to say that it generates an RSA 4096 key", progress[0])
	}
	maxLongTask := max(minLongTaskBound, wall/boundShare)
	maxRoundTrip := max(minRoundTripBound, wall/boundShare)
	t.Logf("RSA 4096: bounds for this run: a task under %s, an evaluation under %s", maxLongTask, maxRoundTrip)
	if len(progress) < 2 {
		t.Errorf("polling saw %d progress text(s) of gen-status while generating (%q), want the seconds to count up: the page did not update while it generated", len(progress), progress)
	}
	if len(rtts) == 0 {
		t.Errorf("no evaluation was answered while the key was generated (it took %s): the page was frozen, or too fast to see", wall)
	}
	if maxRTT > maxRoundTrip {
		t.Errorf("an evaluation took %s to answer while the key was generated, want under %s: the page was not responsive", maxRTT, maxRoundTrip)
	}
	if worstDuring > float64(maxLongTask/time.Millisecond) {
		t.Errorf("the main thread had a task of %.0f ms while the key was generated, want none over %s: %v", worstDuring, maxLongTask, during)
	}
	if !busySeen {
		t.Logf("note: gen-key was not disabled while it generated")
	}

	// And the key is a good one.
	pub, err := parsePublicPEM(k.Formats["publicKeyPem"])
	if err != nil {
		t.Fatalf("format-publicKeyPem: %v", err)
	}
	rk, ok := pub.(*rsa.PublicKey)
	if !ok {
		t.Fatalf("the public key is a %T, want RSA", pub)
	}
	if rk.N.BitLen() != 4096 {
		t.Errorf("the key has %d bits, want 4096", rk.N.BitLen())
	}
	verify(t, k.State.Token, "RS256", pub)
	if !strings.Contains(k.Info.Text, "4096 bits") {
		t.Errorf("key-info says %s, want 4096 bits", k.Info)
	}
}

func firstOr(s []string, def string) string {
	if len(s) == 0 {
		return def
	}
	return s[0]
}

func lastOrFloat(s []float64) float64 {
	if len(s) == 0 {
		return 0
	}
	return s[len(s)-1]
}

func lastOr(s []string, def string) string {
	if len(s) == 0 {
		return def
	}
	return s[len(s)-1]
}

// TestInspectKeys pastes keys of each form into the key box and reads what
// key-info, key-note and key-formats say about them.
func TestInspectKeys(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	p.WaitFor("the sample token to be verified", func(s State) bool { return s.Status == stateVerified })

	t.Run("secret", func(t *testing.T) {
		// The sample's secret, which the page put in the box.
		k := mustKeyPanel(p)
		if !k.Info.shown() || !strings.Contains(k.Info.Text, "Shared secret, 40 bytes") || !strings.Contains(k.Info.Text, "HS256") {
			t.Errorf("key-info with the sample's 40-byte secret is %s, want \"Shared secret, 40 bytes · fits HS256…\"", k.Info)
		}
		if k.Note.Visible {
			t.Errorf("key-note is %s for a secret, want it hidden", k.Note)
		}
	})

	t.Run("RSA public PEM", func(t *testing.T) {
		rk := testKey(t, "RS256")
		p.SetKey(rk.publicPEM)
		k := waitKeyPanel(p, "key-info for an RSA public key", waitTimeout, func(k keyPanel) bool {
			return k.State.Key == rk.publicPEM && strings.Contains(k.Info.Text, "RSA")
		})
		for _, want := range []string{"RSA public key", "2048 bits", "RS256", "PS256"} {
			if !strings.Contains(k.Info.Text, want) {
				t.Errorf("key-info is %s, want it to say %q", k.Info, want)
			}
		}
		if !k.Info.shown() {
			t.Errorf("key-info is not shown: %s", k.Info)
		}
		if k.Note.Visible {
			t.Errorf("key-note is %s for a public key, want it hidden", k.Note)
		}
		if !k.FormatsShown {
			t.Errorf("key-formats is hidden for an RSA public key")
		}
		jwkText, ok := k.Formats["publicJwk"]
		if !ok {
			t.Fatalf("key-formats has no format-publicJwk for an RSA public key:\n%s", k)
		}
		jwk, err := parseJWK(jwkText)
		if err != nil {
			t.Fatalf("format-publicJwk: %v", err)
		}
		checkJWKMatches(t, "format-publicJwk", jwk, rk.public)
		if thumb, err := jwkThumbprint(jwk); err != nil {
			t.Errorf("format-publicJwk: %v", err)
		} else if !strings.Contains(k.Info.Text, "thumbprint "+thumb) {
			t.Errorf("key-info is %s, want the thumbprint %s", k.Info, thumb)
		}
		if pemText, ok := k.Formats["publicKeyPem"]; !ok {
			t.Errorf("key-formats has no format-publicKeyPem")
		} else if pub, err := parsePublicPEM(pemText); err != nil {
			t.Errorf("format-publicKeyPem: %v", err)
		} else if !rk.public.(*rsa.PublicKey).Equal(pub) {
			t.Errorf("format-publicKeyPem is another key")
		}
		for _, private := range []string{"privateKeyPem", "privateJwk"} {
			if _, ok := k.Formats[private]; ok {
				t.Errorf("key-formats has format-%s for a public key", private)
			}
		}
	})

	t.Run("EC private PKCS8", func(t *testing.T) {
		ek := testKey(t, "ES256")
		privPEM := ek.privatePEM(t)
		p.SetKey(privPEM)
		k := waitKeyPanel(p, "key-info for an EC private key", waitTimeout, func(k keyPanel) bool {
			return k.State.Key == privPEM && strings.Contains(k.Info.Text, "EC")
		})
		for _, want := range []string{"private key", "P-256", "ES256"} {
			if !strings.Contains(k.Info.Text, want) {
				t.Errorf("key-info is %s, want it to say %q", k.Info, want)
			}
		}
		if !k.Note.shown() || !strings.Contains(strings.ToLower(k.Note.Text), "private key") {
			t.Errorf("key-note is %s for a private key, want it shown, about the private key", k.Note)
		}
		for _, want := range []string{"publicKeyPem", "publicJwk", "privateKeyPem", "privateJwk"} {
			if _, ok := k.Formats[want]; !ok {
				t.Errorf("key-formats has no format-%s for an EC private key", want)
			}
		}
		jwk, err := parseJWK(k.Formats["privateJwk"])
		if err != nil {
			t.Fatalf("format-privateJwk: %v", err)
		}
		checkJWKMatches(t, "format-privateJwk", jwk, ek.public)
		d := ek.private.(*ecdsa.PrivateKey).D.FillBytes(make([]byte, 32))
		if got, _ := jwk["d"].(string); got != b64url.EncodeToString(d) {
			t.Errorf("format-privateJwk has d = %q, want %q", got, b64url.EncodeToString(d))
		}
		if pub, err := parseJWK(k.Formats["publicJwk"]); err == nil {
			if _, ok := pub["d"]; ok {
				t.Errorf("format-publicJwk has the private member d")
			}
		}
	})

	t.Run("JWK", func(t *testing.T) {
		ed := testKey(t, "EdDSA")
		p.SetKey(ed.jwk)
		k := waitKeyPanel(p, "key-info for an Ed25519 JWK", waitTimeout, func(k keyPanel) bool {
			return k.State.Key == ed.jwk && strings.Contains(k.Info.Text, "Ed25519")
		})
		for _, want := range []string{"Ed25519 public key", "EdDSA"} {
			if !strings.Contains(k.Info.Text, want) {
				t.Errorf("key-info is %s, want it to say %q", k.Info, want)
			}
		}
		pemText, ok := k.Formats["publicKeyPem"]
		if !ok {
			t.Fatalf("key-formats has no format-publicKeyPem for a JWK:\n%s", k)
		}
		pub, err := parsePublicPEM(pemText)
		if err != nil {
			t.Fatalf("format-publicKeyPem: %v", err)
		}
		if !ed.public.(ed25519.PublicKey).Equal(pub) {
			t.Errorf("format-publicKeyPem is another key than the JWK")
		}
	})

	t.Run("JWKS", func(t *testing.T) {
		rj, _ := jwkMembers(testKey(t, "RS256").public)
		ej, _ := jwkMembers(testKey(t, "ES256").public)
		rj["kid"], ej["kid"] = "a", "b"
		set := mustMarshalJWKS(t, rj, ej)
		p.SetKey(set)
		k := waitKeyPanel(p, "key-info for a key set", waitTimeout, func(k keyPanel) bool {
			return k.State.Key == set && k.Info.Text != "" && !strings.Contains(k.Info.Text, "Ed25519")
		})
		for _, want := range []string{"Key set", "2 keys", "kid a, b"} {
			if !strings.Contains(k.Info.Text, want) {
				t.Errorf("key-info is %s for a JWKS of two keys with kids a and b, want it to say %q", k.Info, want)
			}
		}
	})
}

// mustMarshalJWKS writes {"keys": [...]} of the JWKs.
func mustMarshalJWKS(t testing.TB, jwks ...map[string]string) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"keys": jwks})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
