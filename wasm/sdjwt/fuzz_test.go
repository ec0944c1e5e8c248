package sdjwt

import (
	"strings"
	"testing"
	"time"
)

// FuzzDecode: no input makes Decode or Verify panic, each error is placed,
// and a processed payload comes only with no §7 failure but key binding's.
func FuzzDecode(f *testing.F) {
	for _, v := range rfcVectors(f) {
		f.Add(v.SDJWT)
	}
	given := disclosure("s", "given_name", "John")
	f.Add(issuerJWT(f, `{"_sd":["`+dig(given)+`","`+dig(given)+`"]}`) + "~" + given + "~" + given + "~")
	f.Add(deepChain(f, 5))
	f.Add("~~~")
	f.Add("a.b.c~WyJzIl0~x.y.z")
	f.Fuzz(func(t *testing.T, text string) {
		d, err := Decode(text)
		if err != nil {
			return
		}
		for _, e := range d.Errors {
			if e.Code == "" || e.Message == "" || e.Part == "" {
				t.Fatalf("error without code, message or part: %+v", e)
			}
		}
		if d.Processed != nil && !strings.Contains(text, "~") {
			t.Fatal("processed something that is not an SD-JWT")
		}
		opts := VerifyOptions{Nonce: "n"}
		opts.Key, opts.Now = issuerPublic, time.Unix(1_700_000_000, 0)
		if v, _ := Verify(text, opts); v.Valid {
			t.Fatalf("valid without a key-binding JWT by the holder: %q", text)
		}
	})
}
