package token

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// KeyOrigin says where the key given to Verify came from. A signature
// proves only that whoever holds the key signed: how much that is worth
// depends on how the key reached the verifier, so the verdict says it.
type KeyOrigin string

// The key origins. The zero value is OriginTyped.
const (
	// OriginTyped is a key the person typed or pasted themselves.
	OriginTyped KeyOrigin = "typed"
	// OriginLink is a key that came with a shared link or an embedding
	// page: whoever made the link chose it, along with the token.
	OriginLink KeyOrigin = "link"
	// OriginIssuer is a key fetched by OIDC discovery from the token's
	// own iss claim: it is the issuer's key only if the iss is trusted.
	OriginIssuer KeyOrigin = "issuer"
	// OriginToken is a key the token carries or points at (jwk, x5c,
	// jku, x5u): anyone can sign with their own key and attach it.
	OriginToken KeyOrigin = "token"
)

// Provenance is where the verifying key came from, in the words every
// verdict uses (the page, <jwt-playground> and embed.html alike).
type Provenance struct {
	Origin KeyOrigin `json:"origin"`
	// Text says where the key came from: "Key typed or pasted here".
	Text string `json:"text"`
	// Caveat says what a matching signature does not prove with such a
	// key; it is empty for a typed key.
	Caveat string `json:"caveat,omitempty"`
	// Headline is what to say when the signature matches: "Signature
	// verified" for a typed key only, so that a key that came with the
	// token or the link never reads as proof of who signed.
	Headline string `json:"headline"`
}

// carriedCaveat is the caveat of a key that came with the token or the link.
const carriedCaveat = "a key that comes with the token or the link proves nothing about who signed it: verify with a key you got from the issuer yourself"

// NewProvenance describes a key of origin, with detail (a URL, or which
// header parameter carried it) when given. An origin other than the four
// is bad_input.
func NewProvenance(origin KeyOrigin, detail string) (*Provenance, error) {
	switch origin {
	case "", OriginTyped:
		return &Provenance{Origin: OriginTyped, Text: "Key typed or pasted here", Headline: "Signature verified"}, nil
	case OriginLink:
		return &Provenance{
			Origin:   origin,
			Text:     "Key from the link or page that opened the playground" + aside(detail),
			Caveat:   carriedCaveat,
			Headline: "Signature matches the key from the link — not proof of who signed",
		}, nil
	case OriginIssuer:
		iss := "issuer"
		if detail != "" {
			iss += " " + words(detail)
		}
		return &Provenance{
			Origin:   origin,
			Text:     "Key fetched from the token's own " + iss + " (OIDC discovery)",
			Caveat:   "trusting it means trusting the token's iss claim: check the issuer is one you expect",
			Headline: "Signature matches the key of the issuer the token names — check you trust that issuer",
		}, nil
	case OriginToken:
		return &Provenance{
			Origin:   origin,
			Text:     "Key carried by the token" + aside(detail),
			Caveat:   carriedCaveat,
			Headline: "Signature matches the key the token carries — not proof of who signed",
		}, nil
	}
	return nil, jwterr.New(jwterr.BadInput, "keyOrigin must be \"typed\", \"link\", \"issuer\" or \"token\", not %s", jwterr.Clip(string(origin)))
}

// aside puts detail in parentheses after a text, or nothing when empty.
func aside(detail string) string {
	if detail == "" {
		return ""
	}
	return " (" + words(detail) + ")"
}

// maxDetail bounds the detail a provenance repeats.
const maxDetail = 200

// words writes detail as it is when it is short and plain, and quoted
// otherwise: it often comes from the token (its iss, a jku), and a right-
// to-left mark or a line break there must not rewrite the verdict around it.
func words(detail string) string {
	if utf8.RuneCountInString(detail) > maxDetail || strings.ContainsAny(detail, `"\`) {
		return jwterr.Clip(detail)
	}
	for _, r := range detail {
		if !unicode.IsPrint(r) {
			return jwterr.Clip(detail)
		}
	}
	return detail
}

// certificateNote is what a key read from an X.509 certificate is
// labelled with: the playground takes the certificate's public key and
// names its subject, but checks no chain, expiry or name, so a
// self-signed "accounts.google.com" reads like the real one.
const certificateNote = " — not validated: no chain or expiry is checked"

// keyLabel names the key that verified, saying that a certificate was
// not validated. keys names certificate keys "X.509 certificate …".
func keyLabel(k *keys.Key) string {
	if strings.HasPrefix(k.Source, "X.509 certificate") {
		return k.Label() + certificateNote
	}
	return k.Label()
}
