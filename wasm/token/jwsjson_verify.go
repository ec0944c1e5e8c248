package token

import (
	"fmt"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// The statuses of one signature of a JWS JSON.
const (
	// StatusVerified: the key fits the signature, and it matches.
	StatusVerified = "verified"
	// StatusInvalid: the key fits, but the signature does not match it.
	StatusInvalid = "invalid"
	// StatusNoKey: no key was given, or a key set has none with its kid.
	StatusNoKey = "no_key"
	// StatusKeyMismatch: the key cannot serve the signature's alg (another
	// type), so the signature was not checked.
	StatusKeyMismatch = "key_mismatch"
	// StatusRefused: the signature is refused whatever the key: unreadable,
	// alg "none", a "crit" or alg the playground cannot honour.
	StatusRefused = "refused"
)

// JSONVerification is the outcome of verifying a JWS JSON: a verdict for
// each signature, and one for the whole. The whole is verified only when a
// signature the key fits matches it: a signature the key does not fit is
// never counted, whatever it holds.
type JSONVerification struct {
	Form string `json:"form"`
	// Valid is SignatureValid and ClaimsValid.
	Valid          bool `json:"valid"`
	SignatureValid bool `json:"signatureValid"`
	ClaimsValid    bool `json:"claimsValid"`
	// VerifiedBy lists the signatures that verified, by index.
	VerifiedBy []int `json:"verifiedBy"`
	// Alg, Kid and Key are those of the first signature that verified, or
	// Alg and Kid of the first signature when none did.
	Alg        string              `json:"alg"`
	Kid        string              `json:"kid"`
	Key        string              `json:"key,omitempty"`
	Signatures []*SignatureVerdict `json:"signatures"`
	// Errors are the claims' failures, checked once on the shared payload,
	// and why no signature verified.
	Errors []*jwterr.Error `json:"errors"`
	// Warnings are the payload's, and those of the signatures that
	// verified (the key's, and headers not covered by the signature).
	Warnings   []Warning   `json:"warnings"`
	Provenance *Provenance `json:"provenance,omitempty"`
}

// SignatureVerdict is the verdict on one signature of a JWS JSON.
type SignatureVerdict struct {
	Index          int    `json:"index"`
	Alg            string `json:"alg"`
	Kid            string `json:"kid"`
	Status         string `json:"status"`
	SignatureValid bool   `json:"signatureValid"`
	// Key names the key that verified it.
	Key string `json:"key,omitempty"`
	// Unprotected names the header members the signature does not cover.
	Unprotected []string        `json:"unprotected"`
	Errors      []*jwterr.Error `json:"errors"`
	Warnings    []Warning       `json:"warnings"`
}

// VerifyJSON verifies a JWS in the JSON serialization with opts.Key: each
// signature as a compact token's signature is verified (alg "none" never,
// "crit" and "b64" as RFC 7515 and 7797 say, only keys that fit its alg,
// weak keys warned about), and the claims once, on the shared payload. The
// error, as Verify's, says why no signature could be checked at all.
func VerifyJSON(text string, opts VerifyOptions) (*JSONVerification, error) {
	v := &JSONVerification{VerifiedBy: []int{}, Signatures: []*SignatureVerdict{}, Errors: []*jwterr.Error{}, Warnings: []Warning{}}
	whole, err := newPending(&opts)
	v.Provenance = whole.v.Provenance
	if err != nil {
		return v, err
	}
	d, err := DecodeJSON(text)
	v.Form = d.Form
	if err != nil {
		return v, err
	}
	claims := whole.v
	claims.checkClaims(d.payload, &opts)
	v.ClaimsValid = claims.ClaimsValid
	v.Errors = append(v.Errors, claims.Errors...)
	v.Warnings = append(v.Warnings, claims.Warnings...)
	for _, s := range d.Signatures {
		sv := verifySignature(s, opts)
		v.Signatures = append(v.Signatures, sv)
		if sv.SignatureValid {
			v.VerifiedBy = append(v.VerifiedBy, s.Index)
			v.Warnings = append(v.Warnings, prefixed(s.Index, sv.Warnings)...)
		}
	}
	return v, v.conclude()
}

// verifySignature takes one signature down the path compact tokens take.
func verifySignature(s *JSONSignature, opts VerifyOptions) *SignatureVerdict {
	sv := &SignatureVerdict{Index: s.Index, Alg: s.Alg, Kid: s.Kid, Unprotected: s.Unprotected, Errors: []*jwterr.Error{}, Warnings: []Warning{}}
	if s.Error != nil {
		sv.Status, sv.Errors = StatusRefused, append(sv.Errors, s.Error)
		return sv
	}
	p, _ := newPending(&opts) // the provenance was read by the caller
	err := p.begin(s.signed, &opts)
	if c := p.Check(); c != nil {
		p.Finish(c.Run())
	}
	sv.Errors = append(sv.Errors, p.v.Errors...)
	if err != nil {
		sv.Errors = append(sv.Errors, jwterr.From(err, jwterr.Internal))
	}
	sv.Warnings = append(sv.Warnings, p.v.Warnings...)
	for _, w := range s.Warnings {
		if w.Code == "unprotected_header" {
			sv.Warnings = append(sv.Warnings, w)
		}
	}
	sv.SignatureValid, sv.Key = p.v.SignatureValid, p.v.Key
	sv.Status = status(sv)
	return sv
}

// status sums up a signature's verdict.
func status(sv *SignatureVerdict) string {
	if sv.SignatureValid {
		return StatusVerified
	}
	for _, e := range sv.Errors {
		switch e.Code {
		case jwterr.SignatureInvalid:
			return StatusInvalid
		case jwterr.KeyMissing, jwterr.KidNotFound:
			return StatusNoKey
		case jwterr.KeyMismatch:
			return StatusKeyMismatch
		}
	}
	return StatusRefused
}

// conclude sets the verdict on the whole from the signatures', and returns
// an error when none could be checked at all.
func (v *JSONVerification) conclude() error {
	v.SignatureValid = len(v.VerifiedBy) > 0
	v.Valid = v.SignatureValid && v.ClaimsValid
	first := v.Signatures[0]
	if v.SignatureValid {
		first = v.Signatures[v.VerifiedBy[0]]
		v.Key = first.Key
	}
	v.Alg, v.Kid = first.Alg, first.Kid
	if v.SignatureValid {
		return nil
	}
	var checked, why []string
	for _, s := range v.Signatures {
		if s.Status == StatusInvalid {
			checked = append(checked, fmt.Sprintf("signature %d (%s)", s.Index, s.Alg))
		}
		if len(why) < 3 && len(s.Errors) > 0 {
			why = append(why, fmt.Sprintf("signature %d (%s): %s", s.Index, jwterr.Clip(s.Alg), s.Errors[len(s.Errors)-1].Message))
		}
	}
	if len(checked) > 0 {
		v.Errors = append(v.Errors, jwterr.New(jwterr.SignatureInvalid, "no signature matches the key: %s did not match it, the others were not checked", strings.Join(checked, " and ")).In(jwterr.PartSignature))
		return nil
	}
	code := v.Signatures[0].code()
	for _, s := range v.Signatures[1:] {
		if c := s.code(); c != code && keyish(c) && keyish(code) {
			code = jwterr.KeyMismatch // the key fits none of them, each for its own reason
		}
	}
	if len(v.Signatures) == 1 || code == jwterr.AlgNone {
		e := v.Signatures[0].Errors[len(v.Signatures[0].Errors)-1]
		if code == jwterr.AlgNone {
			// As for a compact token: nothing to check, said as a verdict.
			v.Errors = append(v.Errors, e)
			return nil
		}
		return e
	}
	return jwterr.New(code, "no signature could be checked with the key: %s", strings.Join(why, "; ")).In(jwterr.PartKey)
}

// keyish reports whether code says the key does not serve a signature.
func keyish(code jwterr.Code) bool {
	return code == jwterr.KeyMismatch || code == jwterr.KidNotFound
}

// code is the code of the error that stopped the signature's check.
func (s *SignatureVerdict) code() jwterr.Code {
	if len(s.Errors) == 0 {
		return jwterr.Internal
	}
	return s.Errors[len(s.Errors)-1].Code
}

// prefixed names the signature in each warning.
func prefixed(i int, ws []Warning) []Warning {
	out := make([]Warning, len(ws))
	for j, w := range ws {
		out[j] = Warning{w.Code, fmt.Sprintf("signature %d: %s", i, w.Message)}
	}
	return out
}
