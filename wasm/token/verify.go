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
}

// Verify checks a token's signature with opts.Key and its claims against
// opts. The error reports why the signature could not be checked at all
// (a malformed token, a missing or unfitting key); the Verification is
// still filled in as far as it goes, claims included.
func Verify(token string, opts VerifyOptions) (*Verification, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	v := &Verification{Errors: []*jwterr.Error{}, Warnings: []Warning{}}
	d, err := Decode(token)
	if err != nil {
		return v, err
	}
	v.Alg, v.Kid = d.Alg, d.Kid
	v.checkClaims(d, &opts)
	if d.Alg == "none" {
		v.Errors = append(v.Errors, jwterr.New(jwterr.AlgNone, "the token is unsecured (alg \"none\"): it has no signature to verify, so it proves nothing").In(jwterr.PartHeader))
		return v, nil
	}
	if err := v.checkSignature(d, &opts); err != nil {
		return v, err
	}
	v.Valid = v.SignatureValid && v.ClaimsValid
	return v, nil
}

func (v *Verification) checkClaims(d *Decoded, opts *VerifyOptions) {
	if d.claims == nil {
		v.Errors = append(v.Errors, jwterr.New(jwterr.ClaimInvalid, "the payload is not a JSON object, so it holds no claims to check").In(jwterr.PartPayload))
		return
	}
	errs := checkClaims(d.claims, opts)
	v.Errors = append(v.Errors, errs...)
	v.ClaimsValid = len(errs) == 0
}

// checkSignature tries each key that fits; in a key set without kids
// several can.
func (v *Verification) checkSignature(d *Decoded, opts *VerifyOptions) error {
	alg, cands, err := keysFor(d.Alg, d.Kid, opts.Key, opts.SecretEncoding, keys.Verify)
	if err != nil {
		return err
	}
	method := jwt.GetSigningMethod(alg.Name)
	for _, k := range cands {
		if method.Verify(d.signingInput, d.signature, k.VerifyingKey(alg)) == nil {
			v.SignatureValid = true
			v.Key = k.Label()
			v.noteKey(k)
			return nil
		}
	}
	msg := "the signature does not match: the token was changed after signing, or it was signed with another key"
	if len(cands) > 1 {
		msg = "the signature does not match any of the keys that fit " + alg.Name
	}
	v.Errors = append(v.Errors, jwterr.New(jwterr.SignatureInvalid, "%s", msg).In(jwterr.PartSignature))
	return nil
}

// keysFor reads the key text and picks the keys that can serve algName.
func keysFor(algName, kid, keyText string, enc keys.Encoding, purpose keys.Purpose) (keys.Algorithm, []*keys.Key, error) {
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
	cands, err := set.Select(alg, kid, purpose)
	return alg, cands, err
}

// noteKey warns about a key that verified but deserves a second look.
func (v *Verification) noteKey(k *keys.Key) {
	if k.Private != nil {
		v.Warnings = append(v.Warnings, Warning{"private_key", "a private key was given to verify: only its public half is used, but paste private keys only into pages you trust"})
	}
	if pub, ok := k.Public.(*rsa.PublicKey); ok && pub.N.BitLen() > limits.MaxRSABits {
		v.Warnings = append(v.Warnings, Warning{"large_rsa_key", fmt.Sprintf("the RSA key has %d bits, more than the usual %d at most: verifying is slow", pub.N.BitLen(), limits.MaxRSABits)})
	}
}
