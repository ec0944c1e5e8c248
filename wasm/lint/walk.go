package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/numdate"
)

func seconds(t time.Time) float64 { return numdate.Seconds(t) }

// number reads a numeric claim.
func (in *input) number(name string) (float64, bool) {
	n, ok := in.claims[name].(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	return f, err == nil
}

func decodeNumbers(raw []byte, v any) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	dec.Decode(v)
}

// walk calls fn for every member of every object in v, with its dotted path.
func walk(v any, path string, fn func(path, name string, value any)) {
	switch v := v.(type) {
	case map[string]any:
		names := make([]string, 0, len(v))
		for name := range v {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			child := v[name]
			p := name
			if path != "" {
				p = path + "." + name
			}
			fn(p, name, child)
			walk(child, p, fn)
		}
	case []any:
		for i, child := range v {
			walk(child, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}

// luhn reports whether the digits of s pass the Luhn check that payment
// card numbers carry, which keeps most long numbers from looking like one.
func luhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int(c - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

func duration(sec float64) string {
	d := math.Abs(sec)
	switch {
	case d >= 2*86400:
		return fmt.Sprintf("%.0f days", d/86400)
	case d >= 2*3600:
		return fmt.Sprintf("%.0f hours", d/3600)
	case d >= 120:
		return fmt.Sprintf("%.0f minutes", d/60)
	}
	return fmt.Sprintf("%.0f seconds", d)
}

// duplicates returns the member names that appear twice in one object,
// at any depth, by reading raw as a stream of tokens.
func duplicates(raw []byte) []string {
	type frame struct {
		object  bool
		wantKey bool
		seen    map[string]bool
	}
	var stack []*frame
	var dups []string
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	for {
		t, err := dec.Token()
		if err != nil {
			return dups
		}
		if n := len(stack); n > 0 && stack[n-1].wantKey {
			if name, ok := t.(string); ok {
				top := stack[n-1]
				if top.seen[name] {
					dups = append(dups, name)
				}
				top.seen[name], top.wantKey = true, false
				continue
			}
		}
		switch t {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, wantKey: true, seen: map[string]bool{}})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

var severityRank = map[Severity]int{High: 0, Medium: 1, Low: 2, Info: 3}

func sortBySeverity(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return severityRank[fs[i].Severity] < severityRank[fs[j].Severity] })
}
