package lint

import (
	"crypto/rsa"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func algNone(in *input, add func(Finding)) {
	if !strings.EqualFold(in.d.Alg, "none") {
		return
	}
	add(Finding{"alg_none", High,
		fmt.Sprintf("the token is unsecured (alg %q): it has no signature, so anyone can write it", in.d.Alg),
		"Reject alg none. Verify with an allow-list of the algorithms you expect, never the one the token names.",
		"RFC 8725 §3.1"})
}

// wellKnownSecrets are secrets from tutorials, samples and defaults, which
// attackers try first (jwt_tool and hashcat wordlists start with them).
var wellKnownSecrets = map[string]string{
	"secret": "", "secretkey": "", "secret_key": "", "secret-key": "", "mysecret": "", "my-secret": "",
	"my_secret": "", "supersecret": "", "topsecret": "", "s3cr3t": "", "secret123": "", "password": "",
	"changeme": "", "change-me": "", "jwt": "", "jwt_secret": "", "jwt-secret": "", "jwtsecret": "",
	"key": "", "test": "", "admin": "", "default": "", "123456": "", "qwerty": "", "shhhhh": "",
	"keyboard cat":                             "the express-session default",
	"your-256-bit-secret":                      "jwt.io's old sample secret",
	"your-384-bit-secret":                      "jwt.io's old sample secret",
	"your-512-bit-secret":                      "jwt.io's old sample secret",
	"a-string-secret-at-least-256-bits-long":   "jwt.io's sample secret",
	"a-playground-secret-of-at-least-32-bytes": "this playground's sample secret",
}

// keyStrength checks the key offered for an HMAC token: a public key is the
// algorithm-confusion attack; a short or well-known secret can be guessed.
func keyStrength(in *input, add func(Finding)) {
	alg, ok := keys.Lookup(in.d.Alg)
	if !ok || alg.Family != keys.HMAC || strings.TrimSpace(in.opts.Key) == "" {
		return
	}
	set, err := keys.Parse(in.opts.Key, in.opts.SecretEncoding)
	if err != nil {
		// Key text that looks like a key is refused as a secret, and so
		// is key text a key reader took but could not read: either way it
		// is a key someone might HMAC with.
		if jwterr.CodeOf(err) == jwterr.KeyMismatch || keys.Detect(in.opts.Key) != keys.FormatSecret {
			add(confusionFinding(fmt.Sprintf("the key text offered for %s is written as a key, not a secret (%s)", alg.Name, err)))
		}
		return
	}
	for _, k := range set.Keys {
		if k.Type != "oct" {
			add(confusionFinding(fmt.Sprintf("the key offered for %s is an %s key (%s)", alg.Name, k.Type, k.Source)))
			return
		}
	}
	secret := set.Keys[0].Secret
	if where, known := wellKnownSecrets[strings.ToLower(string(secret))]; known {
		if where == "" {
			where = "a common default"
		}
		add(Finding{"weak_secret", High,
			fmt.Sprintf("the secret is a well-known one (%s): attackers try such secrets first, and crack them in seconds", where),
			fmt.Sprintf("Use %d random bytes, e.g. from the Generate button, and keep them out of code.", alg.HashBits/8),
			"RFC 8725 §3.5"})
		return
	}
	if len(secret) < alg.HashBits/8 {
		add(Finding{"weak_secret", Medium,
			fmt.Sprintf("the secret is %d bytes, shorter than the %d bytes %s needs: a short secret can be brute-forced offline from one token", len(secret), alg.HashBits/8, alg.Name),
			fmt.Sprintf("Use at least %d random bytes (RFC 7518 §3.2).", alg.HashBits/8),
			"RFC 8725 §3.5"})
	}
}

// weakKey flags an RSA key offered for RS* or PS* that is smaller than RFC
// 7518 section 3.3 allows: verify still says whether it matches (under
// 1024 bits it refuses the key), but such a key can be factored.
func weakKey(in *input, add func(Finding)) {
	alg, ok := keys.Lookup(in.d.Alg)
	if !ok || (alg.Family != keys.RSA && alg.Family != keys.RSAPSS) || strings.TrimSpace(in.opts.Key) == "" {
		return
	}
	set, err := keys.Parse(in.opts.Key, in.opts.SecretEncoding)
	if err != nil {
		return
	}
	for _, k := range set.Keys {
		pub, ok := k.Public.(*rsa.PublicKey)
		if !ok || pub.N.BitLen() >= keys.WeakRSABits || (set.Format == keys.FormatJWKS && in.d.Kid != "" && k.Kid != in.d.Kid) {
			continue
		}
		severity, what := Medium, "verifies, but"
		if pub.N.BitLen() < keys.MinRSABits {
			severity, what = High, "is refused, and"
		}
		add(Finding{"weak_key", severity,
			fmt.Sprintf("the RSA key%s has %d bits, fewer than the %d %s requires: it %s such keys can be factored, so anyone could sign tokens with it (jose refuses them)", kidNote(k.Kid), pub.N.BitLen(), keys.WeakRSABits, alg.Name, what),
			fmt.Sprintf("Use an RSA key of %d bits or more (3072 for use beyond 2030), or an EC or Ed25519 key.", keys.WeakRSABits),
			"RFC 7518 §3.3"})
		return
	}
}

func kidNote(kid string) string {
	if kid == "" {
		return ""
	}
	return fmt.Sprintf(" (kid %q)", kid)
}

// confusionFinding reports key text offered as an HMAC secret.
func confusionFinding(what string) Finding {
	return Finding{"key_confusion", High,
		what + ": an HMAC secret must never be a public key, or anyone holding it can forge tokens (algorithm confusion)",
		"Bind each key to one algorithm, and refuse HS* tokens for keys that are RSA, EC or OKP keys.",
		"RFC 8725 §3.1, §2.1"}
}

func noExp(in *input, add func(Finding)) {
	if in.claims == nil {
		return
	}
	if _, ok := in.claims["exp"]; !ok {
		add(Finding{"no_exp", Medium,
			"the token has no exp claim: it never expires, so a stolen token works forever",
			"Set exp to a short lifetime: minutes for access tokens.",
			"RFC 7519 §4.1.4"})
	}
}

// claimTimes checks that exp, nbf and iat make sense together.
func claimTimes(in *input, add func(Finding)) {
	exp, hasExp := in.number("exp")
	iat, hasIat := in.number("iat")
	nbf, hasNbf := in.number("nbf")
	if hasExp && hasIat && exp-iat > 86400 {
		add(Finding{"long_lifetime", Low,
			fmt.Sprintf("the token lives %s (from iat to exp), more than a day", duration(exp-iat)),
			"Keep lifetimes short and use refresh tokens for long sessions.",
			"RFC 7519 §4.1.4"})
	}
	if hasExp && hasIat && exp < iat {
		add(Finding{"exp_before_iat", Medium,
			"exp is before iat: the token expired before it was issued",
			"Compute exp as iat plus the lifetime.",
			"RFC 7519 §4.1.4, §4.1.6"})
	}
	if hasIat && iat > in.now+60 {
		add(Finding{"iat_in_future", Medium,
			fmt.Sprintf("iat is %s in the future: the issuer's clock is wrong, or the token was forged", duration(iat-in.now)),
			"Check the issuer's clock; verifiers should reject tokens issued in the future beyond a small leeway.",
			"RFC 7519 §4.1.6"})
	}
	if hasNbf && hasExp && nbf >= exp {
		add(Finding{"nbf_after_exp", Medium,
			"nbf is not before exp: the token is never valid",
			"Set nbf to the issue time (or leave it out) and exp after it.",
			"RFC 7519 §4.1.5"})
	}
}

// millisecondTimes catches Date.now() used where seconds belong: the
// commonest JWT bug, which makes a token live for millennia.
func millisecondTimes(in *input, add func(Finding)) {
	for _, name := range []string{"exp", "nbf", "iat", "auth_time"} {
		if v, ok := in.number(name); ok && v > 1e11 && v < 1e16 {
			add(Finding{"exp_in_milliseconds", Medium,
				fmt.Sprintf("%s is %.0f, which looks like milliseconds: as seconds it is the year %.0f", name, v, 1970+v/(365.25*86400)),
				"NumericDate is seconds since 1970: divide by 1000 (Math.floor(Date.now() / 1000)).",
				"RFC 7519 §2"})
		}
	}
}

// sensitiveNames are claim names that hold secrets or personal data,
// lower case and without _ or -. (Plain string checks here and below: the
// regexp package would add half a megabyte to the wasm.)
var sensitiveNames = map[string]bool{
	"password": true, "passwd": true, "passphrase": true, "pass": true, "secret": true,
	"clientsecret": true, "apikey": true, "privatekey": true, "accesskey": true, "secretkey": true,
	"ssn": true, "socialsecurity": true, "socialsecuritynumber": true, "creditcard": true,
	"creditcardnumber": true, "cardnumber": true, "ccnumber": true, "cvv": true, "cvc": true,
}

// maxSensitiveName is the length of the longest of sensitiveNames: a name
// longer once its separators are left out cannot be one of them.
const maxSensitiveName = len("socialsecuritynumber")

// separators are left out of names before they are compared; built once,
// since building a Replacer costs more than using it.
var separators = strings.NewReplacer("_", "", "-", "")

// sensitiveName reports whether name, in lower case and without _ or -,
// is one of sensitiveNames. It runs for every member at every depth, so an
// ASCII name is folded into a buffer on the stack, allocating nothing; any
// other goes through strings.ToLower, which folds "K" (the Kelvin sign) to
// "k" as well.
func sensitiveName(name string) bool {
	var buf [maxSensitiveName]byte
	n := 0
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= utf8.RuneSelf:
			return sensitiveNames[separators.Replace(strings.ToLower(name))]
		case c == '_' || c == '-':
		case n == len(buf):
			return false
		default:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
		}
	}
	return sensitiveNames[string(buf[:n])]
}

// looksLikeSSN matches a US social security number: 123-45-6789.
func looksLikeSSN(s string) bool {
	if len(s) != 11 || s[3] != '-' || s[6] != '-' {
		return false
	}
	return allDigits(s[:3]) && allDigits(s[4:6]) && allDigits(s[7:])
}

// looksLikeCard matches 13 to 19 digits, optionally grouped by single
// spaces or dashes, as payment card numbers are written.
func looksLikeCard(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case (c == ' ' || c == '-') && i > 0 && i < len(s)-1 && isDigit(s[i-1]) && isDigit(s[i+1]):
		default:
			return false
		}
	}
	return digits >= 13 && digits <= 19
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// sensitiveClaims flags claims that look like secrets or personal data a
// token should not carry: anyone holding a JWS can read its payload.
func sensitiveClaims(in *input, add func(Finding)) {
	found := 0
	walk(in.d.Payload, func(path *memberPath, name string, v any) {
		reason := ""
		s, isString := v.(string)
		switch {
		case sensitiveName(name):
			reason = "its name"
		case isString && strings.Contains(s, "PRIVATE KEY-----"):
			reason = "it holds a private key"
		case isString && looksLikeSSN(s):
			reason = "it looks like a social security number"
		case isString && looksLikeCard(s) && luhn(s):
			reason = "it looks like a payment card number"
		}
		if reason == "" || found >= 5 {
			return
		}
		found++
		add(Finding{"sensitive_claim", High,
			fmt.Sprintf("the claim %q looks sensitive (%s): a signed token is not encrypted, and anyone holding it can read the payload", path.String(), reason),
			"Keep secrets and personal data out of tokens; send a reference, or encrypt the token (JWE).",
			"RFC 7519 §12"})
	})
}

func headerKeyURL(in *input, add func(Finding)) {
	for _, name := range []string{"jku", "x5u"} {
		if u, ok := in.header[name].(string); ok {
			add(Finding{"header_key_url", Medium,
				fmt.Sprintf("the header names a key URL (%s: %s): a verifier that fetches it on trust lets the token choose its own key (key injection), and can be made to fetch internal URLs (SSRF)", name, u),
				"Ignore " + name + ", or accept only URLs on an allow-list you configured.",
				"RFC 8725 §3.10"})
		}
	}
}

func embeddedJWK(in *input, add func(Finding)) {
	if _, ok := in.header["jwk"]; ok {
		add(Finding{"embedded_jwk", Medium,
			"the token carries its own key (jwk): a verifier that uses it accepts a token anyone signed with their own key",
			"Verify only with keys you configured; use the embedded key only when it matches one of them.",
			"RFC 7515 §4.1.3, RFC 8725 §3.10"})
	}
}

// embeddedX5C reports a certificate chain the token carries (RFC 7515
// §4.1.6). Like jwk, it is whatever the signer chose to put there: a key
// taken from it proves nothing until the chain is validated against trust
// anchors the verifier holds. Verify never reads it: only a key given as
// the key is used (the page's "Use the x5c certificate" says the key came
// from the token, and that a certificate is not validated).
func embeddedX5C(in *input, add func(Finding)) {
	x5c, ok := in.header["x5c"]
	if !ok {
		return
	}
	shape := ""
	if list, isList := x5c.([]any); !isList || len(list) == 0 {
		shape = " (and it is not the non-empty array of base64 DER certificates RFC 7515 §4.1.6 requires)"
	}
	add(Finding{"embedded_x5c", Medium,
		"the token carries its own certificate chain (x5c)" + shape + ": a verifier that takes the key from it without validating the chain against trust anchors it configured accepts a token anyone signed with a certificate they made themselves",
		"Verify only with keys you configured. If you use x5c, validate the chain to a root you pinned (RFC 5280: signatures, expiry, name, revocation) before trusting its key.",
		"RFC 7515 §4.1.6, RFC 8725 §3.10"})
}

// kidAttack reports a kid that tries path traversal, SQL, or command
// injection against servers that look keys up by kid.
func kidAttack(kid string) bool {
	if strings.Contains(kid, "..") || strings.Contains(kid, "--") || strings.ContainsAny(kid, "/\\'\";|$`\x00") {
		return true
	}
	fields := strings.Fields(strings.ToLower(kid))
	for _, f := range fields[:max(len(fields)-1, 0)] { // a keyword followed by more
		switch f {
		case "union", "select", "or", "and":
			return true
		}
	}
	return false
}

func suspiciousKid(in *input, add func(Finding)) {
	kid, ok := in.header["kid"].(string)
	if !ok || !kidAttack(kid) {
		return
	}
	add(Finding{"suspicious_kid", High,
		fmt.Sprintf("the kid %q holds path or SQL characters: a server that uses kid to read a key file or query a database can be tricked into using a key the attacker knows", kid),
		"Treat kid as untrusted: look it up in a fixed table of keys, never in a path or a query.",
		"RFC 8725 §3.10"})
}

// unknownCrit repeats what decoding found wrong with the header's crit and
// b64 (RFC 7515 §4.1.11, RFC 7797 §6): the very reading by which Verify
// refuses the token, so that the advice and the verdict cannot disagree.
func unknownCrit(in *input, add func(Finding)) {
	for _, w := range in.d.Warnings {
		if w.Code == string(jwterr.CritUnsupported) || w.Code == string(jwterr.CritInvalid) {
			add(critFinding(w.Message))
		}
	}
}

func critFinding(msg string) Finding {
	return Finding{"unknown_crit", Medium, msg,
		"List in crit only extensions every verifier implements, and reject tokens whose crit you do not understand.",
		"RFC 7515 §4.1.11"}
}

func duplicateMembers(in *input, add func(Finding)) {
	for _, part := range []struct {
		name string
		raw  []byte
	}{{"header", in.d.Header}, {"payload", in.d.Payload}} {
		for _, dup := range duplicates(part.raw) {
			add(Finding{"duplicate_member", High,
				fmt.Sprintf("the %s has the member %q more than once: the playground uses the last one, as JSON.parse and Go do, but some parsers take the first, so two services can read different values from one token (an expired exp hiding a later one, alg none beside HS256)", part.name, dup),
				"Reject JSON with duplicate member names, as RFC 7515 §4 allows; issuers must never write them.",
				"RFC 7515 §4, RFC 7519 §4"})
		}
	}
}

func noncanonicalBase64(in *input, add func(Finding)) {
	for _, w := range in.d.Warnings {
		if w.Code == "noncanonical_base64" {
			add(Finding{"noncanonical_base64", Low, w.Message,
				"Encode with base64url without padding, as RFC 7515 requires; strict libraries refuse other spellings.",
				"RFC 7515 §2, Appendix C"})
		}
	}
}

func unexpectedTyp(in *input, add func(Finding)) {
	typ, ok := in.header["typ"].(string)
	if !ok {
		return
	}
	t := strings.ToLower(strings.TrimPrefix(strings.ToLower(typ), "application/"))
	if t == "jwt" || strings.HasSuffix(t, "+jwt") {
		return
	}
	add(Finding{"unexpected_typ", Low,
		fmt.Sprintf("typ is %q: verifiers that check typ expect JWT (or at+jwt for access tokens, or another +jwt type)", typ),
		"Set typ to JWT, or to the explicit type your profile defines (at+jwt, secevent+jwt, …).",
		"RFC 8725 §3.11"})
}
