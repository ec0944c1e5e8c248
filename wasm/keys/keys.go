// Package keys reads the keys a person pastes into the playground (an HMAC
// secret, PEM, DER, an OpenSSH key line, a JWK or a JWKS) and decides which
// of them can serve a JWS algorithm, refusing keys of the wrong type
// (algorithm confusion). Text that looks like a key is never a secret.
package keys

import (
	"crypto"
	"encoding/json"
	"strings"
	"sync"

	"github.com/jwt-playground/jwt-playground/wasm/internal/memo"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// Format is the form the key text was recognised in.
type Format string

// The key text formats.
const (
	FormatSecret Format = "secret"
	FormatPEM    Format = "pem"
	FormatJWK    Format = "jwk"
	FormatJWKS   Format = "jwks"
	// FormatDER is a DER key or certificate in base64, base64url or hex,
	// without PEM armour (as a JWKS's x5c holds it).
	FormatDER Format = "der"
	// FormatSSH is OpenSSH public key lines (ssh-rsa, ssh-ed25519, ecdsa-sha2-*).
	FormatSSH Format = "ssh"
)

// Key is one key read from the key text.
type Key struct {
	// Type is the JWK key type: "oct", "RSA", "EC", "OKP" or "AKP".
	Type string
	// Kid, Alg and Use are the JWK members of those names, when given.
	Kid, Alg, Use string
	// KeyOps is the JWK's "key_ops", nil when it has none.
	KeyOps []string
	// Source says where the key came from, for messages ("PKIX public key (PEM)").
	Source string
	// Secret holds an "oct" key's bytes.
	Secret []byte
	// Public is *rsa.PublicKey, *ecdsa.PublicKey (secp256k1's curve is
	// ours, see wasm/internal/secp256k1), ed25519.PublicKey or
	// *mldsa.PublicKey.
	Public crypto.PublicKey
	// Private is the private key of the same kind, or nil.
	Private crypto.Signer

	// bare caches BareJWK's answers, public and private.
	bare [2]struct {
		once sync.Once
		jwk  json.RawMessage
		err  error
	}
}

// Set is everything the key text held.
type Set struct {
	Format Format
	Keys   []*Key
	// Skipped describes keys of a JWKS that could not be used, so that a
	// missing kid can be explained.
	Skipped []string
}

// Detect tells which format text is in. PEM, a JWK or JWKS (or a JSON
// array of JWKs), an OpenSSH key line and DER are found even after
// invisible characters, a label, or JSON string quoting; anything else is
// a secret.
func Detect(text string) Format {
	return detectCache.Get(text, detect)
}

func detect(text string) Format { return read(text).format }

// detectCache keeps the last answers of Detect, which every verification
// with an asymmetric algorithm asks (is the key box plain text?): reading
// a PEM's characters one by one for invisible ones costs more than the
// rest of the key's lookup.
var detectCache memo.Cache[string, Format]

// parsed is one result of parse, as the cache keeps it.
type parsed struct {
	set *Set
	err error
}

// parseCache keeps the last results: the key box changes far less often
// than the token, and verify, lint and inspect each read it.
var parseCache memo.Cache[[2]string, parsed]

// Parse reads key text: PEM blocks, a JWK, a JWKS, or else a secret in enc.
// The set may be shared with other callers: do not modify it.
func Parse(text string, enc Encoding) (*Set, error) {
	r := parseCache.Get([2]string{text, string(enc)}, parseEntry)
	return r.set, r.err
}

func parseEntry(k [2]string) parsed {
	set, err := parse(k[0], Encoding(k[1]))
	return parsed{set, err}
}

func parse(text string, enc Encoding) (*Set, error) {
	if strings.TrimSpace(text) == "" {
		return nil, jwterr.New(jwterr.KeyMissing, "no key: the key box is empty").In(jwterr.PartKey)
	}
	if err := limits.Size(len(text), limits.MaxKeyBytes, "the key text", jwterr.PartKey); err != nil {
		return nil, err
	}
	r := read(text)
	var set *Set
	switch r.format {
	case FormatSecret:
		return parseSecret(text, enc)
	case FormatPEM, FormatSSH:
		reader := parsePEM
		if r.format == FormatSSH {
			reader = parseSSH
		}
		ks, err := reader(r.text)
		if err != nil {
			return nil, err
		}
		set = &Set{Format: r.format, Keys: ks}
	case FormatDER:
		set = &Set{Format: r.format, Keys: []*Key{r.der}}
	default:
		var err error
		if set, err = parseJSONKeys(r); err != nil {
			if r.quoted {
				err = unplaced(err)
			}
			return nil, err
		}
	}
	annotate(set.Keys, r.notes)
	return set, nil
}

// parseSecret reads text as an HMAC secret in enc, unless it looks like a
// key in any form: then it is refused, before and after decoding.
func parseSecret(text string, enc Encoding) (*Set, error) {
	if what := lookalike(text); what != "" {
		if err := tooLargeDER(visible(strings.TrimFunc(text, isBlank))); err != nil {
			return nil, err
		}
		return nil, confusion(what, "")
	}
	secret, err := DecodeSecret(text, enc)
	if err != nil {
		return nil, err
	}
	name := encodingNames[orUTF8(enc)]
	if len(secret) == 0 {
		return nil, jwterr.New(jwterr.KeyInvalid, "the secret is empty once decoded from %s", name).In(jwterr.PartKey)
	}
	if orUTF8(enc) != UTF8 {
		what := decodedLookalike(secret)
		if looksLikeDER(secret) {
			what = "DER, the form keys are stored in"
		}
		if what != "" {
			return nil, confusion(what, ", decoded from "+name+",")
		}
	}
	return &Set{Format: FormatSecret, Keys: []*Key{{Type: "oct", Secret: secret, Source: "the shared secret (" + name + ")"}}}, nil
}

func orUTF8(enc Encoding) Encoding {
	if enc == "" {
		return UTF8
	}
	return enc
}

// Label says where a key came from, with its kid: "JWK (kid "k1")".
func (k *Key) Label() string {
	return k.Source + kidNote(k.Kid)
}

// describe names a key for messages: "an RSA public key (PKIX public key (PEM))".
func (k *Key) describe() string {
	var what string
	switch k.Type {
	case "oct":
		what = "a shared secret"
	case "RSA":
		what = "an RSA " + k.visibility() + " key"
	case "EC":
		what = "an EC " + k.curve() + " " + k.visibility() + " key"
	case "OKP":
		what = "an Ed25519 " + k.visibility() + " key"
	case "AKP":
		what = "an " + k.paramSet() + " " + k.visibility() + " key"
	default:
		what = "a " + k.Type + " key"
	}
	if k.Kid != "" {
		what += " (kid " + quote(k.Kid) + ")"
	}
	return what
}

func (k *Key) visibility() string {
	if k.Private != nil {
		return "private"
	}
	return "public"
}

func quote(s string) string { return jwterr.Clip(s) }
