// Package limits holds, in one place, the size limits on everything the
// playground reads, so that a hostile or mistaken paste gets a clear error
// instead of freezing the page.
package limits

import (
	"fmt"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

const (
	// MaxTokenBytes bounds a token, and the header plus payload to sign.
	// Real tokens are a few KiB; HTTP servers refuse headers far smaller.
	MaxTokenBytes = 1 << 20
	// MaxKeyBytes bounds the key text: a JWKS of hundreds of keys fits.
	MaxKeyBytes = 1 << 20
	// MaxJSONDepth bounds how deeply JSON may nest. Claims nest two or
	// three levels; deep nesting only costs time and stack.
	MaxJSONDepth = 64
	// MaxRSABits is the largest RSA key generated, and above it verifying
	// is flagged as unusually slow.
	MaxRSABits = 8192
	// MaxParseRSABits is the largest RSA key read at all: bigger moduli make
	// each verification take seconds.
	MaxParseRSABits = 16384
	// MaxDisclosures bounds the disclosures of an SD-JWT, and the claims
	// marked selectively disclosable when issuing one (decoys included).
	// Real credentials carry tens; each costs a hash and a JSON parse.
	MaxDisclosures = 1024
	// MaxJSONSignatures bounds the signatures of a JWS in the JSON
	// serialization: each may cost an RSA verification, and real ones
	// carry two or three.
	MaxJSONSignatures = 32
	// MaxPrivateRSABits is the largest private RSA key read. Reading one
	// checks that its parts agree, a private-key operation: 90 ms natively
	// for 8192 bits, 0.7 s for 16384. Verifying needs only the public half,
	// which may be as large as MaxParseRSABits.
	MaxPrivateRSABits = MaxRSABits
	// MaxArgumentUnits bounds every string the JavaScript API reads (a
	// token, key text, header, payload, issuer, secretEncoding, and an
	// audience's items together), in UTF-16 units, before it is copied: a
	// unit is at least one byte of UTF-8, so a longer string is over the
	// byte limits above whatever it holds. Measuring first keeps a pasted
	// gigabyte from costing seconds and a buffer its size.
	MaxArgumentUnits = max(MaxTokenBytes, MaxKeyBytes)
)

// Size returns a too_large error when n bytes of what exceed max.
func Size(n, max int, what string, part jwterr.Part) *jwterr.Error {
	if n <= max {
		return nil
	}
	return jwterr.New(jwterr.TooLarge, "%s is %s bytes, over the limit of %s bytes (%s)", what, grouped(n), grouped(max), human(max)).In(part)
}

// Length returns a too_large error when a JavaScript string of n UTF-16
// units is over MaxArgumentUnits: it is at least n bytes as UTF-8, so it
// is refused without being read.
func Length(n int, what string, part jwterr.Part) *jwterr.Error {
	if n <= MaxArgumentUnits {
		return nil
	}
	return jwterr.New(jwterr.TooLarge, "%s is %s characters, over the limit of %s bytes (%s)", what, grouped(n), grouped(MaxArgumentUnits), human(MaxArgumentUnits)).In(part)
}

// grouped writes n with thousands separators: exact, since a size just
// over a limit must not read the same as the limit.
func grouped(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func human(n int) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// Depth returns a too_deep error, pointing at the first bracket past
// MaxJSONDepth, when JSON text nests deeper than that. It does not check
// that the text is JSON; brackets inside strings do not count.
func Depth(text []byte, what string, part jwterr.Part) *jwterr.Error {
	depth := 0
	inString := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			if depth > MaxJSONDepth {
				return jwterr.New(jwterr.TooDeep, "%s nests deeper than %d levels (at offset %d)", what, MaxJSONDepth, i).In(part).At(i)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}
