package token_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// hostileNow is the time the hostile cases are judged at, by us and by
// scripts/interop/hostile.mjs.
var hostileNow = time.Unix(1700000100, 0)

// hostilePayload is the claims of every hostile token that has no
// payload of its own: issued before hostileNow, expiring in 2100.
const hostilePayload = `{"sub":"hostile","iat":1700000000,"exp":4102444800}`

// hostileCritCode is the code of a crit naming an extension we do not
// implement, and hostileCritInvalid that of a crit or b64 breaking RFC 7515
// §4.1.11 or RFC 7797 §6 (as jose tells JOSENotSupported from JWSInvalid).
const (
	hostileCritCode    = "crit_unsupported"
	hostileCritInvalid = "crit_invalid"
)

// hostileValid is the verdict of a token that verifies, signature and claims.
const hostileValid = "valid"

// hostileJoseAccepts is what the jose column says of a case jose accepts.
const hostileJoseAccepts = "accepts"

// hostileCase is one token an attacker (or a careless issuer) hands the
// playground, the key text in the key box, and what we and jose make of it.
type hostileCase struct {
	name  string
	token string
	key   string
	// alg is the one algorithm jose is allowed: the header's, as we read it.
	alg string
	// want is our verdict: hostileValid, or an error code verify must report.
	want string
	// warn is a warning code verify must add, or "".
	warn string
	// jose is jose 6.2.18's verdict under hostile.mjs: hostileJoseAccepts, or
	// its error code (the class name for errors without one).
	jose string
	// why says why we differ from jose, where we do; required then.
	why string
}

// accepts reports whether our verdict is that the token is good.
func (c *hostileCase) accepts() bool { return c.want == hostileValid }

// hostileCases builds the table. Tokens are made here, from the shared
// test keys; an attacker's token is signed with the attacker's key.
func hostileCases(t *testing.T) []hostileCase {
	t.Helper()
	k := testKeys(t)
	real, attacker := k.rsa, k.rsa2
	secret := hmacSecret
	realPEM := publicPEM(t, &real.PublicKey)
	realJWK := jsonOf(t, jwk(t, &real.PublicKey))
	attackerJWK := jwk(t, &attacker.PublicKey)
	rs256 := `{"alg":"RS256","typ":"JWT"}`
	hs256 := `{"alg":"HS256","typ":"JWT"}`
	byReal := hostileSign(t, rs256, hostilePayload, real)
	byAttacker := hostileSign(t, rs256, hostilePayload, attacker)
	// confused is an HS256 token HMACed with the public-key text itself,
	// which anyone can read: the algorithm-confusion attack.
	confused := func(text string) string { return hostileSign(t, hs256, hostilePayload, []byte(text)) }
	der := base64.StdEncoding.EncodeToString(hostilePKIX(t, &real.PublicKey))
	// memberAfter adds a raw member at the end of a JSON object.
	memberAfter := func(obj, member string) string { return strings.TrimSuffix(obj, "}") + "," + member + "}" }
	weak, tiny := hostileSmallRSA(t, 1024), hostileSmallRSA(t, 768)
	const notAKeyReader = "jose has no reader for pasted key text: hostile.mjs hands it this text as an HMAC secret, as a careless caller would; " +
		"we read it as the public key it is (or refuse it as a secret), so that no public text ever verifies an HMAC"

	return []hostileCase{
		// Controls: the harness and the keys work.
		{name: "control: HS256 with its secret", token: hostileSign(t, hs256, hostilePayload, []byte(secret)), key: secret, alg: "HS256",
			want: hostileValid, jose: hostileJoseAccepts},
		{name: "control: RS256 with its PEM", token: byReal, key: realPEM, alg: "RS256", want: hostileValid, jose: hostileJoseAccepts},

		// crit (RFC 7515 §4.1.11) and b64 (RFC 7797).
		{name: "crit names an unknown extension", token: hostileSign(t, `{"alg":"HS256","crit":["urn:x:must"],"urn:x:must":true}`, hostilePayload, []byte(secret)),
			key: secret, alg: "HS256", want: hostileCritCode, jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: "crit is empty", token: hostileSign(t, `{"alg":"HS256","crit":[]}`, hostilePayload, []byte(secret)),
			key: secret, alg: "HS256", want: hostileCritInvalid, jose: "ERR_JWS_INVALID"},
		{name: "crit names a registered parameter (exp)", token: hostileSign(t, `{"alg":"HS256","crit":["exp"],"exp":4102444800}`, hostilePayload, []byte(secret)),
			key: secret, alg: "HS256", want: hostileCritCode, jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: "crit names an absent parameter", token: hostileSign(t, `{"alg":"HS256","crit":["urn:x:absent"]}`, hostilePayload, []byte(secret)),
			key: secret, alg: "HS256", want: hostileCritCode, jose: "ERR_JOSE_NOT_SUPPORTED"},
		// RFC 7797 §4's header and key; its payload "$.02" holds a dot,
		// which compact serialization cannot carry unencoded (§5.2).
		{name: "b64 false with crit (RFC 7797)", token: hostileSignRaw(t, hostileRFC7797Header, "$02", hostileRFC7797Secret(t)),
			key: hostileRFC7797JWK, alg: "HS256", want: hostileValid, jose: hostileJoseAccepts},
		{name: "b64 false without crit", token: hostileSignRaw(t, `{"alg":"HS256","b64":false}`, b64([]byte(`{"sub":"admin"}`)), []byte(secret)),
			key: secret, alg: "HS256", want: hostileCritInvalid, jose: hostileJoseAccepts,
			why: "RFC 7797 §6 requires b64 to be listed in crit; jose ignores a b64 outside crit and reads the payload as base64url, " +
				"we refuse a header whose payload could be read two ways"},

		// Nested JWTs (RFC 7519 §5.2): the outer level signs a token, not claims.
		{name: "nested JWT (cty JWT over a token)", token: hostileSign(t, `{"alg":"HS256","cty":"JWT"}`, hostileSign(t, hs256, `{"exp":1}`, []byte(secret)), []byte(secret)),
			key: secret, alg: "HS256", want: hostileValid, warn: "nested", jose: "ERR_JWT_INVALID",
			why: "jose's jwtVerify wants a claims set and has no nested JWTs; RFC 7519 §7.2 step 8 verifies the payload as a token of its own: " +
				"the outer level's signature is all there is to check, the nested warning says the inner token (here expired) must be verified too, and the page does"},
		{name: "cty JWT over expired claims", token: hostileSign(t, `{"alg":"HS256","cty":"JWT"}`, `{"exp":1}`, []byte(secret)),
			key: secret, alg: "HS256", want: "token_expired", jose: "ERR_JWT_EXPIRED"},

		// Exact JWK and JWKS member names (RFC 7517).
		{name: `JWK with "N" (attacker) beside "n"`, token: byAttacker, key: memberAfter(realJWK, `"N":"`+attackerJWK["n"].(string)+`"`),
			alg: "RS256", want: "key_invalid", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},
		{name: `JWKS with "KEYS" (attacker) beside "keys"`, token: byAttacker, key: `{"keys":[` + realJWK + `],"KEYS":[` + jsonOf(t, attackerJWK) + `]}`,
			alg: "RS256", want: "key_invalid", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},
		{name: `JWK with a duplicate "n", the attacker's last`, token: byAttacker, key: memberAfter(realJWK, `"n":"`+attackerJWK["n"].(string)+`"`),
			alg: "RS256", want: "key_invalid", jose: hostileJoseAccepts,
			why: "JSON.parse keeps the last of duplicate members, so jose verifies with the attacker's n; we refuse a duplicate member, " +
				"since another reader (or the key panel) may take the first"},

		// Public-key text used as an HMAC secret (algorithm confusion).
		{name: "HS256 HMACed with the PEM", token: confused(realPEM), key: realPEM, alg: "HS256", want: "key_mismatch", jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: "HS256 HMACed with base64 DER, no armour", token: confused(der), key: der, alg: "HS256",
			want: "key_mismatch", jose: hostileJoseAccepts, why: notAKeyReader},
		{name: "HS256 HMACed with the PEM as a JSON string", token: confused(jsonOf(t, realPEM)), key: jsonOf(t, realPEM), alg: "HS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: "HS256 HMACed with the PEM after a BOM", token: confused("\ufeff" + realPEM), key: "\ufeff" + realPEM, alg: "HS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: "HS256 HMACed with the PEM after a zero-width space", token: confused("\u200b" + realPEM), key: "\u200b" + realPEM, alg: "HS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: `HS256 HMACed with the PEM after "public key:"`, token: confused("public key:\n" + realPEM), key: "public key:\n" + realPEM, alg: "HS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: "HS256 HMACed with an OpenSSH ssh-rsa line", token: confused(hostileSSHRSA(&real.PublicKey)), key: hostileSSHRSA(&real.PublicKey), alg: "HS256",
			want: "key_mismatch", jose: hostileJoseAccepts, why: notAKeyReader},
		{name: "HS256 HMACed with a JWK inside an array", token: confused("[" + realJWK + "]"), key: "[" + realJWK + "]", alg: "HS256",
			want: "key_mismatch", jose: hostileJoseAccepts, why: notAKeyReader},
		// Not JSON, so not a JWK: refused as bad JSON in the key (part "key"), never read as a secret.
		{name: "HS256 HMACed with a JWK with a trailing comma", token: confused(memberAfter(realJWK, "")), key: memberAfter(realJWK, ""), alg: "HS256",
			want: "bad_json", jose: hostileJoseAccepts, why: notAKeyReader},

		// Key sizes (RFC 7518 §3.3: 2048 bits or more) and RSA-PSS salts
		// (RFC 7518 §3.5: as long as the hash).
		{name: "RSA 1024-bit key, correct signature", token: weak.sign(t, rs256, hostilePKCS1v15), key: weak.pem(t), alg: "RS256",
			want: hostileValid, warn: "weak_key", jose: "TypeError",
			why: "jose refuses RSA keys under 2048 bits; issue 12 has us verify them and warn (weak_key): keys of 1024 bits are still met, and the warning says what jose would do"},
		{name: "RSA 768-bit key, correct signature", token: tiny.sign(t, rs256, hostilePKCS1v15), key: tiny.pem(t), alg: "RS256",
			want: "key_invalid", jose: "TypeError"},
		{name: "PS256 with salt length 0", token: hostileRSAOf(real).sign(t, `{"alg":"PS256"}`, hostilePSS(0)), key: realPEM, alg: "PS256",
			want: "signature_invalid", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},
		{name: "PS256 with salt length 20", token: hostileRSAOf(real).sign(t, `{"alg":"PS256"}`, hostilePSS(20)), key: realPEM, alg: "PS256",
			want: "signature_invalid", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},

		// An ECDSA signature in ASN.1 DER, as OpenSSL and Java write it:
		// JWS wants r‖s (RFC 7518 §3.4), and WebCrypto, under jose, reads
		// nothing else.
		{name: "ES256 signature in ASN.1 DER, not r‖s", token: hostileDERES256(t, k.p256), key: publicPEM(t, &k.p256.PublicKey), alg: "ES256",
			want: "signature_invalid", warn: "der_signature", jose: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},

		// What a JWK and a JWKS allow.
		{name: `JWK with use "enc"`, token: byReal, key: jsonOf(t, jwk(t, &real.PublicKey, "use", "enc")), alg: "RS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: `JWK with key_ops ["encrypt"]`, token: byReal, key: memberAfter(realJWK, `"key_ops":["encrypt"]`), alg: "RS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: `JWK with alg "RS384" for an RS256 token`, token: byReal, key: jsonOf(t, jwk(t, &real.PublicKey, "alg", "RS384")), alg: "RS256",
			want: "key_mismatch", jose: "TypeError"},
		{name: "JWKS: the kid matches no key, a kid-less key would verify",
			token: hostileSign(t, `{"alg":"RS256","kid":"k1"}`, hostilePayload, real),
			key:   jwks(t, jwk(t, &attacker.PublicKey, "kid", "k2"), jwk(t, &real.PublicKey)), alg: "RS256",
			want: "kid_not_found", jose: "ERR_JWKS_NO_MATCHING_KEY"},

		// alg none and duplicate members in the token.
		{name: "alg none", token: b64([]byte(`{"alg":"none"}`)) + "." + b64([]byte(hostilePayload)) + ".", key: secret, alg: "none",
			want: "alg_none", jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: `header {"alg":"none","alg":"HS256"}`, token: hostileSign(t, `{"alg":"none","alg":"HS256"}`, hostilePayload, []byte(secret)),
			key: secret, alg: "HS256", want: hostileValid, jose: hostileJoseAccepts},
		{name: "payload with exp twice, expired first, future last",
			token: hostileSign(t, hs256, `{"sub":"hostile","exp":1600000000,"exp":4102444800}`, []byte(secret)),
			key:   secret, alg: "HS256", want: hostileValid, jose: hostileJoseAccepts},

		// ES256K (RFC 8812) and ML-DSA (draft-ietf-cose-dilithium): jose 6
		// has neither under node (no secp256k1 or ML-DSA in its WebCrypto),
		// so only refusals are compared here; that good tokens verify is
		// checked against node's crypto (TestInteropES256KNode) and the
		// draft's examples (TestVerifyMLDSADraftExamples).
		{name: "ES256K token, P-256 JWK", token: newAlgToken(t, "ES256K", k.k1), key: jsonOf(t, jwk(t, k.p256.Public())), alg: "ES256K",
			want: "key_mismatch", jose: "ERR_JOSE_NOT_SUPPORTED"},
		{name: "ML-DSA-44, AKP JWK without alg", token: newAlgToken(t, "ML-DSA-44", k.mldsa["ML-DSA-44"][0]),
			key: jsonOf(t, withoutAlg(jwk(t, k.mldsa["ML-DSA-44"][0].Public()))), alg: "ML-DSA-44", want: "key_invalid", jose: "TypeError"},
		{name: "ML-DSA-65 token, ML-DSA-44 AKP JWK", token: newAlgToken(t, "ML-DSA-65", k.mldsa["ML-DSA-65"][0]),
			key: jsonOf(t, jwk(t, k.mldsa["ML-DSA-44"][0].Public())), alg: "ML-DSA-65", want: "key_mismatch", jose: "TypeError"},
	}
}

// newAlgToken signs a hostile payload with alg and priv through Encode.
func newAlgToken(t *testing.T, alg string, priv crypto.Signer) string {
	t.Helper()
	tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"` + alg + `"}`, Payload: hostilePayload, Key: privatePEM(t, priv)})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// withoutAlg drops a JWK's alg member.
func withoutAlg(m map[string]any) map[string]any {
	delete(m, "alg")
	return m
}

// TestInteropHostile checks our verdict on each hostile case and, with
// JOSE_INTEROP set (make interop), jose's: it fails when jose refuses a
// token we accept without a warning, and when we and jose disagree with
// no reason written in the table.
func TestInteropHostile(t *testing.T) {
	cases := hostileCases(t)
	// accepted records which tokens verify here today, and warned which
	// of those carry the warning their row asks for.
	accepted, warned := make([]bool, len(cases)), make([]bool, len(cases))
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if (c.jose == hostileJoseAccepts) != c.accepts() && c.why == "" {
				t.Errorf("the table has us and jose disagree with no reason given")
			}
			if c.accepts() && c.jose != hostileJoseAccepts && c.warn == "" {
				t.Errorf("the table accepts what jose refuses without a warning: a false green")
			}
			res, err := token.Verify(c.token, token.VerifyOptions{Key: c.key, Now: hostileNow})
			got := hostileVerdict(res, err)
			if !slices.Contains(got, c.want) {
				t.Errorf("verify: %s; want %s", strings.Join(got, ", "), c.want)
			}
			warned[i] = c.warn != "" && slices.Contains(strings.Split(warnCodes(res.Warnings), ","), c.warn)
			if c.warn != "" && !warned[i] {
				t.Errorf("verify: warnings %q, want %s", warnCodes(res.Warnings), c.warn)
			}
			accepted[i] = got[0] == hostileValid
		})
	}
	if os.Getenv("JOSE_INTEROP") == "" {
		return
	}
	verdicts := hostileJoseVerdicts(t, cases)
	for i, c := range cases {
		v := verdicts[i]
		got := v.JoseError
		if v.JoseAccepts {
			got = hostileJoseAccepts
		}
		if got != c.jose {
			t.Errorf("%s: jose says %s (%s, key read as %s, %s), the table says %s",
				c.name, got, v.JoseMessage, v.KeyForm, v.Verifier, c.jose)
		}
		switch {
		case accepted[i] && !v.JoseAccepts && !warned[i]:
			t.Errorf("%s: we accept what jose refuses (%s: %s): a false green", c.name, v.JoseError, v.JoseMessage)
		case accepted[i] != v.JoseAccepts && c.why == "":
			t.Errorf("%s: we (accept: %v) and jose (accepts: %v) disagree, with no reason in the table", c.name, accepted[i], v.JoseAccepts)
		}
	}
}

// hostileVerdict is hostileValid, or every error code verify reported.
func hostileVerdict(res *token.Verification, err error) []string {
	if err != nil {
		return []string{string(jwterr.CodeOf(err))}
	}
	if res.Valid {
		return []string{hostileValid}
	}
	codes := strings.Split(errCodes(res.Errors), ",")
	if len(res.Errors) == 0 {
		codes = []string{"invalid, with no error"}
	}
	return codes
}

// hostileJoseVerdict is one line of hostile.mjs's answer.
type hostileJoseVerdict struct {
	Name        string `json:"name"`
	JoseAccepts bool   `json:"joseAccepts"`
	JoseError   string `json:"joseError"`
	JoseMessage string `json:"joseMessage"`
	KeyForm     string `json:"keyForm"`
	Verifier    string `json:"verifier"`
}

// hostileJoseVerdicts runs scripts/interop/hostile.mjs on the cases.
func hostileJoseVerdicts(t *testing.T, cases []hostileCase) []hostileJoseVerdict {
	t.Helper()
	dir := filepath.Join("..", "..", "scripts", "interop")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "jose")); err != nil {
		t.Fatalf("JOSE_INTEROP is set but jose is missing: run `npm ci --prefix scripts/interop` (%v)", err)
	}
	type joseCase struct {
		Name  string `json:"name"`
		Token string `json:"token"`
		Key   string `json:"key"`
		Alg   string `json:"alg"`
	}
	in := make([]joseCase, len(cases))
	for i, c := range cases {
		in[i] = joseCase{c.name, c.token, c.key, c.alg}
	}
	body, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(dir, "hostile.mjs"))
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hostile.mjs: %v\n%s", err, stderr.Bytes())
	}
	var vs []hostileJoseVerdict
	if err := json.Unmarshal(out, &vs); err != nil || len(vs) != len(cases) {
		t.Fatalf("hostile.mjs: %d verdicts for %d cases (%v):\n%s", len(vs), len(cases), err, out)
	}
	for i, v := range vs {
		if v.Name != cases[i].name {
			t.Fatalf("hostile.mjs: verdict %d is for %q, want %q", i, v.Name, cases[i].name)
		}
	}
	return vs
}

// signed makes a token of header and payload (both raw text), signed
// with key: HS256 for a []byte secret, RS256 for an RSA key.
func hostileSign(t *testing.T, header, payload string, key any) string {
	t.Helper()
	return hostileSignRaw(t, header, b64([]byte(payload)), key)
}

// hostileSignRaw is signed with the payload segment as written, for RFC 7797.
func hostileSignRaw(t *testing.T, header, payload string, key any) string {
	t.Helper()
	var method jwt.SigningMethod = jwt.SigningMethodHS256
	if _, ok := key.(*rsa.PrivateKey); ok {
		method = jwt.SigningMethodRS256
	}
	input := b64([]byte(header)) + "." + payload
	sig, err := method.Sign(input, key)
	if err != nil {
		t.Fatalf("signing %s: %v", header, err)
	}
	return input + "." + b64(sig)
}

// The example of RFC 7797 §4: its header, and its key as a JWK.
const (
	hostileRFC7797Header = `{"alg":"HS256","b64":false,"crit":["b64"]}`
	hostileRFC7797JWK    = `{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`
)

// hostileRFC7797Secret is the key of RFC 7797 §4.
func hostileRFC7797Secret(t *testing.T) []byte {
	t.Helper()
	var k struct{ K string }
	if err := json.Unmarshal([]byte(hostileRFC7797JWK), &k); err != nil {
		t.Fatal(err)
	}
	b, err := base64.RawURLEncoding.DecodeString(k.K)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hostilePKIX is the DER of pub's SubjectPublicKeyInfo.
func hostilePKIX(t *testing.T, pub *rsa.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// hostileSSHRSA is pub as an OpenSSH authorized_keys line (RFC 4253 §6.6).
func hostileSSHRSA(pub *rsa.PublicKey) string {
	var b []byte
	field := func(p []byte) {
		b = binary.BigEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	mpint := func(x *big.Int) {
		p := x.Bytes()
		if len(p) > 0 && p[0]&0x80 != 0 {
			p = append([]byte{0}, p...)
		}
		field(p)
	}
	field([]byte("ssh-rsa"))
	mpint(big.NewInt(int64(pub.E)))
	mpint(pub.N)
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(b) + " attacker@example"
}

// hostileRSA is an RSA key signed with by hand, since crypto/rsa refuses keys
// under 1024 bits and cannot make PSS signatures with an empty salt.
type hostileRSA struct{ n, d *big.Int }

// hostileRSAOf is k, to be signed with by hand.
func hostileRSAOf(k *rsa.PrivateKey) *hostileRSA { return &hostileRSA{k.N, k.D} }

// hostileSmallRSA makes an RSA key of exactly bits bits, which may be too few
// for crypto/rsa.
func hostileSmallRSA(t *testing.T, bits int) *hostileRSA {
	t.Helper()
	e := big.NewInt(65537)
	one := big.NewInt(1)
	for {
		p, err := rand.Prime(rand.Reader, bits/2)
		if err != nil {
			t.Fatal(err)
		}
		q, err := rand.Prime(rand.Reader, bits/2)
		if err != nil {
			t.Fatal(err)
		}
		n := new(big.Int).Mul(p, q)
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(e, phi)
		if p.Cmp(q) != 0 && n.BitLen() == bits && d != nil {
			return &hostileRSA{n, d}
		}
	}
}

// pem is the public key as SPKI PEM.
func (k *hostileRSA) pem(t *testing.T) string {
	t.Helper()
	return publicPEM(t, &rsa.PublicKey{N: k.n, E: 65537})
}

// hostileEncoding turns a SHA-256 digest into the message representative for a
// modulus of modBits bits (RFC 8017 §9).
type hostileEncoding func(digest []byte, modBits int) []byte

// sign makes a token of header and hostilePayload signed with k.
func (k *hostileRSA) sign(t *testing.T, header string, enc hostileEncoding) string {
	t.Helper()
	input := b64([]byte(header)) + "." + b64([]byte(hostilePayload))
	digest := sha256.Sum256([]byte(input))
	m := new(big.Int).SetBytes(enc(digest[:], k.n.BitLen()))
	s := new(big.Int).Exp(m, k.d, k.n)
	return input + "." + b64(s.FillBytes(make([]byte, (k.n.BitLen()+7)/8)))
}

// hostilePKCS1v15 is EMSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §9.2).
func hostilePKCS1v15(digest []byte, modBits int) []byte {
	prefix := []byte{0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}
	em := make([]byte, (modBits+7)/8)
	em[1] = 1
	tail := append(prefix, digest...)
	for i := 2; i < len(em)-len(tail)-1; i++ {
		em[i] = 0xff
	}
	copy(em[len(em)-len(tail):], tail)
	return em
}

// pss is EMSA-PSS with SHA-256, MGF1-SHA-256 and a zero salt of saltLen
// bytes (RFC 8017 §9.1.1).
func hostilePSS(saltLen int) hostileEncoding {
	return func(digest []byte, modBits int) []byte {
		emBits := modBits - 1
		emLen := (emBits + 7) / 8
		salt := make([]byte, saltLen)
		h := sha256.New()
		h.Write(make([]byte, 8))
		h.Write(digest)
		h.Write(salt)
		hash := h.Sum(nil)
		db := make([]byte, emLen-len(hash)-1)
		db[len(db)-saltLen-1] = 1
		copy(db[len(db)-saltLen:], salt)
		for i, m := range hostileMGF1(hash, len(db)) {
			db[i] ^= m
		}
		db[0] &= 0xff >> (8*emLen - emBits)
		return append(append(db, hash...), 0xbc)
	}
}

// hostileMGF1 is MGF1 with SHA-256 (RFC 8017 §B.2.1).
func hostileMGF1(seed []byte, n int) []byte {
	var out []byte
	for counter := uint32(0); len(out) < n; counter++ {
		h := sha256.New()
		h.Write(seed)
		h.Write(binary.BigEndian.AppendUint32(nil, counter))
		out = h.Sum(out)
	}
	return out[:n]
}

// hostileDERES256 signs hostilePayload with ES256, the signature written
// in ASN.1 DER (SEQUENCE of r and s) instead of r‖s.
func hostileDERES256(t *testing.T, priv *ecdsa.PrivateKey) string {
	t.Helper()
	input := b64([]byte(`{"alg":"ES256","typ":"JWT"}`)) + "." + b64([]byte(hostilePayload))
	h := sha256.Sum256([]byte(input))
	der, err := ecdsa.SignASN1(rand.Reader, priv, h[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(der)
}
