package token

import (
	"crypto/rsa"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// VerifyOptions say which key to verify with and how to check the claims.
type VerifyOptions struct {
	// Key is an HMAC secret, PEM, a JWK or a JWKS.
	Key            string
	SecretEncoding keys.Encoding
	// Now is the time claims are checked at; zero means the current time.
	Now time.Time
	// Leeway is how much clock skew exp, nbf and iat forgive.
	Leeway time.Duration
	// Issuer and Audience, when set, must match iss and aud.
	Issuer   string
	Audience []string
	// KeyOrigin says where Key came from ("" is OriginTyped), and
	// KeyOriginDetail where exactly (a URL, the header parameter): the
	// verification's Provenance states them.
	KeyOrigin       KeyOrigin
	KeyOriginDetail string
}

// Verification is the outcome of verifying a token. Signature and claims are
// judged separately, so that "expired, but the signature is fine" can be said.
type Verification struct {
	Valid          bool            `json:"valid"`
	SignatureValid bool            `json:"signatureValid"`
	ClaimsValid    bool            `json:"claimsValid"`
	Alg            string          `json:"alg"`
	Kid            string          `json:"kid"`
	Errors         []*jwterr.Error `json:"errors"`
	// Warnings are notes about the key that do not change the verdict.
	Warnings []Warning `json:"warnings"`
	// Key says which key verified the signature ("JWK (kid …)").
	Key string `json:"key,omitempty"`
	// Provenance says where the key came from, and what a signature that
	// matches it proves; nil when no key was given.
	Provenance *Provenance `json:"provenance,omitempty"`
}

// Verify checks a token's signature with opts.Key and its claims against
// opts. The error reports why the signature could not be checked at all
// (a malformed token, a missing or unfitting key); the Verification is
// still filled in as far as it goes, claims included.
func Verify(token string, opts VerifyOptions) (*Verification, error) {
	p, err := BeginVerify(token, opts)
	if c := p.Check(); c != nil {
		return p.Finish(c.Run()), err
	}
	return p.Finish(NoMatch), err
}

// NoMatch is the index Finish takes when no key matched the signature.
const NoMatch = -1

// SignatureCheck is the one step of a verification that can be done
// elsewhere, such as by the browser's WebCrypto: does Signature over
// SigningInput match one of Keys under Alg? Everything else (which keys
// fit, algorithm confusion, the claims) is decided before it.
type SignatureCheck struct {
	Alg          keys.Algorithm
	SigningInput string
	Signature    []byte
	// Keys are the candidates, in the order to try them.
	Keys []*keys.Key
}

// Run does the check with golang-jwt, the reference the others must agree
// with, and returns the index of the key that matched, or NoMatch.
func (c *SignatureCheck) Run() int {
	method := verifier(c.Alg)
	for i, k := range c.Keys {
		if method.Verify(c.SigningInput, c.Signature, k.VerifyingKey(c.Alg)) == nil {
			return i
		}
	}
	return NoMatch
}

// verifier returns golang-jwt's method for alg, made strict for RSA-PSS:
// golang-jwt verifies PS256/384/512 with any salt length
// (rsa.PSSSaltLengthAuto), but RFC 7518 section 3.5 fixes it at the hash's
// size, and jose and WebCrypto accept no other. The method signs that way
// already; now it verifies that way too.
func verifier(alg keys.Algorithm) jwt.SigningMethod {
	m := jwt.GetSigningMethod(alg.Name)
	if pss, ok := m.(*jwt.SigningMethodRSAPSS); ok {
		strict := *pss
		strict.VerifyOptions = pss.Options
		return &strict
	}
	return m
}

// PendingVerification is a verification waiting for its signature check.
type PendingVerification struct {
	v     *Verification
	check *SignatureCheck
	// fitting counts the keys that fit, the check's and any left out.
	fitting int
	// secretText and encoding are the HMAC secret as typed, kept to tell
	// a signature that fails which other encoding it matches under; empty
	// when the key was not secret text (a JWK "oct" has no encoding).
	secretText string
	encoding   keys.Encoding
}

// BeginVerify does all of Verify but the signature check, which Check
// describes and Finish completes. The error is Verify's.
func BeginVerify(token string, opts VerifyOptions) (*PendingVerification, error) {
	p, err := newPending(&opts)
	if err != nil {
		return p, err
	}
	d, err := Decode(token)
	if err != nil {
		return p, err
	}
	p.v.Alg, p.v.Kid = d.Alg, d.Kid
	p.v.checkClaims(d, &opts)
	return p, p.begin(signed{alg: d.Alg, kid: d.Kid, refusal: d.refusal, input: d.signingInput, signature: d.signature}, &opts)
}

// newPending starts a verification: its clock, and its provenance when a
// key is given.
func newPending(opts *VerifyOptions) (*PendingVerification, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	p := &PendingVerification{v: &Verification{Errors: []*jwterr.Error{}, Warnings: []Warning{}}}
	prov, err := NewProvenance(opts.KeyOrigin, opts.KeyOriginDetail)
	if err != nil {
		return p, err
	}
	if err := checkAudienceOption(opts.Audience); err != nil {
		return p, err
	}
	if strings.TrimSpace(opts.Key) != "" {
		p.v.Provenance = prov
	}
	return p, nil
}

// signed is one signature as a verifier sees it, whatever the
// serialization: compact tokens have one, JWS JSON one or more.
type signed struct {
	alg, kid string
	// refusal is why the signature must be refused unchecked ("crit", "b64").
	refusal   *jwterr.Error
	input     string
	signature []byte
}

// begin is the one path every signature takes to its check: alg "none" is
// never verified, a refused header is refused, and only keys that fit alg
// (never public-key text as a secret) are tried. The error is why the
// signature cannot be checked at all.
func (p *PendingVerification) begin(s signed, opts *VerifyOptions) error {
	if s.alg == "none" {
		p.v.Errors = append(p.v.Errors, jwterr.New(jwterr.AlgNone, "the token is unsecured (alg \"none\"): it has no signature to verify, so it proves nothing").In(jwterr.PartHeader))
		return nil
	}
	if s.refusal != nil {
		return s.refusal
	}
	alg, choice, err := chooseKeys(s.alg, s.kid, opts.Key, opts.SecretEncoding, keys.Verify)
	if err != nil {
		return err
	}
	p.v.noteChoice(choice, alg)
	p.check = &SignatureCheck{Alg: alg, SigningInput: s.input, Signature: s.signature, Keys: choice.Keys}
	p.fitting = choice.Fitting
	if alg.Family == keys.HMAC && choice.Format == keys.FormatSecret {
		p.secretText, p.encoding = opts.Key, opts.SecretEncoding
	}
	return nil
}

// Check is the signature check still to do, or nil when there is none:
// the token is unsecured, or it could not get that far.
func (p *PendingVerification) Check() *SignatureCheck { return p.check }

// Finish records the check's outcome, the index of the key that matched
// or NoMatch, and returns the verification. Without a check it returns
// the verification as it stands.
func (p *PendingVerification) Finish(match int) *Verification {
	v, c := p.v, p.check
	if c == nil {
		return v
	}
	p.check = nil // a second Finish must not add a second verdict
	if match >= 0 && match < len(c.Keys) {
		k := c.Keys[match]
		v.SignatureValid = true
		v.Key = keyLabel(k)
		v.noteKey(k)
	} else {
		msg := "the signature does not match: the token was changed after signing, or it was signed with another key"
		switch {
		case p.fitting > len(c.Keys):
			msg = fmt.Sprintf("the signature does not match any of the %d keys tried of the %d that fit %s", len(c.Keys), p.fitting, c.Alg.Name)
		case len(c.Keys) > 1:
			msg = "the signature does not match any of the keys that fit " + c.Alg.Name
		}
		// A DER signature is no sign of a changed token or another key:
		// the error says what it is, and der_signature says so to code.
		if der, ok := derHint(c); ok {
			msg = der
			v.Warnings = append(v.Warnings, Warning{"der_signature", der})
		}
		v.Errors = append(v.Errors, jwterr.New(jwterr.SignatureInvalid, "%s", msg).In(jwterr.PartSignature))
		p.hint(c)
	}
	v.Valid = v.SignatureValid && v.ClaimsValid
	return v
}

// hint adds a warning when an HMAC signature that did not match matches
// with the secret read under another encoding than the one chosen
// (secret_encoding). It is a guess about the person's mistake, so the
// error stays as it is, and so does the verdict.
func (p *PendingVerification) hint(c *SignatureCheck) {
	if c.Alg.Family != keys.HMAC || p.secretText == "" {
		return
	}
	if msg, ok := secretHint(c, p.secretText, p.encoding); ok {
		p.v.Warnings = append(p.v.Warnings, Warning{"secret_encoding", msg})
	}
}

func (v *Verification) checkClaims(d *Decoded, opts *VerifyOptions) {
	if d.unencoded {
		v.checkUnencoded(opts)
		return
	}
	if d.nested {
		v.checkNested(opts)
		return
	}
	claims := d.checkedClaims()
	if claims == nil {
		v.Errors = append(v.Errors, jwterr.New(jwterr.ClaimInvalid, "the payload is not a JSON object, so it holds no claims to check").In(jwterr.PartPayload))
		return
	}
	errs := checkClaims(claims, opts)
	v.Errors = append(v.Errors, errs...)
	v.ClaimsValid = len(errs) == 0
}

// checkUnencoded judges the claims of an RFC 7797 unencoded payload: it is
// text, not a claims set, so there is nothing to check but an issuer or
// audience that was asked for, which it cannot have.
func (v *Verification) checkUnencoded(opts *VerifyOptions) {
	const why = `the payload is unencoded text ("b64": false), not a claims set, so it has no %q to match`
	before := len(v.Errors)
	if opts.Issuer != "" {
		v.Errors = append(v.Errors, jwterr.New(jwterr.InvalidIssuer, why, "iss").In(jwterr.PartPayload))
	}
	if len(opts.Audience) > 0 {
		v.Errors = append(v.Errors, jwterr.New(jwterr.InvalidAudience, why, "aud").In(jwterr.PartPayload))
	}
	v.ClaimsValid = len(v.Errors) == before
	v.Warnings = append(v.Warnings, Warning{"unencoded_payload", `the payload is unencoded ("b64": false, RFC 7797): the signature covers it as written; it is text, not claims, so exp, nbf and iat were not checked`})
}

// checkNested judges the outer level of a nested JWT: its payload is a
// token, whose own verification checks the claims, so only an issuer or
// audience that was asked for is judged here, and fails: the outer level has
// none, and a verdict must not say they matched unchecked.
func (v *Verification) checkNested(opts *VerifyOptions) {
	const why = `the payload is a nested token ("cty": "JWT"), not a claims set, so this level has no %q to match: verify the inner token`
	before := len(v.Errors)
	if opts.Issuer != "" {
		v.Errors = append(v.Errors, jwterr.New(jwterr.InvalidIssuer, why, "iss").In(jwterr.PartPayload))
	}
	if len(opts.Audience) > 0 {
		v.Errors = append(v.Errors, jwterr.New(jwterr.InvalidAudience, why, "aud").In(jwterr.PartPayload))
	}
	v.ClaimsValid = len(v.Errors) == before
	v.Warnings = append(v.Warnings, Warning{"nested", `the payload is a nested JWT ("cty": "JWT", RFC 7519 §5.2): this level's signature covers the inner token, whose own signature and claims (exp, nbf, iat) must be verified too`})
}

// keysFor reads the key text and picks the keys that can serve algName.
func keysFor(algName, kid, keyText string, enc keys.Encoding, purpose keys.Purpose) (keys.Algorithm, []*keys.Key, error) {
	alg, c, err := chooseKeys(algName, kid, keyText, enc, purpose)
	if err != nil {
		return alg, nil, err
	}
	return alg, c.Keys, nil
}

// chooseKeys reads the key text and chooses the keys that can serve
// algName, saying how many fitted.
func chooseKeys(algName, kid, keyText string, enc keys.Encoding, purpose keys.Purpose) (keys.Algorithm, *keys.Choice, error) {
	alg, ok := keys.Lookup(algName)
	if !ok {
		return alg, nil, jwterr.New(jwterr.UnsupportedAlg, "alg %s is not supported; the playground knows %s", jwterr.Clip(algName), strings.Join(keys.Algorithms(), ", ")).In(jwterr.PartHeader)
	}
	if alg.Family != keys.HMAC && keys.Detect(keyText) == keys.FormatSecret && strings.TrimSpace(keyText) != "" {
		return alg, nil, jwterr.New(jwterr.KeyMismatch, "%s needs a public or private key as PEM or JWK; the key box holds plain text, which only HMAC (HS256, HS384, HS512) uses, as a secret", alg.Name).In(jwterr.PartKey)
	}
	set, err := keys.Parse(keyText, enc)
	if err != nil {
		return alg, nil, err
	}
	c, err := set.Choose(alg, kid, purpose)
	return alg, c, err
}

// noteChoice warns, before any signature is checked, when a key set
// offered several keys: jose refuses such a set unless its caller tries
// each key (JWKSMultipleMatchingKeys), and some may not be tried at all.
func (v *Verification) noteChoice(c *keys.Choice, alg keys.Algorithm) {
	if c.Fitting > len(c.Keys) {
		v.Warnings = append(v.Warnings, Warning{"keys_not_tried", fmt.Sprintf("%d keys of the set fit %s: only the first %d were tried, and %d were not; give the token a kid, or the set fewer keys", c.Fitting, alg.Name, len(c.Keys), c.Fitting-len(c.Keys))})
	} else if c.Format == keys.FormatJWKS && c.Fitting > 1 {
		v.Warnings = append(v.Warnings, Warning{"several_keys", fmt.Sprintf("%d keys of the set fit %s, and each was tried; jose's createLocalJWKSet refuses such a set (JWKSMultipleMatchingKeys) unless its caller tries each", c.Fitting, alg.Name)})
	}
}

// noteKey warns about a key that verified but deserves a second look.
func (v *Verification) noteKey(k *keys.Key) {
	if k.Private != nil {
		v.Warnings = append(v.Warnings, Warning{"private_key", "a private key was given to verify: only its public half is used, but paste private keys only into pages you trust"})
	}
	if pub, ok := k.Public.(*rsa.PublicKey); ok && pub.N.BitLen() > limits.MaxRSABits {
		v.Warnings = append(v.Warnings, Warning{"large_rsa_key", fmt.Sprintf("the RSA key has %d bits, more than the usual %d at most: verifying is slow", pub.N.BitLen(), limits.MaxRSABits)})
	}
	if pub, ok := k.Public.(*rsa.PublicKey); ok && pub.N.BitLen() < keys.WeakRSABits {
		v.Warnings = append(v.Warnings, Warning{"weak_key", fmt.Sprintf("the RSA key has %d bits, fewer than the %d RFC 7518 section 3.3 asks for: such keys can be factored with enough computing power, and jose refuses them", pub.N.BitLen(), keys.WeakRSABits)})
	}
}
