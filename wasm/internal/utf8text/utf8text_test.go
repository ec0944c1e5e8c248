package utf8text

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	const r = "\uFFFD"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"ascii", "kid", "kid"},
		{"valid", "é ✓ 😀", "é ✓ 😀"},
		{"cut three-byte sequence", "k\xe2\x82", "k" + r},
		{"cut three-byte sequence before a quote", "k\xe2\x82\"", "k" + r + "\""},
		{"cut four-byte sequence", "\xf0\x9f\x98x", r + "x"},
		{"lone continuation bytes", "\x80\xbf", r + r},
		{"overlong two-byte", "\xc0\x80", r + r},
		{"overlong three-byte", "\xe0\x80\x80", r + r + r},
		{"surrogate", "\xed\xa0\x80", r + r + r},
		{"past U+10FFFF", "\xf4\x90\x80\x80", r + r + r + r},
		{"never a lead byte", "\xf5\xff", r + r},
		{"cut sequence then a valid one", "\xe2\x82é", r + "é"},
		{"cut at the end", "ab\xf0\x9f", "ab" + r},
		// The Encoding Standard's own example: "\xF0\x90\x80" then "A".
		{"maximal subpart", "\xf0\x90\x80A", r + "A"},
	} {
		if got := Decode([]byte(tc.in)); got != tc.want {
			t.Errorf("%s: Decode(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "kid", "k\xe2\x82", "\xf0\x9f\x98", "\xed\xa0\x80", "é\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := Decode(b)
		if !utf8.ValidString(got) {
			t.Fatalf("Decode(%q) = %q, not UTF-8", b, got)
		}
		if utf8.Valid(b) && got != string(b) {
			t.Fatalf("Decode changed valid UTF-8 %q to %q", b, got)
		}
		if Decode([]byte(got)) != got {
			t.Fatalf("Decode is not idempotent on %q", b)
		}
		// Every valid rune of the input survives, in order; only
		// replacements are added.
		if strings.ReplaceAll(got, replacement, "") != strings.ReplaceAll(strings.ToValidUTF8(string(b), ""), replacement, "") {
			t.Fatalf("Decode(%q) = %q lost or invented text", b, got)
		}
	})
}

func ExampleDecode() {
	fmt.Printf("%+q\n", Decode([]byte("k\xe2\x82")))
	// Output: "k\ufffd"
}
