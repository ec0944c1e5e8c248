package memo

import "testing"

func TestCache(t *testing.T) {
	var c Cache[string, int]
	calls := 0
	f := func(n int) func(string) int { return func(string) int { calls++; return n } }
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

// TestFoundAllocatesNothing checks that a lookup that finds its value
// allocates nothing: the core looks up its token and key texts several
// times per call, and the garbage collector is slow in wasm.
func TestFoundAllocatesNothing(t *testing.T) {
	var c Cache[string, int]
	k := "a key text"
	c.Get(k, length)
	if allocs := testing.AllocsPerRun(100, func() { c.Get(k, length) }); allocs != 0 {
		t.Errorf("a lookup that finds its value allocates %v times, want 0", allocs)
	}
}

func length(s string) int { return len(s) }
