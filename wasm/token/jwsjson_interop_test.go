package token_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// jwsJSONScript returns scripts/interop/jwsjson.mjs, or skips when node or
// jose is missing, unless JOSE_INTEROP is set (`make interop`).
func jwsJSONScript(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "scripts", "interop")
	_, errNode := exec.LookPath("node")
	_, errJose := os.Stat(filepath.Join(dir, "node_modules", "jose"))
	if errNode != nil || errJose != nil {
		if os.Getenv("JOSE_INTEROP") != "" {
			t.Fatalf("JOSE_INTEROP is set but node or jose is missing (node: %v, jose: %v): run `npm ci --prefix scripts/interop`", errNode, errJose)
		}
		t.Skip("node or jose not installed: `make interop` runs this test")
	}
	return filepath.Join(dir, "jwsjson.mjs")
}

// TestInteropJWSJSONFromJose verifies JWS JSONs made by jose's
// FlattenedSign and GeneralSign with fresh keys: each key verifies exactly
// the signatures of its algorithm, and a changed payload none.
func TestInteropJWSJSONFromJose(t *testing.T) {
	script := jwsJSONScript(t)
	out := filepath.Join(t.TempDir(), "jwsjson.json")
	if b, err := exec.Command("node", script, "generate", out).CombinedOutput(); err != nil {
		t.Fatalf("jwsjson.mjs generate: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var vectors struct {
		Keys  map[string]string
		Cases []struct {
			Name, JWS, Unencoded string
			Algs                 []string
		}
	}
	if err := json.Unmarshal(b, &vectors); err != nil || len(vectors.Cases) < 2 {
		t.Fatalf("jwsjson.mjs wrote %d cases (%v)", len(vectors.Cases), err)
	}
	for _, c := range vectors.Cases {
		t.Run(c.Name, func(t *testing.T) {
			d, err := token.DecodeJSON(c.JWS)
			if err != nil || len(d.Signatures) != len(c.Algs) {
				t.Fatalf("DecodeJSON: %v, %d signatures for %d", err, len(d.Signatures), len(c.Algs))
			}
			if c.Unencoded != "" && d.PayloadText != c.Unencoded {
				t.Errorf("payload %q, want %q", d.PayloadText, c.Unencoded)
			}
			for alg, key := range vectors.Keys {
				var want []int
				for i, a := range c.Algs {
					if a == alg {
						want = append(want, i)
					}
				}
				if want == nil {
					continue
				}
				v, _ := token.VerifyJSON(c.JWS, token.VerifyOptions{Key: key, Now: hostileNow})
				if !slices.Equal(v.VerifiedBy, want) || !v.Valid {
					t.Errorf("%s key: verifiedBy %v (valid %v, statuses %s, errors %s), want %v", alg, v.VerifiedBy, v.Valid, statuses(v), errCodes(v.Errors), want)
				}
				tampered := strings.Replace(c.JWS, d.PayloadPart, d.PayloadPart+"x", 1)
				if c.Unencoded == "" {
					tampered = strings.Replace(c.JWS, d.PayloadPart, b64([]byte(`{"sub":"admin"}`)), 1)
				}
				if v, _ := token.VerifyJSON(tampered, token.VerifyOptions{Key: key, Now: hostileNow}); v.SignatureValid {
					t.Errorf("%s key verifies a changed payload: %v", alg, v.VerifiedBy)
				}
			}
		})
	}
}

// jwsJSONJoseCase is one JWS JSON for jwsjson.mjs verify.
type jwsJSONJoseCase struct {
	Name string `json:"name"`
	JWS  string `json:"jws"`
	Key  string `json:"key"`
	Alg  string `json:"alg"`
}

// jwsJSONJoseVerdict is one line of its answer.
type jwsJSONJoseVerdict struct {
	Name        string `json:"name"`
	JoseAccepts bool   `json:"joseAccepts"`
	JoseError   string `json:"joseError"`
	JoseMessage string `json:"joseMessage"`
	Verifier    string `json:"verifier"`
}

func jwsJSONJoseVerdicts(t *testing.T, script string, cases []jwsJSONJoseCase) []jwsJSONJoseVerdict {
	t.Helper()
	body, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", script, "verify")
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jwsjson.mjs verify: %v\n%s", err, stderr.Bytes())
	}
	var vs []jwsJSONJoseVerdict
	if err := json.Unmarshal(out, &vs); err != nil || len(vs) != len(cases) {
		t.Fatalf("jwsjson.mjs: %d verdicts for %d cases (%v):\n%s", len(vs), len(cases), err, out)
	}
	return vs
}

// TestInteropJWSJSONToJose has jose's flattenedVerify and generalVerify
// verify JWS JSONs made here: compact tokens signed by Encode, written
// flattened by ToJSON, and their signatures gathered into a general JWS.
func TestInteropJWSJSONToJose(t *testing.T) {
	script := jwsJSONScript(t)
	k := testKeys(t)
	const payload = `{"sub":"ours","name":"Zoë ✓","iat":1700000000,"exp":4102444800}`
	signers := []struct{ alg, priv, pub string }{
		{"RS256", privatePEM(t, k.rsa), publicPEM(t, &k.rsa.PublicKey)},
		{"ES256", privatePEM(t, k.p256), publicPEM(t, &k.p256.PublicKey)},
		{"EdDSA", privatePEM(t, k.ed), publicPEM(t, k.ed.Public())},
		{"HS256", hmacSecret, hmacSecret},
	}
	var cases []jwsJSONJoseCase
	var sigs []string
	var payloadPart string
	for _, s := range signers {
		tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"` + s.alg + `"}`, Payload: payload, Key: s.priv})
		if err != nil {
			t.Fatalf("Encode %s: %v", s.alg, err)
		}
		flat, err := token.ToJSON(tok)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, jwsJSONJoseCase{"flattened " + s.alg, flat, s.pub, s.alg})
		parts := strings.Split(tok, ".")
		payloadPart = parts[1]
		sigs = append(sigs, `{"protected":"`+parts[0]+`","header":{"kid":"`+s.alg+`"},"signature":"`+parts[2]+`"}`)
	}
	gen := general(payloadPart, sigs...)
	for _, s := range signers {
		cases = append(cases, jwsJSONJoseCase{"general, " + s.alg + " key", gen, s.pub, s.alg})
	}
	tampered := strings.Replace(gen, payloadPart, b64([]byte(`{"sub":"admin"}`)), 1)
	cases = append(cases, jwsJSONJoseCase{"general, changed payload", tampered, signers[0].pub, "RS256"})
	for i, v := range jwsJSONJoseVerdicts(t, script, cases) {
		c := cases[i]
		ours, _ := token.VerifyJSON(c.JWS, token.VerifyOptions{Key: c.Key, Now: hostileNow})
		want := c.Name != "general, changed payload"
		if v.JoseAccepts != want || ours.Valid != want {
			t.Errorf("%s: jose accepts %v (%s %s), we %v; want %v", c.Name, v.JoseAccepts, v.JoseError, v.JoseMessage, ours.Valid, want)
		}
	}
}

// jwsJSONHostileCase is one hostile JWS JSON: our verdict, and jose's
// under jwsjson.mjs verify (which must agree, or the table says why).
type jwsJSONHostileCase struct {
	name, jws, key, alg string
	// want is hostileValid or an error code of ours.
	want string
	// jose is hostileJoseAccepts or jose's error code.
	jose string
	why  string
}

// TestInteropJWSJSONHostile is the attacker's table for the JSON
// serialization: RFC 7515 §7.2's rules, crit and b64 (RFC 7797), exact
// member names. We never accept what jose refuses.
func TestInteropJWSJSONHostile(t *testing.T) {
	k := testKeys(t)
	secret := []byte(hmacSecret)
	p := b64([]byte(hostilePayload))
	rsaPEM := publicPEM(t, &k.rsa.PublicKey)
	protHS := b64([]byte(`{"alg":"HS256"}`))
	good := jsonSign(t, "HS256", `{"alg":"HS256"}`, "", p, secret)
	byAttacker := jsonSign(t, "HS256", `{"alg":"HS256"}`, "", b64([]byte(`{"sub":"admin","exp":4102444800}`)), []byte("the attacker's own secret, 32 bytes+"))
	unenc := func(payload string) string {
		return jsonSign(t, "HS256", `{"alg":"HS256","b64":false,"crit":["b64"]}`, "", payload, secret)
	}
	// signed makes a signature object of raw members plus the HS256
	// signature over protected (raw JSON) and the payload.
	flatten := func(sig string) string { return `{"payload":"` + p + `",` + strings.TrimPrefix(sig, "{") }
	const ambiguous = "jose's verifiers read only the members of their own form and ignore the rest; RFC 7515 §7.2 makes the forms exclusive, " +
		"and a reader of the other form would check another signature: we refuse the ambiguity"
	cases := []jwsJSONHostileCase{
		{name: "control: flattened HS256", jws: flatten(good), key: hmacSecret, alg: "HS256", want: hostileValid, jose: hostileJoseAccepts},
		{name: "control: general HS256 + RS256, RSA key", jws: general(p, good, jsonSign(t, "RS256", `{"alg":"RS256"}`, `{"kid":"r"}`, p, k.rsa)), key: rsaPEM, alg: "RS256", want: hostileValid, jose: hostileJoseAccepts},
		{name: "protected and unprotected share alg", jws: flatten(jsonSign(t, "HS256", `{"alg":"HS256"}`, `{"alg":"HS256"}`, p, secret)), key: hmacSecret, alg: "HS256", want: "malformed", jose: "ERR_JWS_INVALID"},
		{name: "signatures and a top-level signature (the attacker's)", jws: `{"payload":"` + p + `","signatures":[` + good + `],"protected":"` + protHS + `","signature":"` + jsonMember(t, byAttacker, "signature") + `"}`,
			key: hmacSecret, alg: "HS256", want: "malformed", jose: hostileJoseAccepts, why: ambiguous},
		{name: "crit in the unprotected header", jws: flatten(jsonSign(t, "HS256", `{"alg":"HS256"}`, `{"crit":["urn:x"],"urn:x":1}`, p, secret)), key: hmacSecret, alg: "HS256", want: "crit_invalid", jose: "ERR_JWS_INVALID"},
		{name: "b64 in the unprotected header, crit protected", jws: `{"payload":"` + p + `",` + strings.TrimPrefix(jsonSign(t, "HS256", `{"alg":"HS256","crit":["b64"]}`, `{"b64":true}`, p, secret), "{"),
			key: hmacSecret, alg: "HS256", want: "crit_invalid", jose: "ERR_JWS_INVALID"},
		{name: "signatures disagree on b64", jws: general(p, good, unenc(p)), key: hmacSecret, alg: "HS256", want: "crit_invalid", jose: "ERR_JWS_INVALID"},
		{name: "empty signatures", jws: `{"payload":"` + p + `","signatures":[]}`, key: hmacSecret, alg: "HS256", want: "malformed", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},
		{name: "payload twice, the signed one last", jws: `{"payload":"` + b64([]byte(`{"sub":"admin"}`)) + `","payload":"` + p + `","signatures":[` + good + `]}`,
			key: hmacSecret, alg: "HS256", want: "malformed", jose: hostileJoseAccepts,
			why: "JSON.parse keeps the last of duplicate members, so jose verifies the last payload; we refuse a duplicate member, since another reader (or the page) may show the first"},
		{name: `"Signatures" (the attacker's) beside "signature"`, jws: `{"payload":"` + p + `","protected":"` + protHS + `","signature":"` + jsonMember(t, good, "signature") + `","Signatures":[` + byAttacker + `]}`,
			key: hmacSecret, alg: "HS256", want: "malformed", jose: hostileJoseAccepts,
			why: "member names are case-sensitive, so jose ignores \"Signatures\"; a reader that ignores case would take it for \"signatures\", so we refuse it as we refuse a JWK's case variants"},
		{name: "alg none, unprotected", jws: `{"payload":"` + p + `","header":{"alg":"none"},"signature":""}`, key: hmacSecret, alg: "HS256", want: "alg_none", jose: "ERR_JOSE_ALG_NOT_ALLOWED"},
		{name: "HS256 keyed with the RSA public key text", jws: flatten(jsonSign(t, "HS256", `{"alg":"HS256"}`, "", p, []byte(rsaPEM))), key: rsaPEM, alg: "HS256", want: "key_mismatch", jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: "HS256 with alg unprotected, keyed with the RSA public key text", jws: flatten(jsonSign(t, "HS256", "", `{"alg":"HS256"}`, p, []byte(rsaPEM))), key: rsaPEM, alg: "HS256", want: "key_mismatch", jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: "an empty protected header", jws: `{"payload":"` + p + `","protected":"","header":{"alg":"HS256"},"signature":"` + jsonMember(t, jsonSign(t, "HS256", "", `{"alg":"HS256"}`, p, secret), "signature") + `"}`,
			key: hmacSecret, alg: "HS256", want: "malformed", jose: "ERR_JWS_INVALID"},
		{name: "unencoded payload with a lone surrogate", jws: `{"payload":"\ud800","signatures":[` + unenc("\ufffd") + `]}`, key: hmacSecret, alg: "HS256", want: "malformed", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},
		{name: "unencoded payload with a period (JSON only)", jws: `{"payload":"$.02","signatures":[` + unenc("$.02") + `]}`, key: hmacSecret, alg: "HS256", want: "valid", jose: hostileJoseAccepts},
		{name: "a padded signature", jws: flatten(strings.Replace(good, `"}`, `="}`, 1)), key: hmacSecret, alg: "HS256", want: hostileValid, jose: hostileJoseAccepts},
		{name: "general: the attacker's signature first, the good one second", jws: general(p, byAttacker, good), key: hmacSecret, alg: "HS256", want: hostileValid, jose: hostileJoseAccepts},
	}
	accepted := make([]bool, len(cases))
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if (c.jose == hostileJoseAccepts) != (c.want == hostileValid) && c.why == "" {
				t.Errorf("the table has us and jose disagree with no reason given")
			}
			v, err := token.VerifyJSON(c.jws, token.VerifyOptions{Key: c.key, Now: hostileNow})
			got := []string{hostileValid}
			switch {
			case err != nil:
				got = []string{string(jwterr.CodeOf(err))}
			case !v.Valid:
				got = strings.Split(errCodes(v.Errors), ",")
			}
			if !slices.Contains(got, c.want) {
				t.Errorf("verify: %v; want %s", got, c.want)
			}
			accepted[i] = v.Valid
		})
	}
	if os.Getenv("JOSE_INTEROP") == "" {
		return
	}
	in := make([]jwsJSONJoseCase, len(cases))
	for i, c := range cases {
		in[i] = jwsJSONJoseCase{c.name, c.jws, c.key, c.alg}
	}
	for i, v := range jwsJSONJoseVerdicts(t, jwsJSONScript(t), in) {
		c := cases[i]
		got := v.JoseError
		if v.JoseAccepts {
			got = hostileJoseAccepts
		}
		if got != c.jose {
			t.Errorf("%s: jose says %s (%s, %s), the table says %s", c.name, got, v.JoseMessage, v.Verifier, c.jose)
		}
		if accepted[i] && !v.JoseAccepts {
			t.Errorf("%s: we accept what jose refuses (%s: %s): a false green", c.name, v.JoseError, v.JoseMessage)
		}
	}
}

// jsonMember returns a string member of a JSON object.
func jsonMember(t *testing.T, obj, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(obj), &m); err != nil {
		t.Fatal(err)
	}
	s, _ := m[name].(string)
	return s
}
