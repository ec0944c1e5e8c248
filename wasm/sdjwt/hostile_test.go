package sdjwt

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// TestHostile is the attacker's table: SD-JWTs that break each check of
// RFC 9901 §7, each refused with its code and, for a disclosure, its index.
// Each one's issuer signature is good: only the check at stake fails.
func TestHostile(t *testing.T) {
	given := disclosure("2GLC42sKQveCfGfryNRN9w", "given_name", "John")
	family := disclosure("eluV5Og3gSNII8EYnsxA_A", "family_name", "Doe")
	us := disclosure("lklxF5jMYlGTPUovMNIvCA", "US")
	cnf := `"cnf":{"jwk":` + holderPublic + `}`
	plain := func(payload string, discs ...string) string {
		return issuerJWT(t, payload) + "~" + strings.Join(append(discs, ""), "~")
	}
	withKB := func(payload string, discs []string, header string, edit func(map[string]any), key string) string {
		presented := plain(payload, discs...)
		claims := kbClaims(presented)
		if edit != nil {
			edit(claims)
		}
		return presented + kbJWT(t, header, claims, key)
	}
	const kbHeader = `{"alg":"ES256","typ":"kb+jwt"}`
	payloadKB := `{"_sd":["` + dig(given) + `"],` + cnf + `}`
	tests := []struct {
		name  string
		text  string
		nonce string // the nonce expected; "" expects none
		code  jwterr.Code
		index int // the disclosure at fault, or -1
	}{
		{"a digest twice in one _sd", plain(`{"_sd":["`+dig(given)+`","`+dig(given)+`"]}`, given), "", jwterr.SDDigestReused, -1},
		{"a digest in _sd and in an array", plain(`{"_sd":["`+dig(us)+`"],"n":[{"...":"`+dig(us)+`"}]}`, us), "", jwterr.SDDigestReused, -1},
		{"a digest inside a disclosure again", plain(`{"_sd":["`+dig(disclosure("s", "a", map[string]any{"_sd": []string{dig(given)}}))+`","`+dig(given)+`"]}`, disclosure("s", "a", map[string]any{"_sd": []string{dig(given)}}), given), "", jwterr.SDDigestReused, -1},
		{"a decoy digest twice", plain(`{"_sd":["` + dig("decoy") + `","` + dig("decoy") + `"]}`), "", jwterr.SDDigestReused, -1},
		{"a disclosure given twice", plain(`{"_sd":["`+dig(given)+`"]}`, given, given), "", jwterr.SDDisclosureReused, 1},
		{"the claim name _sd", plain(`{"_sd":["`+dig(disclosure("s", "_sd", []string{"x"}))+`"]}`, disclosure("s", "_sd", []string{"x"})), "", jwterr.SDReservedName, 0},
		{"the claim name ...", plain(`{"_sd":["`+dig(disclosure("s", "...", "x"))+`"]}`, disclosure("s", "...", "x")), "", jwterr.SDReservedName, 0},
		{"a name the object has", plain(`{"_sd":["`+dig(given)+`"],"given_name":"Mallory"}`, given), "", jwterr.SDNameExists, 0},
		{"a name two disclosures give", plain(`{"_sd":["`+dig(given)+`","`+dig(disclosure("t", "given_name", "Eve"))+`"]}`, given, disclosure("t", "given_name", "Eve")), "", jwterr.SDNameExists, 1},
		{"_sd_alg in upper case", plain(`{"_sd":["`+dig(given)+`"],"_sd_alg":"SHA-256"}`, given), "", jwterr.SDUnsupportedAlg, -1},
		{"_sd_alg md5", plain(`{"_sd_alg":"md5"}`), "", jwterr.SDUnsupportedAlg, -1},
		{"_sd_alg a number", plain(`{"_sd_alg":256}`), "", jwterr.SDUnsupportedAlg, -1},
		{"a disclosure not base64url", plain(`{}`, "WyJz+iJd"), "", jwterr.SDMalformed, 0},
		{"a disclosure with padding", plain(`{"_sd":["`+dig(given+"==")+`"]}`, given+"=="), "", jwterr.SDMalformed, 0},
		{"a disclosure not JSON", plain(`{}`, b64([]byte(`["s","a",`))), "", jwterr.SDMalformed, 0},
		{"a disclosure an object", plain(`{}`, b64([]byte(`{"salt":"s"}`))), "", jwterr.SDMalformed, 0},
		{"a disclosure of one element", plain(`{}`, disclosure("s")), "", jwterr.SDMalformed, 0},
		{"a disclosure of four elements", plain(`{}`, disclosure("s", "a", 1, 2)), "", jwterr.SDMalformed, 0},
		{"a salt that is a number", plain(`{}`, disclosure(1, "a", "b")), "", jwterr.SDMalformed, 0},
		{"a name that is a number", plain(`{}`, disclosure("s", 1, "b")), "", jwterr.SDMalformed, 0},
		{"an empty disclosure", plain(`{"_sd":["`+dig(given)+`"]}`, given, ""), "", jwterr.SDMalformed, 1},
		{"_sd not an array", plain(`{"_sd":"` + dig(given) + `"}`), "", jwterr.SDMalformed, -1},
		{"_sd holding a number", plain(`{"_sd":[1]}`), "", jwterr.SDMalformed, -1},
		{"... holding a number", plain(`{"n":[{"...":1}]}`), "", jwterr.SDMalformed, -1},
		{"a disclosure nobody refers to", plain(`{"_sd":["`+dig(given)+`"]}`, given, family), "", jwterr.SDUnreferenced, 1},
		{"an array element's disclosure in _sd", plain(`{"_sd":["`+dig(us)+`"]}`, us), "", jwterr.SDWrongKind, 0},
		{"a claim's disclosure in ...", plain(`{"n":[{"...":"`+dig(given)+`"}]}`, given), "", jwterr.SDWrongKind, 0},
		{"disclosures nested past the limit", deepChain(t, 70), "", jwterr.TooDeep, -1},
		{"a disclosed exp in the past", plain(`{"_sd":["`+dig(disclosure("s", "exp", 1))+`"]}`, disclosure("s", "exp", 1)), "", jwterr.TokenExpired, -1},
		{"the issuer's signature from another key", signJWT(t, `{"alg":"ES256"}`, `{"_sd":["`+dig(given)+`"]}`, otherPrivate) + "~" + given + "~", "", jwterr.SignatureInvalid, -1},
		{"an issuer JWT with alg none", signJWT(t, `{"alg":"none"}`, `{"_sd":["`+dig(given)+`"]}`, "") + "~" + given + "~", "", jwterr.AlgNone, -1},

		// Key binding (RFC 9901 §7.3).
		{"no key-binding JWT when a nonce is expected", plain(payloadKB, given), "n-0S6_WzA2Mj", jwterr.KBMissing, -1},
		{"typ JWT", withKB(payloadKB, []string{given}, `{"alg":"ES256","typ":"JWT"}`, nil, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
		{"typ in upper case", withKB(payloadKB, []string{given}, `{"alg":"ES256","typ":"KB+JWT"}`, nil, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
		{"no typ", withKB(payloadKB, []string{given}, `{"alg":"ES256"}`, nil, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
		{"signed by another key", withKB(payloadKB, []string{given}, kbHeader, nil, otherPrivate), "n-0S6_WzA2Mj", jwterr.SignatureInvalid, -1},
		{"signed with HS256", withKB(payloadKB, []string{given}, `{"alg":"HS256","typ":"kb+jwt"}`, nil, "a-shared-secret-of-32-bytes-long"), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
		{"alg none", withKB(payloadKB, []string{given}, `{"alg":"none","typ":"kb+jwt"}`, nil, ""), "n-0S6_WzA2Mj", jwterr.AlgNone, -1},
		{"a disclosure removed after signing", dropDisclosure(withKB(payloadKB, []string{given}, kbHeader, nil, holderPrivate), given), "n-0S6_WzA2Mj", jwterr.KBSDHashMismatch, -1},
		{"the wrong nonce", withKB(payloadKB, []string{given}, kbHeader, func(c map[string]any) { c["nonce"] = "replayed" }, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBNonceMismatch, -1},
		{"no nonce", withKB(payloadKB, []string{given}, kbHeader, func(c map[string]any) { delete(c, "nonce") }, holderPrivate), "", jwterr.KBInvalid, -1},
		{"no sd_hash", withKB(payloadKB, []string{given}, kbHeader, func(c map[string]any) { delete(c, "sd_hash") }, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
		{"another audience", withKB(payloadKB, []string{given}, kbHeader, func(c map[string]any) { c["aud"] = "https://evil.example" }, holderPrivate), "n-0S6_WzA2Mj", jwterr.InvalidAudience, -1},
		{"iat an hour ago", withKB(payloadKB, []string{given}, kbHeader, func(c map[string]any) { c["iat"] = testNow.Unix() - 3600 }, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBStale, -1},
		{"iat in an hour", withKB(payloadKB, []string{given}, kbHeader, func(c map[string]any) { c["iat"] = testNow.Unix() + 3600 }, holderPrivate), "n-0S6_WzA2Mj", jwterr.TokenUsedBeforeIssued, -1},
		{"no cnf", withKB(`{"_sd":["`+dig(given)+`"]}`, []string{given}, kbHeader, nil, holderPrivate), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
		{"a secret in cnf", withKB(`{"_sd":["`+dig(given)+`"],"cnf":{"jwk":{"kty":"oct","k":"c2VjcmV0"}}}`, []string{given}, `{"alg":"HS256","typ":"kb+jwt"}`, nil, "secret"), "n-0S6_WzA2Mj", jwterr.KBInvalid, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := VerifyOptions{Nonce: tt.nonce}
			opts.Key, opts.Now = issuerPublic, testNow
			if tt.nonce != "" {
				opts.Audience = []string{"https://verifier.example.org"}
			}
			v, err := Verify(tt.text, opts)
			if v.Valid {
				t.Fatalf("valid; want %s", tt.code)
			}
			all := v.Errors
			if err != nil {
				all = append(all, jwterr.From(err, jwterr.Internal))
			}
			i := slices.IndexFunc(all, func(e *jwterr.Error) bool { return e.Code == tt.code })
			if i < 0 {
				t.Fatalf("errors %v; want %s (%v)", codes(all), tt.code, all)
			}
			e := all[i]
			if tt.index >= 0 && (e.Index == nil || *e.Index != tt.index || e.Part != jwterr.PartDisclosure) {
				t.Errorf("%s points at part %q index %v; want disclosure %d", e.Code, e.Part, e.Index, tt.index)
			}
			if e.Message == "" {
				t.Error("no message")
			}
		})
	}
}

// deepChain is an SD-JWT whose disclosures nest n deep, each inside the
// one before.
func deepChain(t testing.TB, n int) string {
	var discs []string
	inner := disclosure("s", "leaf", true)
	discs = append(discs, inner)
	for i := 1; i < n; i++ {
		inner = disclosure("s", "level", map[string]any{"_sd": []string{dig(inner)}})
		discs = append(discs, inner)
	}
	b, _ := json.Marshal(map[string]any{"_sd": []string{dig(inner)}})
	return issuerJWT(t, string(b)) + "~" + strings.Join(discs, "~") + "~"
}

// dropDisclosure removes one disclosure from a presentation.
func dropDisclosure(text, disc string) string {
	return strings.Replace(text, "~"+disc+"~", "~", 1)
}
