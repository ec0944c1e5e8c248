package wire

import (
	"encoding/json"
	"testing"
)

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ back`, "tab\tline\nret\r", "\x00\x01\x1f\x7f", "Zoë ✓ 😀", "bad \xff utf8 \xc3", "<script>&", "\u2028\u2029"} {
		checkString(t, s)
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("Zoë \xff \" \\ \n \x01")
	f.Fuzz(checkString)
}

// checkString checks that AppendString's literal reads back as what
// encoding/json makes of s.
func checkString(t *testing.T, s string) {
	lit := AppendString(nil, s)
	var got, want string
	if err := json.Unmarshal(lit, &got); err != nil {
		t.Fatalf("AppendString(%q) = %s: %v", s, lit, err)
	}
	ref, _ := json.Marshal(s)
	if err := json.Unmarshal(ref, &want); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("AppendString(%q) reads back as %q, want %q", s, got, want)
	}
}
