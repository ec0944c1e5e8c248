package jwe

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/internal/utf8text"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// Step is one step of decryption (RFC 7516 §5.2), as it went.
type Step struct {
	// Step is jwterr.StepKeyManagement, StepTag, StepContent or
	// StepDecompress.
	Step string `json:"step"`
	// Method is how the key management step got the content key:
	// "decrypt" (RSA), "unwrap", "derive", "derive+unwrap" or "direct".
	Method string `json:"method,omitempty"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// Decrypted is a JWE and what its key revealed.
type Decrypted struct {
	*Token
	// Plaintext is the decrypted (and inflated) content as text; bytes
	// that are not UTF-8 read as U+FFFD, and Binary says so.
	Plaintext string `json:"plaintext"`
	Binary    bool   `json:"binary,omitempty"`
	// Payload is the plaintext when it is JSON, else null.
	Payload json.RawMessage `json:"payload"`
	// Key says which key decrypted, and how it was read.
	Key   string `json:"key,omitempty"`
	Steps []Step `json:"steps"`
	// Nested is true when the plaintext is a compact token (JWS or JWE) and
	// the header's cty says JWT, or the plaintext has a token's shape: a
	// signed-then-encrypted token, to be decoded and verified on its own.
	Nested bool `json:"nestedToken"`
}

// Decrypt reads a compact JWE and decrypts it with the key in keyText
// (PEM, JWK, JWKS picked by kid, or a secret or PBES2 password in enc).
// The result holds what was read even when an error is returned; a
// decryption failure's Step names the step at fault, and Steps tell what
// was done up to there.
func Decrypt(text, keyText string, enc keys.Encoding) (*Decrypted, error) {
	t, err := Parse(text)
	d := &Decrypted{Token: t, Steps: []Step{}}
	if err != nil {
		return d, err
	}
	if t.refusal != nil {
		return d, t.refusal
	}
	m, c, err := lookup(t.Alg, t.Enc)
	if err != nil {
		return d, err
	}
	if err := t.checkShape(m, c); err != nil {
		return d, err
	}
	ks, format, err := readKeys(keyText, enc)
	if err != nil {
		return d, err
	}
	cands, err := choose(ks, format, t.Kid, t.Alg, t.Enc, m, c, forDecrypt)
	if err != nil {
		return d, err
	}
	if _, isPBES2 := m.(pbes2); isPBES2 {
		// Each try costs up to MaxPBES2Count iterations: a JWKS of eight
		// passwords would take eight times that, so only the first is tried.
		cands = cands[:1]
	}
	var first error
	for _, k := range cands {
		steps, plain, err := t.decryptWith(k, m, c)
		if err == nil {
			d.Steps, d.Key = steps, k.Label()
			d.setPlaintext(plain)
			return d, nil
		}
		if first == nil {
			first, d.Steps = err, steps
		}
	}
	return d, first
}

// checkShape refuses parts of the wrong size for the algorithms, before
// any key is used.
func (t *Token) checkShape(m keyManager, c contentCipher) error {
	shape := func(format string, args ...any) error {
		return jwterr.New(jwterr.Malformed, format, args...).In(jwterr.PartToken)
	}
	direct := m.method() == "direct" || m.method() == "derive"
	switch {
	case direct && len(t.encryptedKey) > 0:
		return shape("with alg %s the encrypted key part must be empty (RFC 7518 §4.5, §4.6), but it holds %d bytes", t.Alg, len(t.encryptedKey))
	case !direct && len(t.encryptedKey) == 0:
		return shape("with alg %s the encrypted key part holds the encrypted content key, but it is empty", t.Alg)
	case len(t.iv) != c.ivSize():
		return shape("the initialization vector is %d bytes, but %s's is %d", len(t.iv), t.Enc, c.ivSize())
	case len(t.tag) == 0:
		return shape("the authentication tag part is empty: an encrypted token must carry its tag")
	}
	return nil
}

// decryptWith runs the steps of RFC 7516 §5.2 with one key.
func (t *Token) decryptWith(k *Key, m keyManager, c contentCipher) ([]Step, []byte, error) {
	var steps []Step
	fail := func(step, method string, err error) ([]Step, []byte, error) {
		return append(steps, Step{Step: step, Method: method, Detail: err.Error()}), nil, err
	}
	cek, err := m.decryptKey(t, k, c)
	if err != nil {
		return fail(jwterr.StepKeyManagement, m.method(), err)
	}
	steps = append(steps, Step{jwterr.StepKeyManagement, m.method(), true, keyDetail(t.Alg, m.method(), k)})
	plain, err := c.open(cek, t.iv, t.aad, t.ciphertext, t.tag)
	if err != nil {
		step := jwterr.StepTag
		if e, ok := err.(*jwterr.Error); ok && e.Step != "" {
			step = e.Step
		}
		if step == jwterr.StepContent {
			steps = append(steps, Step{Step: jwterr.StepTag, OK: true, Detail: "the authentication tag matches"})
		}
		return fail(step, "", err)
	}
	steps = append(steps,
		Step{Step: jwterr.StepTag, OK: true, Detail: fmt.Sprintf("the %d-byte authentication tag matches: the header, IV and ciphertext are as they were encrypted", len(t.tag))},
		Step{Step: jwterr.StepContent, OK: true, Detail: fmt.Sprintf("%s decrypted %d bytes of ciphertext into %d bytes", t.Enc, len(t.ciphertext), len(plain))})
	if t.Zip == "DEF" {
		inflated, err := inflate(plain)
		if err != nil {
			return fail(jwterr.StepDecompress, "", err)
		}
		steps = append(steps, Step{Step: jwterr.StepDecompress, OK: true, Detail: fmt.Sprintf("inflated %d bytes into %d (zip: DEF)", len(plain), len(inflated))})
		plain = inflated
	}
	return steps, plain, nil
}

// keyDetail says what the key management step did.
func keyDetail(alg, method string, k *Key) string {
	what := map[string]string{
		"decrypt":       "the content key decrypted with",
		"unwrap":        "the content key unwrapped with",
		"derive":        "the content key derived by key agreement with",
		"derive+unwrap": "a key-wrapping key derived from, and the content key unwrapped with,",
		"direct":        "the content key is",
	}[method]
	return fmt.Sprintf("%s: %s %s", alg, what, k.Label())
}

// setPlaintext keeps the plaintext as text, its JSON, and whether it is a
// nested token.
func (d *Decrypted) setPlaintext(plain []byte) {
	if !utf8.Valid(plain) {
		d.Plaintext, d.Binary = utf8text.Decode(plain), true
		return
	}
	d.Plaintext = string(plain)
	if len(plain) > 0 && jsonv.Valid(plain, limits.MaxJSONDepth) {
		d.Payload = plain
	}
	cty := d.Cty
	ctyJWT := strings.EqualFold(cty, "JWT") || strings.EqualFold(cty, "application/jwt")
	d.Nested = IsCompactToken(strings.TrimSpace(d.Plaintext)) && (ctyJWT || d.Payload == nil)
}

// IsCompactToken reports whether text has the shape of a compact JWS (three
// parts) or JWE (five): base64url parts separated by periods, the first not
// empty. Only the shape: a nested token is decoded and verified on its own.
// wasm/token asks it too, so that both readers call the same text a token.
func IsCompactToken(text string) bool {
	parts := strings.Split(text, ".")
	if len(parts) != 3 && len(parts) != 5 || parts[0] == "" {
		return false
	}
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			if c := p[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
