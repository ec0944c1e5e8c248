package token

import (
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// TestDecodeEncrypted: a JWE is not decrypted by Decode, but its protected
// header is read at once, so the page can show it before any key is given.
func TestDecodeEncrypted(t *testing.T) {
	// RFC 7516 A.3, after white space and a Bearer prefix.
	tok := "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2Iiwia2lkIjoiazEifQ.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ"
	d, err := Decode(" Bearer " + tok)
	if jwterr.CodeOf(err) != jwterr.EncryptedToken {
		t.Fatalf("err = %v, want encrypted_token", err)
	}
	if d.HeaderText != `{"alg":"A128KW","enc":"A128CBC-HS256","kid":"k1"}` || string(d.Header) != d.HeaderText || d.Alg != "A128KW" || d.Kid != "k1" {
		t.Errorf("header = %q %q %q %q", d.HeaderText, d.Header, d.Alg, d.Kid)
	}
	if d.JWEParts == nil || d.JWEParts.Tag != "U0m_YmjN04DJvceFICbCVQ" || d.Parts.Header != strings.Split(tok, ".")[0] || d.Start() != 8 {
		t.Errorf("parts = %+v, %+v, start %d", d.JWEParts, d.Parts, d.Start())
	}
	// A bad part is pointed at in the token as given.
	_, err = Decode("  " + strings.Replace(tok, "AxY8", "Ax+8", 1))
	if e, ok := err.(*jwterr.Error); !ok || e.Code != jwterr.BadBase64 || e.Offset == nil || *e.Offset != 2+strings.Index(tok, "AxY8")+2 {
		t.Errorf("err = %#v", err)
	}
}
