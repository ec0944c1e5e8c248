// Package explain says what each claim and header parameter of a token
// means, where it is defined, and, for NumericDates, when it is.
package explain

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/numdate"
	"github.com/jwt-playground/jwt-playground/wasm/sdjwt"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// Kind sorts claim names as RFC 7519 section 4 does.
type Kind string

// The kinds of claim names.
const (
	// Registered names are those of RFC 7519 and RFC 7515 themselves.
	Registered Kind = "registered"
	// Public names are registered with IANA by other specifications, or
	// are collision-resistant (URIs).
	Public Kind = "public"
	// Private names are agreed between issuer and consumer only.
	Private Kind = "private"
)

// Time is a NumericDate made readable.
type Time struct {
	// Unix is the NumericDate as a number; null for one beyond float64
	// (1e400), which JSON cannot write as a number.
	Unix finite `json:"unix"`
	// UTC is "2006-01-02 15:04:05 UTC"; ISO is RFC 3339, for JS's Date.
	UTC string `json:"utc"`
	ISO string `json:"iso,omitempty"`
	// Relative is the distance from now: "in 14 minutes", "3 days ago".
	Relative string `json:"relative"`
}

// Entry explains one claim or header parameter.
type Entry struct {
	Name string `json:"name"`
	// Value is the value; null when Raw is clipped.
	Value json.RawMessage `json:"value"`
	// Raw is the value's JSON text as the token has it: JavaScript's
	// numbers cannot hold 12345678901234567890 or 1e400 exactly. A text
	// over MaxValueBytes is clipped to about that, ending in "…", and
	// RawBytes then gives its whole length.
	Raw         string `json:"raw"`
	RawBytes    int    `json:"rawBytes,omitempty"`
	Kind        Kind   `json:"kind"`
	Description string `json:"description"`
	Source      string `json:"source,omitempty"`
	Time        *Time  `json:"time,omitempty"`
	// Duplicate marks a member the object has more than once. The entry
	// explains the last one, which Verify and JSON.parse use; Ignored holds
	// the JSON text of the others, in order.
	Duplicate bool     `json:"duplicate,omitempty"`
	Ignored   []string `json:"ignored,omitempty"`
}

// Explanation explains every member of a token's header and payload, in
// the order the token has them: a member written twice once, where it
// first appears, with the value that counts.
type Explanation struct {
	Header []Entry `json:"header"`
	Claims []Entry `json:"claims"`
	// HeaderOmitted and ClaimsOmitted count the members past MaxEntries,
	// which are not listed.
	HeaderOmitted int `json:"headerOmitted,omitempty"`
	ClaimsOmitted int `json:"claimsOmitted,omitempty"`
	// For an SD-JWT (RFC 9901), Header and Claims are its issuer-signed
	// JWT's, as written ("_sd" and all); Disclosed are the claims of the
	// processed payload, the disclosures applied (DisclosedOmitted counts
	// those past MaxEntries); KeyBinding explains its key-binding JWT, if
	// it has one.
	Disclosed        []Entry      `json:"disclosed,omitempty"`
	DisclosedOmitted int          `json:"disclosedOmitted,omitempty"`
	KeyBinding       *Explanation `json:"keyBinding,omitempty"`
}

// MaxEntries bounds the entries listed for the header, and for the
// payload: a payload of 80,000 members would otherwise make an answer of
// megabytes, which takes the page's thread seconds to make, parse and
// show, for a list nobody reads to its end.
const MaxEntries = 1000

// MaxValueBytes bounds the JSON text of a value an entry carries. A claim
// of 780 KB would otherwise be written out twice (as the value and as its
// text) and parsed again by the page, which shows its first 200
// characters.
const MaxValueBytes = 1024

// Explain decodes tok and explains its members at time now. An SD-JWT
// is recognised by its "~", an encrypted token (JWE) by its five parts:
// its protected header is explained.
func Explain(tok string, now time.Time) (*Explanation, error) {
	if sdjwt.Is(tok) {
		return explainSD(tok, now)
	}
	if jwe.IsCompact(tok) {
		return explainJWE(tok, now)
	}
	d, err := token.Decode(tok)
	if err != nil {
		return nil, err
	}
	nowSec := numdate.Seconds(now)
	e := &Explanation{}
	e.Header, e.HeaderOmitted = entries(d.Header, headers, nowSec)
	noteAlg(e.Header)
	e.Claims, e.ClaimsOmitted = entries(d.Payload, claims, nowSec)
	return e, nil
}

// noteAlg adds to the header's "alg" entry what its algorithm is, when
// the playground knows it.
func noteAlg(header []Entry) {
	for i, e := range header {
		var name string
		if e.Name != "alg" || json.Unmarshal(e.Value, &name) != nil {
			continue
		}
		if a, ok := keys.Lookup(name); ok {
			header[i].Description += " " + name + " is " + a.About() + "."
		}
	}
}

// explainSD explains an SD-JWT's issuer-signed JWT, its processed
// payload and its key-binding JWT.
func explainSD(text string, now time.Time) (*Explanation, error) {
	d, err := sdjwt.Decode(text)
	if err != nil {
		return nil, err
	}
	nowSec := numdate.Seconds(now)
	e := &Explanation{}
	e.Header, e.HeaderOmitted = entries(d.JWT.Header, headers, nowSec)
	noteAlg(e.Header)
	e.Claims, e.ClaimsOmitted = entries(d.JWT.Payload, claims, nowSec)
	e.Disclosed, e.DisclosedOmitted = entries(d.Processed, claims, nowSec)
	if kb := d.KeyBinding; kb != nil && kb.Header != nil {
		e.KeyBinding = &Explanation{}
		e.KeyBinding.Header, e.KeyBinding.HeaderOmitted = entries(kb.Header, headers, nowSec)
		e.KeyBinding.Claims, e.KeyBinding.ClaimsOmitted = entries(kb.Payload, claims, nowSec)
	}
	return e, nil
}

// entries explains an object's members, at most MaxEntries names, and
// counts the members past them. Of duplicate members the last one counts,
// as it does for Verify: its entry takes the place of the first, and lists
// the values it overrides as ignored.
func entries(raw json.RawMessage, known map[string]meaning, now float64) ([]Entry, int) {
	out := []Entry{}
	at := map[string]int{}
	omitted := 0
	for name, value := range jsonv.All(raw) {
		i, seen := at[name]
		if !seen && len(out) == MaxEntries {
			omitted++
			continue
		}
		e := describe(name, value, known, now)
		if !seen {
			at[name] = len(out)
			out = append(out, e)
			continue
		}
		e.Duplicate, e.Ignored = true, append(out[i].Ignored, out[i].Raw)
		out[i] = e
	}
	return out, omitted
}

func describe(name string, value json.RawMessage, known map[string]meaning, now float64) Entry {
	e := Entry{Name: name, Value: value, Raw: string(value)}
	if len(value) > MaxValueBytes {
		e.Value, e.Raw, e.RawBytes = json.RawMessage("null"), clip(value), len(value)
	}
	if m, ok := lookup(known, name); ok {
		e.Kind, e.Description, e.Source = m.kind, m.description, m.source
		if m.date {
			e.Time = readTime(value, now)
		}
		return e
	}
	if strings.ContainsAny(name, ":/") {
		e.Kind, e.Description = Public, "A collision-resistant name (a URI), defined by whoever owns it."
		return e
	}
	e.Kind, e.Description = Private, "A private claim: not registered anywhere, its meaning is agreed between the issuer and the consumers of the token."
	return e
}

func readTime(value json.RawMessage, now float64) *Time {
	sec, err := strconv.ParseFloat(string(value), 64)
	if err != nil && sec == 0 { // not a number; ±Inf for huge ones is kept
		return nil
	}
	return &Time{Unix: finite(sec), UTC: numdate.Format(sec), ISO: numdate.ISO(sec), Relative: numdate.Relative(sec - now)}
}

// clip returns about the first MaxValueBytes of text, cut where a UTF-8
// sequence begins, and "…".
func clip(text []byte) string {
	n := MaxValueBytes
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return string(text[:n]) + "…"
}

// finite is a float64 that writes ±Inf and NaN as JSON null.
type finite float64

// MarshalJSON writes f, or null when it is not a finite number.
func (f finite) MarshalJSON() ([]byte, error) {
	if math.IsInf(float64(f), 0) || math.IsNaN(float64(f)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}
