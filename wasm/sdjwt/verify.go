package sdjwt

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/numdate"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// KeyBindingType is the "typ" a key-binding JWT must have (RFC 9901 §4.3).
const KeyBindingType = "kb+jwt"

// MaxKeyBindingAge is how old a key-binding JWT's "iat" may be (plus the
// leeway): it proves the holder signed for this verifier just now, so an
// old one is a replay. RFC 9901 §7.3 leaves the window to the verifier.
const MaxKeyBindingAge = 5 * time.Minute

// VerifyOptions say how to verify an SD-JWT. The embedded token options
// verify the issuer-signed JWT (Key, Issuer and the times), except
// Audience, which applies to the key-binding JWT (an SD-JWT's issuer
// rarely names its verifiers; the holder does, per presentation).
type VerifyOptions struct {
	token.VerifyOptions
	// Nonce is the nonce the key-binding JWT must hold.
	Nonce string
	// RequireKeyBinding refuses an SD-JWT without a key-binding JWT.
	// Giving Nonce or Audience requires one too: they can only be met
	// there.
	RequireKeyBinding bool
}

// Verification is the outcome of verifying an SD-JWT: the issuer-signed
// JWT's (signature, and claims checked on the processed payload), the
// §7 checks of the disclosures, and the key binding.
type Verification struct {
	*token.Verification
	// KeyBinding says whether there is a key-binding JWT;
	// KeyBindingValid whether it passed every check.
	KeyBinding      bool `json:"keyBinding"`
	KeyBindingValid bool `json:"keyBindingValid"`
	// DisclosuresValid is true when RFC 9901 §7.1's checks all pass.
	DisclosuresValid bool `json:"disclosuresValid"`
	// Processed is the payload as the verifier sees it.
	Processed json.RawMessage `json:"processed"`
}

// Verify checks everything of an SD-JWT: the issuer's signature with
// opts.Key (any algorithm of keys.Algorithms), the claims of the processed payload,
// every check of RFC 9901 §7.1, and the key-binding JWT (§7.3): its typ,
// its signature with the key in the issuer JWT's cnf, its sd_hash over the
// presentation, its iat, aud and nonce. Valid is true only when all pass.
// The error is why the SD-JWT could not be checked at all.
func Verify(text string, opts VerifyOptions) (*Verification, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	v := &Verification{Verification: &token.Verification{Errors: []*jwterr.Error{}, Warnings: []token.Warning{}}}
	d, err := Decode(text)
	if err != nil {
		return v, err
	}
	issuerOpts := opts.VerifyOptions
	issuerOpts.Audience = nil
	iv, sigErr := token.Verify(d.IssuerJWT, issuerOpts)
	v.Verification = iv
	// The issuer JWT's own payload holds the digests, not the claims: its
	// claims are judged below, on the processed payload.
	v.Errors = slices.DeleteFunc(v.Errors, func(e *jwterr.Error) bool { return e.Part == jwterr.PartPayload })
	v.Processed = d.Processed
	v.Errors = append(v.Errors, d.Errors...)
	v.DisclosuresValid = len(d.Errors) == 0
	v.ClaimsValid = false
	if d.processed != nil {
		claimErrs := token.CheckClaims(d.processed, issuerOpts)
		for _, e := range claimErrs {
			v.Errors = append(v.Errors, e.In(jwterr.PartPayload))
		}
		v.ClaimsValid = len(claimErrs) == 0
	}
	v.checkKeyBinding(d, &opts)
	needKB := opts.RequireKeyBinding || opts.Nonce != "" || len(opts.Audience) > 0
	v.Valid = v.SignatureValid && v.ClaimsValid && v.DisclosuresValid && (v.KeyBindingValid || !v.KeyBinding && !needKB)
	return v, sigErr
}

// checkKeyBinding checks the key-binding JWT, or its absence.
func (v *Verification) checkKeyBinding(d *Decoded, opts *VerifyOptions) {
	v.KeyBinding = d.KeyBindingJWT != ""
	if !v.KeyBinding {
		if opts.RequireKeyBinding || opts.Nonce != "" || len(opts.Audience) > 0 {
			v.Errors = append(v.Errors, jwterr.New(jwterr.KBMissing, "the SD-JWT has no key-binding JWT (it ends with ~), so it does not show that the holder presents it: a nonce or audience was expected").In(jwterr.PartKeyBinding))
		}
		return
	}
	if d.KeyBinding == nil || d.KeyBinding.Alg == "" {
		return // Decode already reported why it cannot be read
	}
	errs := keyBindingErrors(d, opts)
	for _, e := range errs {
		v.Errors = append(v.Errors, e.In(jwterr.PartKeyBinding))
	}
	v.KeyBindingValid = len(errs) == 0
}

// keyBindingErrors are the failures of the key-binding JWT (RFC 9901
// §7.3); none means it is valid.
func keyBindingErrors(d *Decoded, opts *VerifyOptions) []*jwterr.Error {
	kb := d.KeyBinding
	var errs []*jwterr.Error
	header, _ := parseObject(kb.Header)
	if typ, _ := header["typ"].(string); typ != KeyBindingType {
		errs = append(errs, jwterr.New(jwterr.KBInvalid, `the key-binding JWT's "typ" must be %q (RFC 9901 §4.3), not %s`, KeyBindingType, describeMember(header, "typ")))
	}
	if alg, ok := keys.Lookup(kb.Alg); ok && alg.Family == keys.HMAC {
		return append(errs, jwterr.New(jwterr.KBInvalid, "the key-binding JWT is signed with %s, a shared secret: it must be signed with the holder's private key", kb.Alg))
	}
	jwk, err := confirmationKey(d.processed)
	if err != nil {
		return append(errs, err)
	}
	kbOpts := token.VerifyOptions{Key: jwk, Now: opts.Now, Leeway: opts.Leeway, Audience: opts.Audience}
	res, sigErr := token.Verify(d.KeyBindingJWT, kbOpts)
	if sigErr != nil {
		e := jwterr.From(sigErr, jwterr.KBInvalid)
		errs = append(errs, jwterr.New(e.Code, "the key-binding JWT with the key in the issuer JWT's cnf: %s", e.Message))
	}
	for _, e := range res.Errors {
		errs = append(errs, jwterr.New(e.Code, "the key-binding JWT: %s", e.Message))
	}
	claims, _ := parseObject(kb.Payload)
	return append(errs, kbClaimErrors(claims, d, opts)...)
}

// confirmationKey is the holder's public key, the JWK in the issuer JWT's
// "cnf" (RFC 7800), as key text for keys.Parse.
func confirmationKey(claims map[string]any) (string, *jwterr.Error) {
	cnf, ok := claims["cnf"].(map[string]any)
	if !ok {
		return "", jwterr.New(jwterr.KBInvalid, `the issuer-signed JWT has no "cnf" object, so there is no holder key to check the key-binding JWT with`)
	}
	jwk, ok := cnf["jwk"].(map[string]any)
	if !ok {
		return "", jwterr.New(jwterr.KBInvalid, `the issuer-signed JWT's "cnf" has no "jwk" object; the playground checks key binding with a cnf.jwk only`)
	}
	// A symmetric key in cnf would be known to every verifier, who could
	// then forge the holder's key binding.
	if kty, _ := jwk["kty"].(string); kty != "EC" && kty != "RSA" && kty != "OKP" {
		return "", jwterr.New(jwterr.KBInvalid, `"cnf.jwk" must be a public key (kty EC, RSA or OKP), not kty %s`, describeMember(jwk, "kty"))
	}
	b, _ := json.Marshal(jwk)
	return string(b), nil
}

// kbClaimErrors checks the key-binding JWT's own claims: iat recent, aud
// and nonce present (and nonce as expected), sd_hash over the presentation.
func kbClaimErrors(claims map[string]any, d *Decoded, opts *VerifyOptions) []*jwterr.Error {
	var errs []*jwterr.Error
	for _, name := range []string{"iat", "aud", "nonce", "sd_hash"} {
		if _, ok := claims[name]; !ok {
			errs = append(errs, jwterr.New(jwterr.KBInvalid, "the key-binding JWT has no %q claim, which RFC 9901 §4.3 requires", name))
		}
	}
	if iat, ok := claims["iat"].(json.Number); ok {
		f, _ := strconv.ParseFloat(iat.String(), 64)
		age := numdate.Seconds(opts.Now) - f
		if age > (MaxKeyBindingAge + opts.Leeway).Seconds() {
			errs = append(errs, jwterr.New(jwterr.KBStale, "the key-binding JWT was made %s (iat %s), more than %v before now: it may be a replay", numdate.Relative(-age), numdate.Format(f), MaxKeyBindingAge))
		}
	}
	if nonce, present := claims["nonce"]; present {
		if s, ok := nonce.(string); !ok {
			errs = append(errs, jwterr.New(jwterr.KBInvalid, `the key-binding JWT's "nonce" must be a string, not %s`, token.DescribeJSON(nonce)))
		} else if opts.Nonce != "" && s != opts.Nonce {
			errs = append(errs, jwterr.New(jwterr.KBNonceMismatch, "the key-binding JWT's nonce is %s, not the expected %s", jwterr.Clip(s), jwterr.Clip(opts.Nonce)))
		}
	}
	if got, present := claims["sd_hash"]; present {
		want := digest(d.SDAlg, d.presented)
		if s, _ := got.(string); s != want {
			errs = append(errs, jwterr.New(jwterr.KBSDHashMismatch, "the key-binding JWT's sd_hash is %s, but the presentation's %s digest is %s: disclosures were added, removed or changed after the holder signed", token.DescribeJSON(got), d.SDAlg, want))
		}
	}
	return errs
}

// digest is the base64url digest of text under the SD-JWT's algorithm.
func digest(alg, text string) string {
	newHash, ok := hashes[alg]
	if !ok {
		return ""
	}
	h := newHash()
	h.Write([]byte(text))
	return b64(h.Sum(nil))
}

func parseObject(b []byte) (map[string]any, bool) {
	v, _ := parseJSON(b)
	m, ok := v.(map[string]any)
	return m, ok
}

func describeMember(m map[string]any, name string) string {
	v, ok := m[name]
	if !ok {
		return "missing"
	}
	return token.DescribeJSON(v)
}
