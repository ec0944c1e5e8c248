// Package memo remembers the last few results of a pure function. The page
// asks the core about the same token and key several times per keystroke
// (decode, verify, explain, lint), and a key rarely changes between
// keystrokes: reading it once saves parsing PEM, JWKs and JSON again.
package memo

import "sync"

// size is how many results are kept: the current token and key, and the
// ones just before, which typing back and forth returns to.
const size = 4

// Cache keeps the last size results of a function of K.
type Cache[K comparable, V any] struct {
	mu      sync.Mutex
	entries [size]entry[K, V]
	next    int
}

type entry[K comparable, V any] struct {
	set bool
	key K
	val V
}

// Get returns the value remembered for k, or computes it as f(k) and
// remembers it in place of the oldest. f is given k, rather than closing
// over it, so that a lookup that finds its value allocates nothing: a
// closure passed here is allocated on every call.
func (c *Cache[K, V]) Get(k K, f func(K) V) V {
	c.mu.Lock()
	for _, e := range c.entries {
		if e.set && e.key == k {
			c.mu.Unlock()
			return e.val
		}
	}
	c.mu.Unlock()
	v := f(k)
	c.mu.Lock()
	c.entries[c.next] = entry[K, V]{true, k, v}
	c.next = (c.next + 1) % size
	c.mu.Unlock()
	return v
}
