package memo

import "testing"

func TestCache(t *testing.T) {
	var c Cache[string, int]
	calls := 0
	f := func(n int) func() int { return func() int { calls++; return n } }
	for _, k := range []string{"a", "b", "a", "c", "d", "a", "e", "b"} {
		c.Get(k, f(len(k)))
	}
	// a, b, c and d are computed, a is found twice, e takes a's place, and
	// b is found.
	if calls != 5 {
		t.Errorf("%d computations, want 5 (a, b, c, d, e)", calls)
	}
	if got := c.Get("a", f(99)); got != 99 || calls != 6 {
		t.Errorf("a after eviction = %d (calls %d), want it computed again", got, calls)
	}
}
