package token

import (
	"bytes"
	"encoding/base64"
	"encoding/json"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// EncodeInput is what a token is made from.
type EncodeInput struct {
	// Header and Payload are JSON text. They are signed as written, made
	// compact: key order and the spelling of numbers are kept.
	Header, Payload string
	// Key is an HMAC secret, or a private key as PEM, JWK or JWKS.
	Key            string
	SecretEncoding keys.Encoding
}

// Encode signs a token with the algorithm named by the header's "alg".
// "none" makes an unsecured token with an empty signature.
func Encode(in EncodeInput) (string, error) {
	if err := limits.Size(len(in.Header)+len(in.Payload), limits.MaxTokenBytes, "the header and payload", jwterr.PartPayload); err != nil {
		return "", err
	}
	header, fields, err := compactObject(in.Header, "the header", jwterr.PartHeader)
	if err != nil {
		return "", err
	}
	payload, err := compactJSON(in.Payload, "the payload", jwterr.PartPayload)
	if err != nil {
		return "", err
	}
	algName, ok := fields["alg"].(string)
	if !ok {
		return "", jwterr.New(jwterr.MissingAlg, "the header needs an \"alg\" string to say how to sign, e.g. \"HS256\"").In(jwterr.PartHeader)
	}
	input := b64(header) + "." + b64(payload)
	if algName == "none" {
		return input + ".", nil
	}
	kid, _ := fields["kid"].(string)
	alg, cands, err := keysFor(algName, kid, in.Key, in.SecretEncoding, keys.Sign)
	if err != nil {
		return "", err
	}
	sig, err := jwt.GetSigningMethod(alg.Name).Sign(input, cands[0].SigningKey(alg))
	if err != nil {
		return "", jwterr.New(jwterr.KeyInvalid, "signing with %s failed: %v", alg.Name, err).In(jwterr.PartKey)
	}
	return input + "." + b64(sig), nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// compactJSON checks that text is one JSON value and removes insignificant
// white space, leaving everything else as written.
func compactJSON(text, what string, part jwterr.Part) ([]byte, error) {
	if err := limits.Depth([]byte(text), what, part); err != nil {
		return nil, err
	}
	var v any
	if err := unmarshal([]byte(text), &v); err != nil {
		return nil, jwterr.JSON(err, what, part)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(text)); err != nil {
		return nil, jwterr.JSON(err, what, part)
	}
	return buf.Bytes(), nil
}

func compactObject(text, what string, part jwterr.Part) ([]byte, map[string]any, error) {
	b, err := compactJSON(text, what, part)
	if err != nil {
		return nil, nil, err
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil || m == nil {
		return nil, nil, jwterr.New(jwterr.HeaderNotObject, "%s must be a JSON object", what).In(part)
	}
	return b, m, nil
}
