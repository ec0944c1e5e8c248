package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// median is the 50th percentile of xs.
func median(xs []float64) float64 { return percentile(xs, 50) }

// percentile is the p-th percentile of xs, interpolating linearly between
// the closest ranks; NaN for no values.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	r := p / 100 * float64(len(s)-1)
	lo, hi := int(math.Floor(r)), int(math.Ceil(r))
	return s[lo] + (s[hi]-s[lo])*(r-float64(lo))
}

// formatUS formats microseconds (or milliseconds) to three significant
// digits, with commas between thousands.
func formatUS(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case v >= 99.95: // rounds to 100 or more
		return thousands(fmt.Sprintf("%.0f", v))
	case v >= 9.995:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// formatRatio formats ours/jose, such as 1.8 or 0.42.
func formatRatio(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	case v >= 9.95: // rounds to 10 or more
		return thousands(fmt.Sprintf("%.0f", v))
	case v >= 0.995:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// formatKB formats bytes as kB (1000 bytes), to one decimal below 100 kB.
func formatKB(n int64) string {
	kb := float64(n) / 1000
	if kb < 100 {
		return fmt.Sprintf("%.1f", kb)
	}
	return thousands(fmt.Sprintf("%.0f", kb))
}

// thousands puts a separator into a string of digits every three.
func thousands(digits string) string {
	if len(digits) <= 4 {
		return digits
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteRune(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
