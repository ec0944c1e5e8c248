package token

import (
	"crypto/ecdsa"
	"encoding/asn1"
	"fmt"
	"math/big"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// Hints for a signature that did not match, each a warning beside the
// signature_invalid error: they say what the person most likely did wrong,
// and never change the verdict, which stays about the bytes as given.

// derSignature is an ECDSA signature as ASN.1 DER writes it (SEC 1 §C.8:
// SEQUENCE {r INTEGER, s INTEGER}), which OpenSSL, Java and most crypto
// libraries return; JWS wants r‖s instead (RFC 7518 §3.4).
type derSignature struct {
	R, S *big.Int
}

// parseDERSignature reads sig as a DER ECDSA signature of positive r and
// s, with nothing after it, or returns false.
func parseDERSignature(sig []byte) (*derSignature, bool) {
	if len(sig) < 8 || sig[0] != 0x30 {
		return nil, false
	}
	var d derSignature
	rest, err := asn1.Unmarshal(sig, &d)
	if err != nil || len(rest) != 0 || d.R.Sign() <= 0 || d.S.Sign() <= 0 {
		return nil, false
	}
	return &d, true
}

// ecdsaSize is the byte length of r and of s for alg's curve: 32, 48 or 66.
func ecdsaSize(alg keys.Algorithm) int {
	return map[string]int{"P-256": 32, "P-384": 48, "P-521": 66}[alg.Curve]
}

// derHint explains an ECDSA signature written in DER rather than as r‖s,
// saying whether r‖s made of it would match one of the keys.
func derHint(c *SignatureCheck) (string, bool) {
	d, ok := parseDERSignature(c.Signature)
	size := ecdsaSize(c.Alg)
	if !ok || size == 0 {
		return "", false
	}
	msg := fmt.Sprintf("the signature is ASN.1 DER (a SEQUENCE of r and s, %d bytes, as OpenSSL and Java write it), but a JWS %s signature is r‖s, each %d bytes, %d in all (RFC 7518 §3.4); jose refuses it too: convert it to r‖s", len(c.Signature), c.Alg.Name, size, 2*size)
	if d.R.BitLen() > 8*size || d.S.BitLen() > 8*size {
		return msg, true
	}
	raw := make([]byte, 2*size)
	d.R.FillBytes(raw[:size])
	d.S.FillBytes(raw[size:])
	method := verifier(c.Alg)
	for _, k := range c.Keys {
		if _, isEC := k.Public.(*ecdsa.PublicKey); isEC && method.Verify(c.SigningInput, raw, k.VerifyingKey(c.Alg)) == nil {
			return msg + "; converted, it matches the key, so only the encoding is wrong", true
		}
	}
	return msg, true
}

// secretHint tries the secret text under the encodings the person did not
// choose, and names the first whose bytes make the signature match: a
// base64 secret typed as UTF-8 text is the commonest reason an HMAC token
// fails. It verifies nothing: the verdict stays with the encoding chosen.
func secretHint(c *SignatureCheck, keyText string, typed keys.Encoding) (string, bool) {
	method := verifier(c.Alg)
	for _, alt := range keys.OtherReadings(keyText, typed) {
		if method.Verify(c.SigningInput, c.Signature, alt.Secret) == nil {
			return fmt.Sprintf("the signature matches when the secret is read as %s rather than %s: choose %s if that is how it is written (secretEncoding %q)", keys.EncodingName(alt.Encoding), keys.EncodingName(typed), keys.EncodingName(alt.Encoding), alt.Encoding), true
		}
	}
	return "", false
}
