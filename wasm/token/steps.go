package token

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// maxShownBytes bounds the bytes of the signing input shown in hex.
const maxShownBytes = 2048

// Steps shows how a token's signature is made and checked, for teaching.
type Steps struct {
	Alg string `json:"alg"`
	// Scheme names the signature scheme ("HMAC", "RSASSA-PSS", …) and Hash its hash.
	Scheme string `json:"scheme"`
	Hash   string `json:"hash"`
	// SigningInput is base64url(header) + "." + base64url(payload): what is signed.
	SigningInput string `json:"signingInput"`
	// SigningInputHex is its bytes in hex, cut at maxShownBytes.
	SigningInputHex    string `json:"signingInputHex"`
	SigningInputLength int    `json:"signingInputLength"`
	// Digest is the hash of the signing input in hex, which RSA and ECDSA
	// sign; empty for HMAC and EdDSA, which hash inside.
	Digest string `json:"digest,omitempty"`
	// Signature is the token's signature in hex; R and S are its halves for ECDSA.
	Signature string `json:"signature"`
	R         string `json:"r,omitempty"`
	S         string `json:"s,omitempty"`
	// Expected is the HMAC recomputed with the key, and FirstDifference the
	// first byte where it differs from Signature (-1 when they are equal).
	Expected        string `json:"expected,omitempty"`
	FirstDifference int    `json:"firstDifference"`
	// Key describes the key used, Checked what was checked, in words.
	Key     string `json:"key,omitempty"`
	Checked string `json:"checked"`
	Valid   bool   `json:"valid"`
	// KeyError says why no key could be used, when that is so.
	KeyError *jwterr.Error `json:"keyError,omitempty"`
}

// SignatureSteps explains the signature of tok, checking it with opts.Key
// when there is one. Only a token that cannot be decoded is an error.
func SignatureSteps(tok string, opts VerifyOptions) (*Steps, error) {
	d, err := Decode(tok)
	if err != nil {
		return nil, err
	}
	input := []byte(d.signingInput)
	s := &Steps{
		Alg: d.Alg, SigningInput: d.signingInput, SigningInputLength: len(input),
		SigningInputHex: hex.EncodeToString(input[:min(len(input), maxShownBytes)]),
		Signature:       d.Signature, FirstDifference: -1,
	}
	alg, ok := keys.Lookup(d.Alg)
	if !ok {
		s.Checked = "nothing: " + map[bool]string{true: "an unsecured token (alg none) has no signature", false: "the algorithm " + quote(d.Alg) + " is not supported"}[d.Alg == "none"]
		return s, nil
	}
	s.Scheme = scheme(alg)
	if alg.HashBits > 0 { // ML-DSA hashes inside the scheme, with SHAKE256
		s.Hash = fmt.Sprintf("SHA-%d", alg.HashBits)
	}
	if alg.Family == keys.RSA || alg.Family == keys.RSAPSS || alg.Family == keys.ECDSA {
		s.Digest = hex.EncodeToString(digest(alg, input))
	}
	if der, ok := parseDERSignature(d.signature); ok && alg.Family == keys.ECDSA {
		// Split in half, DER would show a nonsense r and s.
		s.R, s.S = hex.EncodeToString(der.R.Bytes()), hex.EncodeToString(der.S.Bytes())
	} else if alg.Family == keys.ECDSA && len(d.signature)%2 == 0 {
		half := len(d.signature) / 2
		s.R, s.S = hex.EncodeToString(d.signature[:half]), hex.EncodeToString(d.signature[half:])
	}
	_, cands, err := keysFor(d.Alg, d.Kid, opts.Key, opts.SecretEncoding, keys.Verify)
	if err != nil {
		s.KeyError = jwterr.From(err, jwterr.KeyInvalid)
		s.Checked = "nothing yet: " + s.KeyError.Message
		return s, nil
	}
	s.check(d, alg, cands)
	return s, nil
}

// check verifies with each candidate key, keeping the one that verifies
// (or the first), and says what was checked.
func (s *Steps) check(d *Decoded, alg keys.Algorithm, cands []*keys.Key) {
	method := verifier(alg)
	k := cands[0]
	for _, c := range cands {
		if method.Verify(d.signingInput, d.signature, c.VerifyingKey(alg)) == nil {
			k, s.Valid = c, true
			break
		}
	}
	s.Key = k.Label()
	switch alg.Family {
	case keys.HMAC:
		expected, _ := method.Sign(d.signingInput, k.Secret)
		s.Expected = hex.EncodeToString(expected)
		s.FirstDifference = firstDifference(expected, d.signature)
		s.Checked = fmt.Sprintf("HMAC-%s of the signing input with the %d-byte secret, compared with the token's signature", s.Hash, len(k.Secret))
	case keys.RSA, keys.RSAPSS:
		s.Checked = fmt.Sprintf("%s: the signature, raised to the public exponent modulo the %d-bit modulus, must encode the %s digest", s.Scheme, k.Public.(*rsa.PublicKey).N.BitLen(), s.Hash)
	case keys.ECDSA:
		s.Checked = fmt.Sprintf("ECDSA on %s: the pair (r, s) must be a valid signature of the %s digest for the public point", k.Public.(*ecdsa.PublicKey).Curve.Params().Name, s.Hash)
		if hint, ok := derHint(&SignatureCheck{Alg: alg, SigningInput: d.signingInput, Signature: d.signature, Keys: []*keys.Key{k}}); ok {
			s.Checked += "; but " + hint
		}
	case keys.MLDSA:
		s.Checked = fmt.Sprintf("%s (FIPS 204): the signature must verify over the signing input itself (ML-DSA hashes it with SHAKE256 inside), with an empty context, for the public key", alg.Name)
	default:
		s.Checked = "Ed25519 (RFC 8032): the signature (R, S) must satisfy the curve equation for the public key and SHA-512(R, key, signing input)"
	}
}

func scheme(alg keys.Algorithm) string {
	return map[keys.Family]string{keys.HMAC: "HMAC", keys.RSA: "RSASSA-PKCS1-v1_5", keys.RSAPSS: "RSASSA-PSS", keys.ECDSA: "ECDSA", keys.EdDSA: "EdDSA", keys.MLDSA: "ML-DSA"}[alg.Family]
}

func digest(alg keys.Algorithm, input []byte) []byte {
	var h hash.Hash
	switch alg.HashBits {
	case 256:
		h = sha256.New()
	case 384:
		h = sha512.New384()
	default:
		h = sha512.New()
	}
	h.Write(input)
	return h.Sum(nil)
}

// firstDifference returns the first index where a and b differ, or -1.
func firstDifference(a, b []byte) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return -1
}
