package keys_test

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func TestDecodeSecret(t *testing.T) {
	tests := []struct {
		name string
		text string
		enc  keys.Encoding
		want []byte
	}{
		{"utf8", "secret", keys.UTF8, []byte("secret")},
		{"utf8 keeps white space", " s e\ncret\t", keys.UTF8, []byte(" s e\ncret\t")},
		{"utf8 multibyte", "clé", keys.UTF8, []byte("clé")},
		{"empty encoding is utf8", "secret", "", []byte("secret")},
		{"base64 padded", "aGk=", keys.Base64, []byte("hi")},
		{"base64 unpadded", "aGk", keys.Base64, []byte("hi")},
		{"base64 two pad characters", "aA==", keys.Base64, []byte("h")},
		{"base64 with white space", " aG\r\nk=\t", keys.Base64, []byte("hi")},
		{"base64 standard alphabet", "+//+", keys.Base64, []byte{0xfb, 0xff, 0xfe}},
		{"base64url", "-__-", keys.Base64URL, []byte{0xfb, 0xff, 0xfe}},
		{"base64url unpadded", "c2VjcmV0LWtleQ", keys.Base64URL, []byte("secret-key")},
		{"base64url padded", "c2VjcmV0LWtleQ==", keys.Base64URL, []byte("secret-key")},
		{"base64url with white space", "c2Vj\ncmV0\nLWtl\neQ\n", keys.Base64URL, []byte("secret-key")},
		{"hex lower case", "00ff10", keys.Hex, []byte{0x00, 0xff, 0x10}},
		{"hex upper case", "00FF10", keys.Hex, []byte{0x00, 0xff, 0x10}},
		{"hex 0x prefix", "0x00ff", keys.Hex, []byte{0x00, 0xff}},
		{"hex 0X prefix", "0X00FF", keys.Hex, []byte{0x00, 0xff}},
		{"hex with white space", " 00 ff\n10\t", keys.Hex, []byte{0x00, 0xff, 0x10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.DecodeSecret(tt.text, tt.enc)
			if err != nil {
				t.Fatalf("DecodeSecret(%q, %q): %v", tt.text, tt.enc, err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("DecodeSecret(%q, %q) = %x, want %x", tt.text, tt.enc, got, tt.want)
			}
		})
	}
}

func TestDecodeSecretErrors(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		enc     keys.Encoding
		code    jwterr.Code
		offset  int
		want    []string
		notWant string
	}{
		{"base64 given base64url '-'", "ab-d", keys.Base64, jwterr.KeyInvalid, 2,
			[]string{"not valid base64", "'-'", "at offset 2", "looks like base64url"}, ""},
		{"base64 given base64url '_'", "abc_", keys.Base64, jwterr.KeyInvalid, 3,
			[]string{"'_'", "looks like base64url"}, ""},
		{"base64 offset counts white space", "a b\n_d", keys.Base64, jwterr.KeyInvalid, 4,
			[]string{"'_'", "at offset 4"}, ""},
		{"base64url given base64 '+'", "ab+d", keys.Base64URL, jwterr.KeyInvalid, 2,
			[]string{"not valid base64url", "'+'", "looks like base64:"}, ""},
		{"base64url given base64 '/'", "abc/", keys.Base64URL, jwterr.KeyInvalid, 3,
			[]string{"'/'", "looks like base64:"}, ""},
		{"base64 foreign character has no hint", "ab*d", keys.Base64, jwterr.KeyInvalid, 2,
			[]string{"'*'"}, "looks like"},
		{"base64 one character", "a", keys.Base64, jwterr.KeyInvalid, 0,
			[]string{"ends too early", "length, 1,"}, "unexpected character"},
		{"base64 impossible length", "abcde", keys.Base64, jwterr.KeyInvalid, 4,
			[]string{"ends too early", "length, 5,"}, "unexpected character"},
		{"base64url impossible length", "abcde", keys.Base64URL, jwterr.KeyInvalid, 4,
			[]string{"not valid base64url", "ends too early"}, ""},
		{"base64 padding cut short", "aGlhbw=", keys.Base64, jwterr.KeyInvalid, 7,
			[]string{"ends too early", "length, 7,"}, ""},
		{"base64 padding in the middle", "aG=k", keys.Base64, jwterr.KeyInvalid, 2,
			[]string{"'='"}, ""},
		{"hex bad character", "0g", keys.Hex, jwterr.KeyInvalid, 1,
			[]string{"not valid hex", "'g'", "at offset 1"}, ""},
		{"hex bad first character", "zz", keys.Hex, jwterr.KeyInvalid, 0,
			[]string{"'z'"}, ""},
		{"hex bad character after 0x", "0x0g", keys.Hex, jwterr.KeyInvalid, 3,
			[]string{"'g'", "at offset 3"}, ""},
		{"hex bad character after white space", "00 ff\n0g", keys.Hex, jwterr.KeyInvalid, 7,
			[]string{"'g'", "at offset 7"}, ""},
		{"hex bad character of several bytes", "00é0", keys.Hex, jwterr.KeyInvalid, 2,
			[]string{"'é'", "at offset 2"}, ""},
		{"hex odd length", "abc", keys.Hex, jwterr.KeyInvalid, noOffset,
			[]string{"odd number of digits (3)"}, ""},
		{"hex odd length after white space", "ab c", keys.Hex, jwterr.KeyInvalid, noOffset,
			[]string{"odd number of digits (3)"}, ""},
		{"unknown encoding", "abcd", "base32", jwterr.BadInput, noOffset,
			[]string{`"base32"`, "utf8, base64, base64url or hex"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.DecodeSecret(tt.text, tt.enc)
			if got != nil {
				t.Errorf("DecodeSecret(%q, %q) = %x with an error, want nil", tt.text, tt.enc, got)
			}
			checkError(t, err, tt.code, jwterr.PartKey, tt.offset, tt.want...)
			if tt.notWant != "" && err != nil && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("message %q contains %q", err, tt.notWant)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		name string
		want keys.Encoding
		ok   bool
	}{
		{"", keys.UTF8, true},
		{"utf8", keys.UTF8, true},
		{"base64", keys.Base64, true},
		{"base64url", keys.Base64URL, true},
		{"hex", keys.Hex, true},
		{"HEX", "", false},
		{"utf-8", "", false},
		{"base32", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.ParseEncoding(tt.name)
			if !tt.ok {
				checkError(t, err, jwterr.BadInput, jwterr.PartKey, noOffset, "unknown secret encoding")
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseEncoding(%q) = %q, %v; want %q, nil", tt.name, got, err, tt.want)
			}
		})
	}
}

// TestOtherReadings: the secret text under every other encoding that
// reads it, each distinct reading once, never one Parse would refuse.
func TestOtherReadings(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		typed keys.Encoding
		want  string // encodings and bytes, "enc=hex;…"
	}{
		{"text that is nothing else", "not base64!", keys.UTF8, ""},
		{"base64 and base64url give the same bytes once", "aGk", keys.UTF8, "base64=6869"},
		{"hex is base64 too", "6869", keys.UTF8, "base64=ebcebd;hex=6869"},
		{"base64url only", "-__-", keys.UTF8, "base64url=fbfffe"},
		{"typed base64: text first", "aGk=", keys.Base64, "utf8=61476b3d"},
		{"the empty encoding is UTF-8", "aGk", "", "base64=6869"},
		{"a reading that is DER is left out", "MAMCAQE=", keys.UTF8, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range keys.OtherReadings(tt.text, tt.typed) {
				got = append(got, string(r.Encoding)+"="+hex.EncodeToString(r.Secret))
			}
			if s := strings.Join(got, ";"); s != tt.want {
				t.Errorf("OtherReadings(%q, %q) = %s, want %s", tt.text, tt.typed, s, tt.want)
			}
		})
	}
}
