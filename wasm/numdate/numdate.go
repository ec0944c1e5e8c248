// Package numdate writes JWT NumericDates (seconds since 1970, RFC 7519
// section 2) for people: as UTC dates and as distances from now.
package numdate

import (
	"fmt"
	"math"
	"time"
)

// maxCalendar is 9999-12-31 23:59:59 UTC, the last second a date can show.
const maxCalendar = 253402300799

// Format writes a NumericDate as a UTC date, or as the bare number when it
// is beyond what a calendar can show.
func Format(sec float64) string {
	if math.IsNaN(sec) || math.Abs(sec) > maxCalendar {
		return fmt.Sprintf("%g", sec)
	}
	return time.Unix(int64(math.Floor(sec)), 0).UTC().Format("2006-01-02 15:04:05 UTC")
}

// ISO writes a NumericDate as RFC 3339, for JavaScript's Date; "" when it
// is beyond the calendar.
func ISO(sec float64) string {
	if math.IsNaN(sec) || math.Abs(sec) > maxCalendar {
		return ""
	}
	return time.Unix(int64(math.Floor(sec)), 0).UTC().Format(time.RFC3339)
}

// Relative says how far away a moment delta seconds from now is, in words:
// "3 days ago", "in 14 minutes".
func Relative(delta float64) string {
	switch {
	case math.IsInf(delta, 1):
		return "never"
	case math.IsInf(delta, -1):
		return "at the beginning of time"
	case math.IsNaN(delta):
		return "at no time"
	case math.Abs(delta) < 1:
		return "just now"
	}
	abs := math.Abs(delta)
	units := []struct {
		name string
		secs float64
	}{{"year", 365.25 * 86400}, {"day", 86400}, {"hour", 3600}, {"minute", 60}, {"second", 1}}
	var phrase string
	for _, u := range units {
		if abs >= u.secs {
			n := math.Floor(abs / u.secs)
			phrase = fmt.Sprintf("%.0f %s", n, u.name)
			if n != 1 {
				phrase += "s"
			}
			break
		}
	}
	if delta < 0 {
		return phrase + " ago"
	}
	return "in " + phrase
}

// Seconds returns t as fractional seconds since 1970, for any t (UnixNano
// overflows outside the years 1678 to 2262).
func Seconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}
