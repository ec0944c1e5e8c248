package e2e

// Hostile SD-JWTs on the page: each failure of RFC 9901 §7.1 is shown with
// its code beside the part at fault (the disclosure's row, or above the
// table for the issuer JWT's payload), and the badge never says the SD-JWT
// verified.

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// disclosure encodes a disclosure of members and returns it with its
// sha-256 digest.
func disclosure(t *testing.T, members ...any) (text, digest string) {
	t.Helper()
	b, err := json.Marshal(members)
	if err != nil {
		t.Fatal(err)
	}
	return encodeDisclosure(string(b))
}

// encodeDisclosure encodes any text as a disclosure, JSON or not.
func encodeDisclosure(raw string) (text, digest string) {
	text = base64.RawURLEncoding.EncodeToString([]byte(raw))
	sum := sha256.Sum256([]byte(text))
	return text, base64.RawURLEncoding.EncodeToString(sum[:])
}

func TestSDJWTHostileOnPage(t *testing.T) {
	name, nameDigest := disclosure(t, "salt-1", "given_name", "Ada")
	reserved, reservedDigest := disclosure(t, "salt-2", "_sd", []string{"forged"})
	element, elementDigest := disclosure(t, "salt-3", "GB")
	notArray, notArrayDigest := encodeDisclosure(`{"salt":"s","name":"n"}`)
	cases := []struct {
		desc        string
		claims      jwt.MapClaims
		disclosures []string
		// row is the disclosure whose row shows code, or -1 for the
		// list above the table.
		row  int
		code string
	}{
		{"an _sd_alg in the wrong case", jwt.MapClaims{"_sd_alg": "SHA-256", "_sd": []string{nameDigest}}, []string{name}, -1, "sd_unsupported_alg"},
		{"a digest twice in the payload", jwt.MapClaims{"_sd": []string{nameDigest, nameDigest}}, []string{name}, -1, "sd_digest_reused"},
		{"a disclosure given twice", jwt.MapClaims{"_sd": []string{nameDigest}}, []string{name, name}, 1, "sd_disclosure_reused"},
		{"a disclosed claim named _sd", jwt.MapClaims{"_sd": []string{reservedDigest}}, []string{reserved}, 0, "sd_reserved_name"},
		{"a disclosed name the object has", jwt.MapClaims{"given_name": "Eve", "_sd": []string{nameDigest}}, []string{name}, 0, "sd_name_exists"},
		{"an array element's disclosure in _sd", jwt.MapClaims{"_sd": []string{elementDigest}}, []string{element}, 0, "sd_wrong_kind"},
		{"a disclosure that is not an array", jwt.MapClaims{"_sd": []string{notArrayDigest}}, []string{notArray}, 0, "sd_malformed"},
		{"a disclosure no digest refers to", jwt.MapClaims{"_sd": []string{}}, []string{name}, 0, "sd_unreferenced"},
	}
	p := openPlayground(t)
	p.SetKey(testSecret)
	for _, c := range cases {
		c.claims["iss"] = "https://issuer.example"
		text := sign(t, jwt.SigningMethodHS256, c.claims, []byte(testSecret)) + "~" + strings.Join(c.disclosures, "~") + "~"
		p.SetToken(text)
		s := p.WaitStatus(text, "claims-invalid")
		// Without a digest algorithm nothing is processed, so no claims
		// can be checked: the badge says the claims fail, naming _sd_alg.
		if !strings.Contains(s.StatusText, "disclosures fail") && !(c.code == "sd_unsupported_alg" && strings.Contains(s.StatusText, `"_sd_alg" is "SHA-256"`)) {
			t.Errorf("%s: badge = %q, want the disclosures to fail", c.desc, s.StatusText)
		}
		sd := readSDPanel(p)
		var shown string
		if c.row < 0 {
			shown = mustEval[string](p, `[...document.querySelectorAll("#sd-errors li")].map((li) => li.dataset.code).join(" ")`)
		} else if c.row < len(sd.RowCodes) {
			shown = sd.RowCodes[c.row]
		}
		if !strings.Contains(shown, c.code) {
			t.Errorf("%s: shows %q where it should show %s (panel %+v)", c.desc, shown, c.code, sd)
		}
		if c.code == "sd_unsupported_alg" && !strings.HasPrefix(sd.Undisclosed, "The disclosures could not be applied") {
			t.Errorf("%s: under the processed payload %q, want that nothing was processed", c.desc, sd.Undisclosed)
		}
		if strings.Contains(sd.Processed, "forged") || strings.Contains(sd.Processed, "Eve") && strings.Contains(sd.Processed, "Ada") {
			t.Errorf("%s: processed payload = %q", c.desc, sd.Processed)
		}
	}
}
