package keys

import (
	"encoding/asn1"
)

// derParsers are the DER structures a key travels in without PEM armour,
// in the order tried: an x5c member holds certificates, Java and .NET
// configurations hold SPKI or PKCS #8, and older tools PKCS #1 or SEC 1.
var derParsers = []pemParser{certParser, pkixParser, pkcs1Public, pkcs8Parser, pkcs1Priv, sec1Parser}

// derEncodings returns the decodings of text (hex, base64, base64url)
// that start like DER, with a SEQUENCE.
func derEncodings(text string) []decoded {
	var out []decoded
	for _, d := range decodings(stripSpace(text)) {
		if len(d.bytes) > 1 && d.bytes[0] == 0x30 {
			out = append(out, d)
		}
	}
	return out
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

// readDER reads text that is a whole DER key structure in hex, base64 or
// base64url: the form of a JWKS x5c entry, or of a PEM body that lost its
// armour. It reports false for anything else, so that a random secret
// (which parses as none of these structures, DER being exact) stays a secret.
func readDER(text string) (*Key, bool) {
	for _, d := range derEncodings(text) {
		if checkPrivateRSADER(d.bytes) != nil {
			continue // too large to read: tooLargeDER says so
		}
		for _, p := range derParsers {
			v, err := p.parse(d.bytes)
			if err != nil {
				continue
			}
			k, err := keyFromDER(v, p.name, d.enc+" DER, no PEM armour")
			if err != nil {
				continue
			}
			return k, true
		}
	}
	return nil, false
}

// tooLargeDER returns the too_large error of a decoding of text that is a
// private RSA key over limits.MaxPrivateRSABits, which readDER passes
// over, so that such a key is refused for its size rather than as a key
// that could not be read.
func tooLargeDER(text string) error {
	for _, d := range derEncodings(text) {
		if err := checkPrivateRSADER(d.bytes); err != nil {
			return err
		}
	}
	return nil
}

// looksLikeDER reports whether b has the shape of a DER key structure
// even though no parser took it: one SEQUENCE spanning every byte, whose
// contents are whole DER values, the first an INTEGER (PKCS #1, PKCS #8,
// SEC 1) or a SEQUENCE (SPKI, certificates). A random secret has that
// shape about once in a billion.
func looksLikeDER(b []byte) bool {
	var outer asn1.RawValue
	rest, err := asn1.Unmarshal(b, &outer)
	if err != nil || len(rest) > 0 || outer.Tag != asn1.TagSequence || !outer.IsCompound || len(outer.Bytes) == 0 {
		return false
	}
	inner := outer.Bytes
	for first := true; len(inner) > 0; first = false {
		var v asn1.RawValue
		inner, err = asn1.Unmarshal(inner, &v)
		if err != nil {
			return false
		}
		if first && (v.Class != asn1.ClassUniversal || v.Tag != asn1.TagInteger && v.Tag != asn1.TagSequence) {
			return false
		}
	}
	return true
}
