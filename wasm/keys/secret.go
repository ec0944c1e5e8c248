package keys

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// Encoding says how the text of an HMAC secret turns into bytes.
type Encoding string

// The secret encodings offered on the page.
const (
	UTF8      Encoding = "utf8"
	Base64    Encoding = "base64"
	Base64URL Encoding = "base64url"
	Hex       Encoding = "hex"
)

// encodingNames are the encodings as people write them.
var encodingNames = map[Encoding]string{UTF8: "UTF-8 text", Base64: "base64", Base64URL: "base64url", Hex: "hex"}

// ParseEncoding reads an encoding name; "" means UTF-8.
func ParseEncoding(name string) (Encoding, error) {
	switch e := Encoding(name); e {
	case "":
		return UTF8, nil
	case UTF8, Base64, Base64URL, Hex:
		return e, nil
	}
	return "", jwterr.New(jwterr.BadInput, "unknown secret encoding %s: use utf8, base64, base64url or hex", jwterr.Clip(name)).In(jwterr.PartKey)
}

// DecodeSecret turns secret text into bytes. UTF-8 text is taken exactly as
// typed; the other encodings ignore white space, which pasting often adds.
func DecodeSecret(text string, enc Encoding) ([]byte, error) {
	switch enc {
	case UTF8, "":
		return []byte(text), nil
	case Hex:
		return decodeHex(text)
	case Base64:
		return decodeBase64(text, base64.StdEncoding, "base64", "-_", "base64url")
	case Base64URL:
		return decodeBase64(text, base64.URLEncoding, "base64url", "+/", "base64")
	}
	_, err := ParseEncoding(string(enc))
	return nil, err
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// origin returns the offset in text of the character at offset i of
// stripSpace(text), so that errors point at the text as typed.
func origin(text string, i int) int {
	for j := 0; j < len(text); j++ {
		switch text[j] {
		case ' ', '\n', '\r', '\t':
			continue
		}
		if i == 0 {
			return j
		}
		i--
	}
	return len(text)
}

// decodeBase64 accepts padded and unpadded input, and names the other
// alphabet when a character of it shows up, since mixing them up is common.
func decodeBase64(text string, padded *base64.Encoding, name, otherChars, otherName string) ([]byte, error) {
	s := stripSpace(text)
	enc := padded
	if !strings.HasSuffix(s, "=") {
		enc = padded.WithPadding(base64.NoPadding)
	}
	b, err := enc.Strict().DecodeString(s)
	if err == nil {
		return b, nil
	}
	var ce base64.CorruptInputError
	if errors.As(err, &ce) {
		at := int(ce)
		// A lone last character is a length problem, not a bad character.
		data := strings.TrimRight(s, "=")
		if at >= len(s) || at == len(data)-1 && len(data)%4 == 1 {
			return nil, jwterr.New(jwterr.KeyInvalid, "the secret is not valid %s: it ends too early (its length, %d, is not possible)", name, len(s)).In(jwterr.PartKey).At(origin(text, at))
		}
		hint := ""
		if strings.ContainsRune(otherChars, rune(s[at])) {
			hint = " (it looks like " + otherName + ": choose that encoding)"
		}
		return nil, jwterr.New(jwterr.KeyInvalid, "the secret is not valid %s: unexpected character %s at offset %d%s", name, jwterr.CharAt(s, at), origin(text, at), hint).In(jwterr.PartKey).At(origin(text, at))
	}
	return nil, jwterr.New(jwterr.KeyInvalid, "the secret is not valid %s: %v", name, err).In(jwterr.PartKey)
}

func decodeHex(text string) ([]byte, error) {
	s := stripSpace(text)
	prefix := len(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	prefix -= len(s)
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			at := origin(text, prefix+i)
			return nil, jwterr.New(jwterr.KeyInvalid, "the secret is not valid hex: unexpected character %s at offset %d", jwterr.CharAt(s, i), at).In(jwterr.PartKey).At(at)
		}
	}
	if len(s)%2 == 1 {
		return nil, jwterr.New(jwterr.KeyInvalid, "the secret is not valid hex: it has an odd number of digits (%d)", len(s)).In(jwterr.PartKey)
	}
	return hex.DecodeString(s)
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// EncodingName names an encoding as the page's "Secret is" selector and
// messages do: "UTF-8 text", "base64", "base64url", "hex".
func EncodingName(enc Encoding) string {
	return encodingNames[orUTF8(enc)]
}

// AltSecret is secret text read under another encoding than the one typed.
type AltSecret struct {
	Encoding Encoding
	Secret   []byte
}

// OtherReadings returns the secret text read under each encoding but
// typed that Parse would take it in, in the order UTF-8, base64,
// base64url, hex, leaving out a reading whose bytes an earlier one (or
// typed) already gave: "aGk" is the same bytes in base64 and base64url,
// and is said once. A reading Parse refuses (one that decodes to DER, the
// algorithm-confusion guard) is left out too. A verifier that failed with
// the typed encoding can try these to tell the person which one their
// secret is in; it must never verify with one silently, since the bytes
// signed with are the typed ones.
func OtherReadings(text string, typed Encoding) []AltSecret {
	typed = orUTF8(typed)
	read := func(enc Encoding) []byte {
		set, err := parseSecret(text, enc)
		if err != nil {
			return nil
		}
		return set.Keys[0].Secret
	}
	seen := [][]byte{read(typed)}
	var out []AltSecret
	for _, enc := range []Encoding{UTF8, Base64, Base64URL, Hex} {
		if enc == typed {
			continue
		}
		b := read(enc)
		if len(b) == 0 || containsBytes(seen, b) {
			continue
		}
		seen = append(seen, b)
		out = append(out, AltSecret{enc, b})
	}
	return out
}

func containsBytes(list [][]byte, b []byte) bool {
	for _, x := range list {
		if string(x) == string(b) {
			return true
		}
	}
	return false
}
