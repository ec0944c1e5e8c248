package sdjwt

import (
	"strings"
	"testing"
)

// FuzzDecode: no input makes Decode panic, each §7 error is placed, and
// every disclosure that lands somewhere has a digest. (Verify is left out:
// under the fuzzer's coverage instrumentation each ECDSA check takes
// seconds, and the hostile table covers its verdicts.)
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
		for _, disc := range d.Disclosures {
			if disc.Path != "" && disc.Digest == "" {
				t.Fatalf("disclosure %d lands at %q without a digest", disc.Index, disc.Path)
			}
		}
	})
}
