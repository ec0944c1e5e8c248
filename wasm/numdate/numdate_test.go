package numdate

import (
	"math"
	"testing"
	"time"
)

func TestRelative(t *testing.T) {
	tests := []struct {
		delta float64
		want  string
	}{
		{0, "just now"},
		{0.5, "just now"},
		{1, "in 1 second"},
		{-59, "59 seconds ago"},
		{14 * 60, "in 14 minutes"},
		{-3 * 86400, "3 days ago"},
		{86400 * 366, "in 1 year"},
		{math.Inf(1), "never"},
		{math.Inf(-1), "at the beginning of time"},
	}
	for _, tt := range tests {
		if got := Relative(tt.delta); got != tt.want {
			t.Errorf("Relative(%v) = %q, want %q", tt.delta, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		sec       float64
		want, iso string
	}{
		{0, "1970-01-01 00:00:00 UTC", "1970-01-01T00:00:00Z"},
		{1516239022.9, "2018-01-18 01:30:22 UTC", "2018-01-18T01:30:22Z"},
		{-1, "1969-12-31 23:59:59 UTC", "1969-12-31T23:59:59Z"},
		{1e20, "1e+20", ""},
		{math.Inf(1), "+Inf", ""},
	}
	for _, tt := range tests {
		if got := Format(tt.sec); got != tt.want {
			t.Errorf("Format(%v) = %q, want %q", tt.sec, got, tt.want)
		}
		if got := ISO(tt.sec); got != tt.iso {
			t.Errorf("ISO(%v) = %q, want %q", tt.sec, got, tt.iso)
		}
	}
}

func TestSeconds(t *testing.T) {
	far := time.Date(3000, 1, 1, 0, 0, 0, 500_000_000, time.UTC)
	if got := Seconds(far); got != 32503680000.5 {
		t.Errorf("Seconds(year 3000) = %v", got)
	}
}
