package token

import (
	"encoding/base64"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// EncodeInput is what a token is made from.
type EncodeInput struct {
	// Header and Payload are JSON text. They are signed as written, made
	// compact: key order and the spelling of numbers are kept. When the
	// header says "b64": false (RFC 7797), Payload is any ASCII text
	// without a period, and goes into the token as it is.
	Header, Payload string
	// Key is an HMAC secret, or a private key as PEM, JWK or JWKS.
	Key            string
	SecretEncoding keys.Encoding
}

// Encode signs a token with the algorithm named by the header's "alg".
// "none" makes an unsecured token with an empty signature.
func Encode(in EncodeInput) (string, error) {
	p, err := BeginEncode(in)
	if err != nil || p.Key == nil {
		return p.Token(nil), err
	}
	sig, err := p.Sign()
	if err != nil {
		return "", err
	}
	return p.Token(sig), nil
}

// PendingToken is a token whose signing input is made and whose signature
// is still to be computed, here (Sign) or elsewhere, such as by the
// browser's WebCrypto.
type PendingToken struct {
	// SigningInput is the header and payload, base64url, joined by a dot.
	SigningInput string
	Alg          keys.Algorithm
	// Key signs; it is nil for an unsecured token (alg "none").
	Key *keys.Key
}

// BeginEncode does all of Encode but the signing: it checks the JSON,
// makes the signing input and picks the key.
func BeginEncode(in EncodeInput) (*PendingToken, error) {
	p := &PendingToken{}
	if err := limits.Size(len(in.Header)+len(in.Payload), limits.MaxTokenBytes, "the header and payload", jwterr.PartPayload); err != nil {
		return p, err
	}
	header, fields, err := compactObject(in.Header, "the header", jwterr.PartHeader)
	if err != nil {
		return p, err
	}
	algName, ok := fields["alg"].(string)
	if !ok {
		return p, jwterr.New(jwterr.MissingAlg, "the header needs an \"alg\" string to say how to sign, e.g. \"HS256\"").In(jwterr.PartHeader)
	}
	// What Verify refuses is not signed: jose's CompactSign refuses it too.
	if err := checkCrit(fields); err != nil {
		return p, err
	}
	payload, err := encodePayload(in.Payload, unencoded(fields))
	if err != nil {
		return p, err
	}
	p.SigningInput = b64(header) + "." + payload
	if algName == "none" {
		return p, nil
	}
	kid, _ := fields["kid"].(string)
	alg, cands, err := keysFor(algName, kid, in.Key, in.SecretEncoding, keys.Sign)
	if err != nil {
		p.SigningInput = ""
		return p, err
	}
	p.Alg, p.Key = alg, cands[0]
	return p, nil
}

// Sign computes the signature with golang-jwt, the reference the others
// must agree with.
func (p *PendingToken) Sign() ([]byte, error) {
	sig, err := jwt.GetSigningMethod(p.Alg.Name).Sign(p.SigningInput, p.Key.SigningKey(p.Alg))
	if err != nil {
		return nil, jwterr.New(jwterr.KeyInvalid, "signing with %s failed: %v", p.Alg.Name, err).In(jwterr.PartKey)
	}
	return sig, nil
}

// Token joins the signing input and the signature; without a signing
// input there is no token, and it returns "".
func (p *PendingToken) Token(sig []byte) string {
	if p.SigningInput == "" {
		return ""
	}
	return p.SigningInput + "." + b64(sig)
}

// encodePayload is the payload part of the token: the JSON text made
// compact, in base64url; or, for RFC 7797's unencoded payload, the text
// exactly as given, which need not be JSON.
func encodePayload(text string, unencoded bool) (string, error) {
	if unencoded {
		if err := checkUnencoded(text, 0); err != nil {
			return "", err
		}
		return text, nil
	}
	payload, _, err := compactJSON(text, "the payload", jwterr.PartPayload)
	if err != nil {
		return "", err
	}
	return b64(payload), nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// compactJSON checks that text is one JSON value and removes insignificant
// white space, leaving everything else as written. It returns the value too.
func compactJSON(text, what string, part jwterr.Part) ([]byte, any, error) {
	var v any
	if err := unmarshal([]byte(text), &v, what, part); err != nil {
		return nil, nil, jwterr.JSON(err, what, part)
	}
	return compact(text), v, nil
}

// compact drops the white space outside strings of valid JSON.
func compact(text string) []byte {
	out := make([]byte, 0, len(text))
	inString := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inString && c == '\\':
			out = append(out, c, text[i+1])
			i++
			continue
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		out = append(out, c)
	}
	return out
}

func compactObject(text, what string, part jwterr.Part) ([]byte, map[string]any, error) {
	b, v, err := compactJSON(text, what, part)
	if err != nil {
		return nil, nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil, jwterr.New(jwterr.HeaderNotObject, "%s must be a JSON object", what).In(part)
	}
	return b, m, nil
}
