// Package jwterr defines the error value every part of the token core returns:
// a stable machine-readable code, a message for people, and where the problem is.
package jwterr

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Code is a stable, machine-readable error code. Codes are part of the public
// JavaScript API: never rename one.
type Code string

// The error codes. The JavaScript API documents each of them.
const (
	Malformed             Code = "malformed"                // not a compact JWS: wrong number of segments, empty token
	BadBase64             Code = "bad_base64"               // a segment is not base64url
	BadJSON               Code = "bad_json"                 // a segment (or key, or editor text) is not valid JSON
	HeaderNotObject       Code = "header_not_object"        // the header is JSON but not an object
	MissingAlg            Code = "missing_alg"              // the header has no "alg", or it is not a string
	UnsupportedAlg        Code = "unsupported_alg"          // "alg" names an algorithm we do not implement
	AlgNone               Code = "alg_none"                 // an unsecured token: nothing to verify
	EncryptedToken        Code = "encrypted_token"          // decode was given a JWE (five parts): its header is read, decrypt reads the rest
	MissingEnc            Code = "missing_enc"              // a JWE header has no "enc", or it is not a string
	DecryptFailed         Code = "decrypt_failed"           // a JWE could not be decrypted with the key; Error.Step says at which step
	CritUnsupported       Code = "crit_unsupported"         // "crit" names an extension the playground does not implement
	CritInvalid           Code = "crit_invalid"             // "crit" or "b64" break the rules of RFC 7515 §4.1.11 or RFC 7797 §6
	KeyMissing            Code = "key_missing"              // no key was given
	KeyInvalid            Code = "key_invalid"              // the key text cannot be read
	KeyMismatch           Code = "key_mismatch"             // the key cannot serve the algorithm (e.g. algorithm confusion)
	KidNotFound           Code = "kid_not_found"            // a key set has no key with the token's kid
	SignatureInvalid      Code = "signature_invalid"        // the signature does not match
	TokenExpired          Code = "token_expired"            // exp is in the past
	TokenNotValidYet      Code = "token_not_valid_yet"      // nbf is in the future
	TokenUsedBeforeIssued Code = "token_used_before_issued" // iat is in the future
	InvalidIssuer         Code = "invalid_issuer"           // iss differs from the expected issuer
	InvalidAudience       Code = "invalid_audience"         // aud does not hold the expected audience
	ClaimInvalid          Code = "claim_invalid"            // a registered claim has the wrong type
	BadInput              Code = "bad_input"                // an argument of the wrong type (from the JS bridge)
	BadURL                Code = "bad_url"                  // a URL to fetch is not absolute, or not https
	FetchFailed           Code = "fetch_failed"             // the network failed or CORS refused
	HTTPStatus            Code = "http_status"              // the server answered with a status other than 200
	NotJWKS               Code = "not_jwks"                 // a fetched document is not a usable key set
	IssuerMismatch        Code = "issuer_mismatch"          // a discovery document names another issuer than the one asked for
	TooLarge              Code = "too_large"                // an input is over its size limit
	TooDeep               Code = "too_deep"                 // JSON nests deeper than its limit
	Internal              Code = "internal"                 // a bug: a recovered panic

	// SD-JWT (RFC 9901): the checks of its section 7, each with the
	// disclosure it is about (Error.Index) where there is one.
	SDMalformed        Code = "sd_malformed"         // a disclosure, "_sd" or "..." breaks RFC 9901's format
	SDUnsupportedAlg   Code = "sd_unsupported_alg"   // "_sd_alg" names a hash the playground does not implement
	SDDigestReused     Code = "sd_digest_reused"     // a digest appears more than once in the payload and disclosures
	SDDisclosureReused Code = "sd_disclosure_reused" // the same disclosure is given twice
	SDUnreferenced     Code = "sd_unreferenced"      // a disclosure no "_sd" or "..." digest refers to
	SDReservedName     Code = "sd_reserved_name"     // a disclosure's claim name is "_sd" or "..."
	SDNameExists       Code = "sd_name_exists"       // a disclosed claim name the object already has
	SDWrongKind        Code = "sd_wrong_kind"        // an array-element disclosure referenced from "_sd", or a claim's from "..."
	KBMissing          Code = "kb_missing"           // a key-binding JWT was required and the SD-JWT has none
	KBInvalid          Code = "kb_invalid"           // the key-binding JWT or the issuer's "cnf" breaks RFC 9901 §4.3
	KBSDHashMismatch   Code = "kb_sd_hash_mismatch"  // the key-binding JWT's sd_hash is not the presentation's
	KBNonceMismatch    Code = "kb_nonce_mismatch"    // the key-binding JWT's nonce is not the expected one
	KBStale            Code = "kb_stale"             // the key-binding JWT's iat is in the future or too old
)

// Part names the piece of input an error is about.
type Part string

// The parts an error can point at.
const (
	PartToken     Part = "token"
	PartHeader    Part = "header"
	PartPayload   Part = "payload"
	PartSignature Part = "signature"
	PartKey       Part = "key"
	// PartDisclosure is one disclosure of an SD-JWT (Error.Index says
	// which), PartKeyBinding its key-binding JWT.
	PartDisclosure Part = "disclosure"
	PartKeyBinding Part = "keyBinding"
)

// Error is a problem with the input, reported to the user.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	// Part is the piece of input at fault, when there is one.
	Part Part `json:"part,omitempty"`
	// Offset is a byte offset into that piece (into the whole token for
	// token segments, into the decoded JSON for JSON errors), or nil.
	Offset *int `json:"offset,omitempty"`
	// Status is the HTTP status of a failed fetch.
	Status int `json:"status,omitempty"`
	// Index is the SD-JWT disclosure at fault, counting from 0, or nil.
	Index *int `json:"index,omitempty"`
	// Step is the step of JWE decryption that failed (StepKeyManagement,
	// StepTag, StepContent, StepDecompress), or "".
	Step string `json:"step,omitempty"`
}

// The steps of JWE decryption (RFC 7516 §5.2) an Error.Step names.
const (
	StepKeyManagement = "key_management" // unwrapping, deriving or taking the content key
	StepTag           = "tag_check"      // the authentication tag over the header, IV and ciphertext
	StepContent       = "content_decryption"
	StepDecompress    = "decompression" // inflating a "zip": "DEF" plaintext
)

// AtStep returns a copy of e that names the JWE decryption step at fault.
func (e *Error) AtStep(step string) *Error {
	c := *e
	c.Step = step
	return &c
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// New returns an error with a code and a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// In returns a copy of e that points at part.
func (e *Error) In(part Part) *Error {
	c := *e
	c.Part = part
	return &c
}

// At returns a copy of e that points at offset within its part.
func (e *Error) At(offset int) *Error {
	c := *e
	c.Offset = &offset
	return &c
}

// Disclosure returns a copy of e that points at an SD-JWT's disclosure i.
func (e *Error) Disclosure(i int) *Error {
	c := *e
	c.Part = PartDisclosure
	c.Index = &i
	return &c
}

// From returns err as an *Error, wrapping any other error as code.
func From(err error, code Code) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: code, Message: err.Error()}
}

// CodeOf returns the code of err, or "" when err is not an *Error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// CharAt quotes the character that starts at byte i of s, whole even when
// it takes several bytes, for messages that point at a bad character.
func CharAt(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}

// maxQuoted bounds how much of an input a message quotes: a message must
// name what is wrong, not repeat a megabyte of it.
const maxQuoted = 80

// Clip quotes s for a message, cut to its first maxQuoted characters.
func Clip(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:maxQuoted])) + "…"
}
