package jwe

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

var dirKey = b64(bytes.Repeat([]byte{7}, 16))

// sealDir makes a token with any header over any plaintext, for dir and
// A128GCM with dirKey: what an attacker can send.
func sealDir(t testing.TB, header string, plain []byte) string {
	t.Helper()
	protected := b64([]byte(header))
	iv := randomBytes(12)
	ct, tag, err := gcmSeal(bytes.Repeat([]byte{7}, 16), iv, []byte(protected), plain)
	if err != nil {
		t.Fatal(err)
	}
	return protected + ".." + b64(iv) + "." + b64(ct) + "." + b64(tag)
}

// withHeader swaps a token's protected header for header (the tag then
// fails, but every check before it runs first).
func withHeader(tok, header string) string {
	parts := strings.Split(tok, ".")
	parts[0] = b64([]byte(header))
	return strings.Join(parts, ".")
}

func wantErr(t *testing.T, err error, code jwterr.Code, step string, words ...string) {
	t.Helper()
	e, ok := err.(*jwterr.Error)
	if !ok {
		t.Fatalf("err = %v (%T), want %s", err, err, code)
	}
	if e.Code != code || e.Step != step {
		t.Errorf("err = %s at step %q (%s), want %s at %q", e.Code, e.Step, e.Message, code, step)
	}
	for _, w := range words {
		if !strings.Contains(e.Message, w) {
			t.Errorf("message %q lacks %q", e.Message, w)
		}
	}
}

// TestParseRefuses: the compact form is read exactly.
func TestParseRefuses(t *testing.T) {
	good := sealDir(t, `{"alg":"dir","enc":"A128GCM"}`, []byte("hi"))
	parts := strings.Split(good, ".")
	for _, tc := range []struct {
		name, token string
		code        jwterr.Code
		words       []string
	}{
		{"four parts", strings.Join(parts[:4], "."), jwterr.Malformed, []string{"5 parts", "not 4"}},
		{"six parts", good + ".x", jwterr.Malformed, []string{"not 6"}},
		{"padding", parts[0] + ".." + parts[2] + "=." + parts[3] + "." + parts[4], jwterr.BadBase64, []string{"padding"}},
		{"standard base64", parts[0] + ".." + parts[2] + "." + parts[3] + "+." + parts[4], jwterr.BadBase64, []string{"standard base64"}},
		{"non-zero trailing bits", parts[0] + "..AB." + parts[3] + "." + parts[4], jwterr.BadBase64, []string{"trailing bits"}},
		{"empty header", "." + strings.Join(parts[1:], "."), jwterr.Malformed, []string{"empty"}},
		{"header not JSON", withHeader(good, `{"alg":"dir",`), jwterr.BadJSON, nil},
		{"header not an object", withHeader(good, `["alg"]`), jwterr.HeaderNotObject, nil},
		{"header not UTF-8", withHeader(good, "{\"alg\":\"dir\",\"enc\":\"\xff\"}"), jwterr.BadJSON, []string{"UTF-8"}},
		{"no alg", withHeader(good, `{"enc":"A128GCM"}`), jwterr.MissingAlg, nil},
		{"no enc", withHeader(good, `{"alg":"dir"}`), jwterr.MissingEnc, nil},
		{"Enc is not enc", withHeader(good, `{"alg":"dir","Enc":"A128GCM"}`), jwterr.MissingEnc, nil},
		{"over the size limit", strings.Repeat("a", limits.MaxTokenBytes+1), jwterr.TooLarge, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.token)
			wantErr(t, err, tc.code, "", tc.words...)
		})
	}
}

// TestDecryptRefuses: what a recipient must refuse, each before any key
// is used, with its code.
func TestDecryptRefuses(t *testing.T) {
	good := sealDir(t, `{"alg":"dir","enc":"A128GCM"}`, []byte("hi"))
	parts := strings.Split(good, ".")
	for _, tc := range []struct {
		name, token string
		code        jwterr.Code
		words       []string
	}{
		{"crit names an extension", sealDir(t, `{"alg":"dir","enc":"A128GCM","crit":["exp"],"exp":1}`, nil), jwterr.CritUnsupported, []string{`"exp"`}},
		{"crit names b64 (a JWS extension)", sealDir(t, `{"alg":"dir","enc":"A128GCM","crit":["b64"],"b64":false}`, nil), jwterr.CritUnsupported, nil},
		{"crit empty", sealDir(t, `{"alg":"dir","enc":"A128GCM","crit":[]}`, nil), jwterr.CritInvalid, []string{"empty array"}},
		{"crit names enc", sealDir(t, `{"alg":"dir","enc":"A128GCM","crit":["enc"]}`, nil), jwterr.CritInvalid, []string{"define themselves"}},
		{"unknown alg", withHeader(good, `{"alg":"RSA-OAEP-1024","enc":"A128GCM"}`), jwterr.UnsupportedAlg, nil},
		{"unknown enc", withHeader(good, `{"alg":"dir","enc":"A128CTR"}`), jwterr.UnsupportedAlg, nil},
		{"zip other than DEF", withHeader(good, `{"alg":"dir","enc":"A128GCM","zip":"GZIP"}`), jwterr.UnsupportedAlg, []string{"DEF"}},
		{"dir with an encrypted key", parts[0] + ".AAAA." + strings.Join(parts[2:], "."), jwterr.Malformed, []string{"must be empty"}},
		{"IV of the wrong size", parts[0] + "..AAAA." + parts[3] + "." + parts[4], jwterr.Malformed, []string{"initialization vector is 3 bytes"}},
		{"no tag", strings.Join(parts[:4], ".") + ".", jwterr.Malformed, []string{"tag"}},
		{"short tag", strings.Join(parts[:4], ".") + ".AAAA", jwterr.DecryptFailed, []string{"16"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decrypt(tc.token, dirKey, keys.Base64URL)
			wantErr(t, err, tc.code, map[bool]string{true: jwterr.StepTag}[tc.code == jwterr.DecryptFailed], tc.words...)
		})
	}
}

// TestDuplicateHeaderMembers: of duplicate members the last counts, in
// decrypt as in JSON.parse (and so in jose) and in the rest of the core.
func TestDuplicateHeaderMembers(t *testing.T) {
	tok := sealDir(t, `{"alg":"dir","enc":"A256GCM","enc":"A128GCM"}`, []byte("hi"))
	d, err := Decrypt(tok, dirKey, keys.Base64URL)
	if err != nil || d.Enc != "A128GCM" || d.Plaintext != "hi" {
		t.Fatalf("got %v %q %q", err, d.Enc, d.Plaintext)
	}
}

// TestInvalidCurve: an "epk" that is not on the recipient's curve is
// refused before any key agreement: points of small order on another
// curve would leak the static private key (the invalid-curve attack).
func TestInvalidCurve(t *testing.T) {
	p := pairFor(t, "ECDH-ES", "A128GCM", "P-256")
	tok, err := Encrypt(EncryptInput{Header: `{"alg":"ECDH-ES","enc":"A128GCM"}`, Payload: "x", Key: p.pub})
	if err != nil {
		t.Fatal(err)
	}
	// (x, y) = (1, 1) is not on P-256: y² ≠ x³ - 3x + b.
	one := b64(append(make([]byte, 31), 1))
	for _, tc := range []struct {
		name, epk string
		code      jwterr.Code
		words     []string
	}{
		{"off the curve", `{"kty":"EC","crv":"P-256","x":"` + one + `","y":"` + one + `"}`, jwterr.KeyInvalid, []string{"not a point on P-256", "invalid-curve"}},
		{"another curve", `{"kty":"EC","crv":"P-384","x":"` + one + `","y":"` + one + `"}`, jwterr.KeyInvalid, []string{"P-384", "one curve"}},
		{"short x", `{"kty":"EC","crv":"P-256","x":"AQ","y":"` + one + `"}`, jwterr.KeyInvalid, []string{"1 bytes"}},
		{"private member", `{"kty":"EC","crv":"P-256","x":"` + one + `","y":"` + one + `","d":"AQ"}`, jwterr.KeyInvalid, []string{`"d"`}},
		{"case variant", `{"kty":"EC","crv":"P-256","X":"` + one + `","x":"` + one + `","y":"` + one + `"}`, jwterr.KeyInvalid, []string{"case variant"}},
		{"duplicate", `{"kty":"EC","crv":"P-256","x":"` + one + `","x":"` + one + `","y":"` + one + `"}`, jwterr.KeyInvalid, []string{"twice"}},
		{"not an object", `"epk"`, jwterr.Malformed, []string{"JWK object"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decrypt(withHeader(tok, `{"alg":"ECDH-ES","enc":"A128GCM","epk":`+tc.epk+`}`), p.priv, "")
			wantErr(t, err, tc.code, "", tc.words...)
		})
	}
	t.Run("apu equals apv", func(t *testing.T) {
		var h map[string]json.RawMessage
		raw, _ := strict.DecodeString(strings.Split(tok, ".")[0])
		json.Unmarshal(raw, &h)
		_, err := Decrypt(withHeader(tok, `{"alg":"ECDH-ES","enc":"A128GCM","apu":"QQ","apv":"QQ","epk":`+string(h["epk"])+`}`), p.priv, "")
		wantErr(t, err, jwterr.Malformed, "", "equal")
	})
}

// TestPBES2Count: a count over MaxPBES2Count is too_large at once, before
// any PBKDF2 iteration; a count that is not a positive whole number is
// refused.
func TestPBES2Count(t *testing.T) {
	p := pairFor(t, "PBES2-HS256+A128KW", "A128GCM", "")
	tok, err := Encrypt(EncryptInput{Header: `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM"}`, Payload: "x", Key: p.pub})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p2c  string
		code jwterr.Code
	}{
		{"2000000000", jwterr.TooLarge},
		{"1000001", jwterr.TooLarge},
		{"1e300", jwterr.TooLarge},
		{"1e400", jwterr.TooLarge},
		{"0", jwterr.Malformed},
		{"-5", jwterr.Malformed},
		{"1.5", jwterr.Malformed},
		{`"1000"`, jwterr.Malformed},
	} {
		t.Run(tc.p2c, func(t *testing.T) {
			start := time.Now()
			_, err := Decrypt(withHeader(tok, `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":`+tc.p2c+`}`), p.priv, "")
			wantErr(t, err, tc.code, "")
			if time.Since(start) > 200*time.Millisecond {
				t.Errorf("took %v: the count was not refused before the work", time.Since(start))
			}
		})
	}
	t.Run("short salt", func(t *testing.T) {
		_, err := Decrypt(withHeader(tok, `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAA","p2c":1000}`), p.priv, "")
		wantErr(t, err, jwterr.Malformed, "", "at least 8")
	})
}

// TestZipBomb: a plaintext that inflates past the token size limit is
// refused as it streams.
func TestZipBomb(t *testing.T) {
	bomb := deflate(make([]byte, 64<<20))
	tok := sealDir(t, `{"alg":"dir","enc":"A128GCM","zip":"DEF"}`, bomb)
	_, err := Decrypt(tok, dirKey, keys.Base64URL)
	wantErr(t, err, jwterr.TooLarge, jwterr.StepDecompress, "inflates")
	_, err = Decrypt(sealDir(t, `{"alg":"dir","enc":"A128GCM","zip":"DEF"}`, []byte("not deflate")), dirKey, keys.Base64URL)
	wantErr(t, err, jwterr.DecryptFailed, jwterr.StepDecompress, "DEFLATE")
}

// TestRSA1_5NoOracle: an RSA1_5 encrypted key whose padding is wrong
// fails exactly as a wrong tag does (RFC 7516 §11.5): a different answer
// would be the oracle Bleichenbacher's attack needs.
func TestRSA1_5NoOracle(t *testing.T) {
	k := testkeys.Get(t)
	key := privPEM(t, k.RSA)
	cek := randomBytes(32)
	ek, err := rsa.EncryptPKCS1v15(rand.Reader, &k.RSA.PublicKey, cek)
	if err != nil {
		t.Fatal(err)
	}
	protected := b64([]byte(`{"alg":"RSA1_5","enc":"A128CBC-HS256"}`))
	iv := randomBytes(16)
	ct, tag, _ := ciphers["A128CBC-HS256"].seal(cek, iv, []byte(protected), []byte("secret"))
	tok := func(ek, tag []byte) string {
		return protected + "." + b64(ek) + "." + b64(iv) + "." + b64(ct) + "." + b64(tag)
	}
	d, err := Decrypt(tok(ek, tag), key, "")
	if err != nil || d.Plaintext != "secret" {
		t.Fatalf("the good token: %v %q", err, d.Plaintext)
	}
	badTag := append([]byte{tag[0] ^ 1}, tag[1:]...)
	_, tagErr := Decrypt(tok(ek, badTag), key, "")
	// Below the modulus (a leading zero byte) but never PKCS #1 v1.5
	// padded (the second byte must be 2): a random block would be at or
	// above the modulus about half the time, which anyone can tell
	// without the key, so it fails differently and rightly.
	junk := randomBytes(len(ek))
	junk[0], junk[1] = 0, 0
	_, padErr := Decrypt(tok(junk, tag), key, "")
	wantErr(t, tagErr, jwterr.DecryptFailed, jwterr.StepTag)
	if pe, te := padErr.(*jwterr.Error), tagErr.(*jwterr.Error); pe.Message != te.Message || pe.Step != te.Step || pe.Code != te.Code {
		t.Errorf("bad padding says %+v, a bad tag %+v: they must not differ", pe, te)
	}
	high := bytes.Repeat([]byte{0xff}, len(ek))
	_, highErr := Decrypt(tok(high, tag), key, "")
	wantErr(t, highErr, jwterr.DecryptFailed, jwterr.StepKeyManagement, "modulus")
}

// TestKeysRefused: the key must be the kind the alg needs, private to
// decrypt, for encryption by its JWK members, and never a public key
// taken as a secret.
func TestKeysRefused(t *testing.T) {
	k := testkeys.Get(t)
	rsaTok, err := Encrypt(EncryptInput{Header: `{"alg":"RSA-OAEP-256","enc":"A128GCM"}`, Payload: "x", Key: pubPEM(t, &k.RSA.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	ecTok, _ := Encrypt(EncryptInput{Header: `{"alg":"ECDH-ES","enc":"A128GCM"}`, Payload: "x", Key: pubPEM(t, &k.P256.PublicKey)})
	dirTok := sealDir(t, `{"alg":"dir","enc":"A128GCM"}`, []byte("x"))
	for _, tc := range []struct {
		name, token, key string
		code             jwterr.Code
		words            []string
	}{
		{"RSA public key to decrypt", rsaTok, pubPEM(t, &k.RSA.PublicKey), jwterr.KeyMismatch, []string{"private key", "only encrypts"}},
		{"EC public key to decrypt", ecTok, pubPEM(t, &k.P256.PublicKey), jwterr.KeyMismatch, []string{"P-256 private key"}},
		{"another RSA key", rsaTok, privPEM(t, k.RSA2), jwterr.DecryptFailed, []string{"not the key"}},
		{"public key as dir secret", dirTok, pubPEM(t, &k.RSA.PublicKey), jwterr.KeyMismatch, []string{"never used as a secret"}},
		{"secret of the wrong size", dirTok, "short", jwterr.KeyMismatch, []string{"exactly 16 bytes"}},
		{"JWK for signatures", rsaTok, jwkWith(t, privPEM(t, k.RSA), "use", "sig"), jwterr.KeyMismatch, []string{`"use"`}},
		{"JWK for another alg", rsaTok, jwkWith(t, privPEM(t, k.RSA), "alg", "RSA-OAEP"), jwterr.KeyMismatch, []string{"RSA-OAEP"}},
		{"Ed25519 for ECDH", ecTok, privPEM(t, k.Ed25519), jwterr.KeyMismatch, []string{"Ed25519"}},
		{"EC key on another curve", ecTok, privPEM(t, k.P384), jwterr.KeyInvalid, []string{"P-256", "P-384"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decrypt(tc.token, tc.key, "")
			step := ""
			if tc.code == jwterr.DecryptFailed {
				step = jwterr.StepKeyManagement
			}
			wantErr(t, err, tc.code, step, tc.words...)
		})
	}
	_, err = Encrypt(EncryptInput{Header: `{"alg":"RSA1_5","enc":"A128GCM"}`, Payload: "x", Key: pubPEM(t, &k.RSA.PublicKey)})
	wantErr(t, err, jwterr.UnsupportedAlg, "", "Bleichenbacher")
	_, err = Encrypt(EncryptInput{Header: `{"alg":"ECDH-ES","enc":"A128GCM","epk":{}}`, Payload: "x", Key: pubPEM(t, &k.P256.PublicKey)})
	wantErr(t, err, jwterr.BadInput, "", "fresh")
}

// jwkWith returns the key in pemText as a JWK with one member set.
func jwkWith(t *testing.T, pemText, name, value string) string {
	set, err := keys.Parse(pemText, "")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := set.Keys[0].JWK(true)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(raw, &m)
	m[name] = value
	out, _ := json.Marshal(m)
	return string(out)
}

// TestPBES2OnePassword: of a key set, a PBES2 token tries only the first
// fitting password, since each try may cost MaxPBES2Count iterations.
func TestPBES2OnePassword(t *testing.T) {
	tok, err := Encrypt(EncryptInput{Header: `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1000}`, Payload: "x", Key: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	set := `{"keys":[{"kty":"oct","k":"` + b64([]byte("wrong")) + `"},{"kty":"oct","k":"` + b64([]byte("pw")) + `"}]}`
	_, err = Decrypt(tok, set, "")
	wantErr(t, err, jwterr.DecryptFailed, jwterr.StepKeyManagement)
	set = `{"keys":[{"kty":"oct","k":"` + b64([]byte("pw")) + `"},{"kty":"oct","k":"` + b64([]byte("wrong")) + `"}]}`
	if d, err := Decrypt(tok, set, ""); err != nil || d.Plaintext != "x" {
		t.Errorf("the first password: %v", err)
	}
}
