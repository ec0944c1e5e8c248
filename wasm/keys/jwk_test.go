package keys_test

import (
	"bytes"
	"crypto"
	"math/big"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func TestParseJWK(t *testing.T) {
	k := newKeys(t)
	tests := []struct {
		name    string
		key     any
		typ     string
		public  crypto.PublicKey
		private bool
	}{
		{"RSA public", &k.rsa.PublicKey, "RSA", &k.rsa.PublicKey, false},
		{"RSA private", k.rsa, "RSA", &k.rsa.PublicKey, true},
		{"EC P-256 public", &k.p256.PublicKey, "EC", &k.p256.PublicKey, false},
		{"EC P-256 private", k.p256, "EC", &k.p256.PublicKey, true},
		{"EC P-384 public", &k.p384.PublicKey, "EC", &k.p384.PublicKey, false},
		{"EC P-384 private", k.p384, "EC", &k.p384.PublicKey, true},
		{"EC P-521 public", &k.p521.PublicKey, "EC", &k.p521.PublicKey, false},
		{"EC P-521 private", k.p521, "EC", &k.p521.PublicKey, true},
		{"OKP Ed25519 public", k.ed.Public(), "OKP", k.ed.Public(), false},
		{"OKP Ed25519 private", k.ed, "OKP", k.ed.Public(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := jsonText(t, with(jwkOf(t, tt.key), "kid", "k-1", "alg", "XX", "use", "sig"))
			if got := keys.Detect(text); got != keys.FormatJWK {
				t.Errorf("Detect = %q, want %q", got, keys.FormatJWK)
			}
			set, err := keys.Parse(text, "")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if set.Format != keys.FormatJWK || len(set.Keys) != 1 {
				t.Fatalf("Parse = format %q with %d keys, want jwk with 1", set.Format, len(set.Keys))
			}
			key := set.Keys[0]
			if key.Type != tt.typ {
				t.Errorf("Type = %q, want %q", key.Type, tt.typ)
			}
			if !publicEqual(key.Public, tt.public) {
				t.Errorf("Public is not the key the JWK was made from")
			}
			if got := key.Private != nil; got != tt.private {
				t.Fatalf("has private key = %v, want %v", got, tt.private)
			}
			if tt.private {
				if !publicEqual(key.Private.Public(), tt.public) {
					t.Errorf("Private does not belong to the public key")
				}
				if pe, ok := key.Private.(interface{ Equal(crypto.PrivateKey) bool }); !ok || !pe.Equal(tt.key) {
					t.Errorf("Private is not the key the JWK was made from")
				}
			}
			if key.Kid != "k-1" || key.Alg != "XX" || key.Use != "sig" || key.Source != "JWK" {
				t.Errorf("Kid, Alg, Use, Source = %q, %q, %q, %q; want k-1, XX, sig, JWK", key.Kid, key.Alg, key.Use, key.Source)
			}
		})
	}
}

func TestParseJWKOct(t *testing.T) {
	secret := []byte("a shared secret of 32 bytes!!!!!")
	tests := []struct {
		name string
		k    string
	}{
		{"unpadded", b64(secret)},
		{"padded", b64(secret) + "="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := parseOne(t, jsonText(t, map[string]any{"kty": "oct", "k": tt.k}))
			if key.Type != "oct" || !bytes.Equal(key.Secret, secret) {
				t.Errorf("Parse = %q key with secret %q, want oct with %q", key.Type, key.Secret, secret)
			}
			if key.Public != nil || key.Private != nil {
				t.Errorf("oct key has a public or private key")
			}
		})
	}
}

func TestParseJWKErrors(t *testing.T) {
	k := newKeys(t)
	rsaPub := jwkOf(t, &k.rsa.PublicKey)
	rsaPriv := jwkOf(t, k.rsa)
	p256 := jwkOf(t, &k.p256.PublicKey)
	p256Priv := jwkOf(t, k.p256)
	p256Other := jwkOf(t, k.p256b)
	p384 := jwkOf(t, &k.p384.PublicKey)
	ed := jwkOf(t, k.ed)
	edOther := jwkOf(t, k.ed2)

	x, _ := p256["x"].(string)
	y, _ := p256["y"].(string)
	short := b64(must64(t, x)[1:])
	// Changing y's last byte leaves a point that is not on the curve
	// (only one y, up to sign, goes with each x).
	badY := must64(t, y)
	badY[len(badY)-1] ^= 1
	badD := new(big.Int).Add(k.rsa.D, big.NewInt(2))

	tests := []struct {
		name string
		jwk  map[string]any
		want []string
	}{
		{"EC x one byte short", with(p256, "x", short), []string{"P-256", "must be 32 bytes each, not 31 and 32"}},
		{"EC y with a leading zero byte", with(p256, "y", b64(append([]byte{0}, must64(t, y)...))), []string{"not 32 and 33"}},
		{"EC P-384 coordinates on P-256", with(p384, "crv", "P-256"), []string{"must be 32 bytes each, not 48 and 48"}},
		{"EC point not on the curve", with(p256, "y", b64(badY)), []string{"P-256", "not on the curve"}},
		{"EC d of another key", with(p256Priv, "d", p256Other["d"]), []string{`"d" does not match`}},
		{"EC d of the wrong length", with(p256Priv, "d", b64([]byte{1, 2, 3})), []string{`"d" must be 32 bytes, not 3`}},
		{"EC unknown curve", with(p256, "crv", "P-192"), []string{`"P-192"`, "only P-256, P-384, P-521 and secp256k1"}},
		{"EC secp256k1 with a P-256 point", with(p256, "crv", "secp256k1"), []string{"secp256k1 JWK's point (x, y) is not on the curve"}},
		{"EC no crv", with(p256, "crv", nil), []string{`curve "crv" is ""`}},
		{"EC no x", with(p256, "x", nil), []string{`no "x" member`}},
		{"EC no y", with(p256, "y", nil), []string{`no "y" member`}},
		{"EC x not base64url", with(p256, "x", "a+b/"), []string{`"x" is not base64url`}},
		{"EC d not base64url", with(p256Priv, "d", "!!"), []string{`"d" is not base64url`}},
		{"OKP d of another key", with(ed, "d", edOther["d"]), []string{`"d" does not match its public "x"`}},
		{"OKP d too short", with(ed, "d", b64(make([]byte, 31))), []string{"d must be 32 bytes, not 31"}},
		{"OKP x too long", with(ed, "x", b64(make([]byte, 33)), "d", nil), []string{"x must be 32 bytes, not 33"}},
		{"OKP X25519", with(ed, "crv", "X25519", "d", nil), []string{`"X25519"`, "only Ed25519"}},
		{"OKP no x", with(ed, "x", nil, "d", nil), []string{`no "x" member`}},
		{"RSA no n", with(rsaPub, "n", nil), []string{`the RSA JWK has no "n" member`}},
		{"RSA no e", with(rsaPub, "e", nil), []string{`no "e" member`}},
		{"RSA n not base64url", with(rsaPub, "n", "abc*"), []string{`"n" is not base64url`}},
		{"RSA e too large", with(rsaPub, "e", b64([]byte{1, 0, 0, 0, 1})), []string{`"e" is too large`}},
		{"RSA even e", with(rsaPub, "e", b64([]byte{4})), []string{"exponent 4"}},
		{"RSA small modulus", with(rsaPub, "n", b64([]byte{0xc3, 0x55})), []string{"modulus of 16 bits"}},
		{"RSA private without p", with(rsaPriv, "p", nil), []string{`no "p" member`, "needs d, p and q"}},
		{"RSA private without q", with(rsaPriv, "q", nil), []string{`no "q" member`}},
		{"RSA private d not matching", with(rsaPriv, "d", b64(badD.Bytes())), []string{"not consistent"}},
		{"RSA private p and q swapped for d", with(rsaPriv, "p", rsaPriv["d"]), []string{"not consistent"}},
		{"oct no k", map[string]any{"kty": "oct"}, []string{`the oct JWK has no "k" member`}},
		{"oct k not base64url", map[string]any{"kty": "oct", "k": "a b"}, []string{`"k" is not base64url`}},
		{"no kty", with(p256, "kty", nil), []string{`no "kty" member`}},
		{"unknown kty", with(p256, "kty", "DSA"), []string{`"kty" is "DSA"`, `only "RSA", "EC", "OKP", "AKP" and "oct"`}},
		{"kty in lower case", with(p256, "kty", "ec"), []string{`"kty" is "ec"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(jsonText(t, tt.jwk), "")
			if set != nil {
				t.Errorf("Parse returned a set with its error")
			}
			checkError(t, err, jwterr.KeyInvalid, jwterr.PartKey, noOffset, tt.want...)
		})
	}
}

func must64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := keys.DecodeSecret(s, keys.Base64URL)
	if err != nil {
		t.Fatalf("decoding %q: %v", s, err)
	}
	return b
}

func TestParseJWKBadJSON(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		offset int
		want   []string
	}{
		{"trailing comma", `{"kty":"oct","k":"AAAA",}`, 24, []string{"the JWK is not valid JSON", "at offset 24"}},
		{"missing comma", `{"kty": "oct" "k": "AAAA"}`, 14, []string{"at offset 14"}},
		{"single quotes", `{'kty': 'oct'}`, 1, []string{"at offset 1"}},
		{"offset counts leading white space", "\n  {\"kty\":\"oct\",,}", 16, []string{"at offset 16"}},
		{"unclosed string", `{"kty":"oct}`, 12, []string{"unexpected end of JSON input"}},
		// For a value of the wrong type, the offset is encoding/json's:
		// after the literal, or after the [ or { that opens it.
		{"kty is a number", `{"kty": 1}`, 9, []string{`the JWK's "kty" must be a string, not a number`}},
		{"k is an array", `{"kty":"oct","k":["AAAA"]}`, 18, []string{`the JWK's "k" must be a string, not an array`}},
		{"n is null", `{"kty":"RSA","n":null,"e":"AQAB"}`, 21, []string{`the JWK's "n" must be a string, not null`}},
		{"key_ops holds a number", `{"kty":"oct","k":"AAAA","key_ops":["verify",1]}`, 35, []string{`the JWK's "key_ops" must be an array of strings`}},
		{"key_ops holds null", `{"kty":"oct","k":"AAAA","key_ops":[null]}`, 35, []string{`the JWK's "key_ops" must be an array of strings`}},
		{"ext is a string", `{"kty":"oct","k":"AAAA","ext":"true"}`, 36, []string{`the JWK's "ext" must be true or false, not a string`}},
		{"x5c is a string", `{"kty":"oct","k":"AAAA","x5c":"MII"}`, 35, []string{`the JWK's "x5c" must be an array of strings, not a string`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys.Detect(tt.text); got != keys.FormatJWK {
				t.Fatalf("Detect(%q) = %q, want jwk", tt.text, got)
			}
			_, err := keys.Parse(tt.text, "")
			checkError(t, err, jwterr.BadJSON, jwterr.PartKey, tt.offset, tt.want...)
		})
	}
}

func TestParseJWKS(t *testing.T) {
	k := newKeys(t)
	text := jwksText(t,
		with(jwkOf(t, &k.rsa.PublicKey), "kid", "rsa-1", "use", "sig"),
		with(jwkOf(t, &k.p256.PublicKey), "kid", "ec-1"),
		with(jwkOf(t, []byte("secret")), "kid", "hmac-1"),
		map[string]any{"kty": "OKP", "crv": "X25519", "kid": "x25519-1", "x": b64(make([]byte, 32))},
		map[string]any{"kty": "RSA", "kid": "broken"},
		map[string]any{"kty": "kyber", "kid": "pq-1"},
	)
	if got := keys.Detect(text); got != keys.FormatJWKS {
		t.Fatalf("Detect = %q, want %q", got, keys.FormatJWKS)
	}
	set, err := keys.Parse(text, "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if set.Format != keys.FormatJWKS {
		t.Errorf("Format = %q, want %q", set.Format, keys.FormatJWKS)
	}
	var kids []string
	for _, key := range set.Keys {
		kids = append(kids, key.Kid)
	}
	if got, want := strings.Join(kids, ","), "rsa-1,ec-1,hmac-1"; got != want {
		t.Errorf("kids = %s, want %s", got, want)
	}
	wantSkipped := []string{
		`key 3 (kid "x25519-1"): the OKP JWK's curve "crv" is "X25519"`,
		`key 4 (kid "broken"): the RSA JWK has no "n" member`,
		`key 5 (kid "pq-1"): the JWK's "kty" is "kyber"`,
	}
	if len(set.Skipped) != len(wantSkipped) {
		t.Fatalf("Skipped = %q, want %d notes", set.Skipped, len(wantSkipped))
	}
	for i, w := range wantSkipped {
		if !strings.HasPrefix(set.Skipped[i], w) {
			t.Errorf("Skipped[%d] = %q, want it to start with %q", i, set.Skipped[i], w)
		}
	}
}

func TestParseJWKSErrors(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		code   jwterr.Code
		offset int
		want   []string
	}{
		{"no keys", `{"keys": []}`, jwterr.KeyInvalid, noOffset, []string{"the JWKS has no keys"}},
		{"null keys", `{"keys": null}`, jwterr.BadJSON, 13, []string{`the JWKS's "keys" must be an array of JWKs, not null`}},
		// jose's createLocalJWKSet refuses such a set ("JSON Web Key Set malformed").
		{"a key that is not an object", `{"keys": [{"kty":"oct","k":"AAAA"}, "k"]}`, jwterr.BadJSON, 36, []string{"key 1 of the JWKS is a string, not a JSON object"}},
		{"no usable key", `{"keys": [{"kty": "EC", "kid": "a", "crv": "P-192"}, {"kty": "oct"}]}`, jwterr.KeyInvalid, noOffset,
			[]string{"no usable key", `key 0 (kid "a"): the EC JWK's curve`, `; key 1: the oct JWK has no "k" member`}},
		{"keys not an array", `{"keys": {"kty": "oct"}}`, jwterr.BadJSON, 10, []string{`the JWKS's "keys" must be an array of JWKs, not an object`}},
		{"invalid JSON", `{"keys": [{"kty": "oct"] }`, jwterr.BadJSON, 23, []string{"the JWKS is not valid JSON", "at offset 23"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys.Detect(tt.text); got != keys.FormatJWKS {
				t.Fatalf("Detect = %q, want jwks", got)
			}
			set, err := keys.Parse(tt.text, "")
			if set != nil {
				t.Errorf("Parse returned a set with its error")
			}
			checkError(t, err, tt.code, jwterr.PartKey, tt.offset, tt.want...)
		})
	}
}

// TestParseJWKExact: member names are case-sensitive and said once (RFC
// 7517 section 4); a reader that folds case or keeps the last duplicate
// would verify with a key the key panel does not show.
func TestParseJWKExact(t *testing.T) {
	k := newKeys(t)
	n := jwkOf(t, &k.rsa.PublicKey)["n"].(string)
	other := jwkOf(t, &k.rsa2.PublicKey)["n"].(string)
	real := `{"kty":"RSA","n":"` + n + `","e":"AQAB"}`
	realKey := `{"kty":"RSA","n":"` + n + `","e":"AQAB","kid":"a"}`
	tests := []struct {
		name   string
		text   string
		code   jwterr.Code
		offset int
		want   string
	}{
		{"n in upper case", `{"kty":"RSA","n":"` + n + `","e":"AQAB","N":"` + other + `"}`, jwterr.KeyInvalid, len(real) - 1 + 1,
			`the JWK has a member "N": member names are case-sensitive, so it is not "n"`},
		{"n twice", `{"kty":"RSA","n":"` + n + `","e":"AQAB","n":"` + other + `"}`, jwterr.KeyInvalid, len(real),
			`the JWK has the member "n" twice`},
		{"KTY", `{"KTY":"oct","kty":"oct","k":"AAAA"}`, jwterr.KeyInvalid, 1, `a member "KTY"`},
		{"k with a Kelvin sign", `{"kty":"oct","k":"AAAA","\u212a":"BBBB"}`, jwterr.KeyInvalid, 24, "a member \"\u212a\""},
		{"key_ops twice over", `{"kty":"oct","k":"AAAA","key_ops":["verify","verify"]}`, jwterr.KeyInvalid, 34, `"key_ops" lists "verify" twice`},
		{"oth", `{"kty":"RSA","n":"` + n + `","e":"AQAB","oth":[]}`, jwterr.KeyInvalid, len(real) + 6, `RSA keys of more than two primes`},
		{"KEYS beside keys", `{"keys":[` + realKey + `],"KEYS":[]}`, jwterr.KeyInvalid, len(realKey) + 11, `the JWKS has a member "KEYS"`},
		{"keys twice", `{"keys":[` + realKey + `],"keys":[]}`, jwterr.KeyInvalid, len(realKey) + 11, `the JWKS has the member "keys" twice`},
		{"KEYS alone", `{"KEYS":[` + realKey + `]}`, jwterr.KeyInvalid, 1, `the JWKS has a member "KEYS"`},
		{"a case variant in a key of the set", `{"keys":[` + realKey + `,{"kty":"oct","k":"AAAA","Kid":"a"}]}`, jwterr.KeyInvalid, len(realKey) + 34,
			`key 1 of the JWKS has a member "Kid"`},
		{"a duplicate in a key of the set", `{"keys":[{"kty":"oct","k":"AAAA","k":"BBBB"}]}`, jwterr.KeyInvalid, 33, `key 0 of the JWKS has the member "k" twice`},
		{"a number for n", `{"kty":"RSA","n":5,"e":"AQAB"}`, jwterr.BadJSON, 18, `the JWK's "n" must be a string, not a number`},
		{"a number for kid in a set", `{"keys":[{"kty":"oct","k":"AAAA","kid":7}]}`, jwterr.BadJSON, 40, `key 0 of the JWKS's "kid" must be a string, not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(tt.text, "")
			if set != nil {
				t.Errorf("Parse returned a set with its error")
			}
			checkError(t, err, tt.code, jwterr.PartKey, tt.offset, tt.want)
		})
	}
}

// TestParseJWKSPrivateWork: a JWKS of many private RSA keys, each of which
// costs a private-key operation to check, is refused before it takes
// seconds; as many as a real set holds are read.
func TestParseJWKSPrivateWork(t *testing.T) {
	k := newKeys(t)
	priv := jwkOf(t, k.rsa) // 2048 bits: 8 units of work each
	many := func(n int) string {
		ks := make([]any, n)
		for i := range ks {
			ks[i] = priv
		}
		return jwksText(t, ks...)
	}
	if set, err := keys.Parse(many(16), ""); err != nil || len(set.Keys) != 16 {
		t.Fatalf("Parse(16 private keys) = %v", err)
	}
	text := many(200)
	_, err := keys.Parse(text, "")
	checkError(t, err, jwterr.KeyInvalid, jwterr.PartKey, strings.Index(text, `{"d"`)+128*(len(jsonText(t, priv))+1),
		"more private RSA keys than can be checked quickly (key 128 and on)", "jose accepts no private key")
}
