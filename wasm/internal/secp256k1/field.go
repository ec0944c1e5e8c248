package secp256k1

import (
	"math/big"
	"math/bits"
)

// fe is an element of the field of order P = 2²⁵⁶ − 2³² − 977, as four
// 64-bit limbs, least significant first, always fully reduced (below P).
// Its operations run in time independent of the values, with math/bits.
type fe [4]uint64

// foldC is 2²⁵⁶ mod P = 2³² + 977: a carry out of the top limb is worth it.
const foldC = 1<<32 + 977

// pLimbs is P.
var pLimbs = fe{0xfffffffefffffc2f, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff}

// feFromBig converts x, in [0, P), to a field element.
func feFromBig(x *big.Int) fe {
	var b [32]byte
	x.FillBytes(b[:])
	var r fe
	for i := range 4 {
		for j := range 8 {
			r[i] |= uint64(b[31-8*i-j]) << (8 * j)
		}
	}
	return r
}

// big returns a as a big.Int.
func (a *fe) big() *big.Int {
	var b [32]byte
	for i := range 4 {
		for j := range 8 {
			b[31-8*i-j] = byte(a[i] >> (8 * j))
		}
	}
	return new(big.Int).SetBytes(b[:])
}

// isZero reports whether a is 0.
func (a *fe) isZero() bool { return a[0]|a[1]|a[2]|a[3] == 0 }

// reduceOnce returns r − P when r ≥ P (or when carry says r overflowed
// 2²⁵⁶), else r: adding 2²⁵⁶ − P = foldC and keeping 256 bits subtracts P.
func reduceOnce(r fe, carry uint64) fe {
	var t fe
	var c uint64
	t[0], c = bits.Add64(r[0], foldC, 0)
	t[1], c = bits.Add64(r[1], 0, c)
	t[2], c = bits.Add64(r[2], 0, c)
	t[3], c = bits.Add64(r[3], 0, c)
	mask := -(c | carry) // all ones when r ≥ P
	for i := range 4 {
		r[i] = r[i]&^mask | t[i]&mask
	}
	return r
}

// feAdd returns a + b.
func feAdd(a, b *fe) fe {
	var r fe
	var c uint64
	r[0], c = bits.Add64(a[0], b[0], 0)
	r[1], c = bits.Add64(a[1], b[1], c)
	r[2], c = bits.Add64(a[2], b[2], c)
	r[3], c = bits.Add64(a[3], b[3], c)
	return reduceOnce(r, c)
}

// feSub returns a − b.
func feSub(a, b *fe) fe {
	var r fe
	var borrow uint64
	r[0], borrow = bits.Sub64(a[0], b[0], 0)
	r[1], borrow = bits.Sub64(a[1], b[1], borrow)
	r[2], borrow = bits.Sub64(a[2], b[2], borrow)
	r[3], borrow = bits.Sub64(a[3], b[3], borrow)
	// On a borrow, r is a − b + 2²⁵⁶: subtracting foldC makes it a − b + P.
	var c uint64
	r[0], c = bits.Sub64(r[0], foldC&-borrow, 0)
	r[1], c = bits.Sub64(r[1], 0, c)
	r[2], c = bits.Sub64(r[2], 0, c)
	r[3], _ = bits.Sub64(r[3], 0, c)
	return r
}

// feMul returns a·b: the 512-bit product, its high half folded onto its
// low half twice (2²⁵⁶ ≡ foldC), then reduced once.
func feMul(a, b *fe) fe {
	var t [8]uint64
	for i := range 4 {
		var carry uint64
		for j := range 4 {
			hi, lo := bits.Mul64(a[i], b[j])
			var c uint64
			lo, c = bits.Add64(lo, t[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			t[i+j], carry = lo, hi
		}
		t[i+4] = carry
	}
	var r fe
	var carry uint64
	for i := range 4 {
		hi, lo := bits.Mul64(t[4+i], foldC)
		var c uint64
		lo, c = bits.Add64(lo, t[i], 0)
		hi += c
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		r[i], carry = lo, hi
	}
	// carry < 2³⁴: fold it once more.
	hi, lo := bits.Mul64(carry, foldC)
	var c uint64
	r[0], c = bits.Add64(r[0], lo, 0)
	r[1], c = bits.Add64(r[1], hi, c)
	r[2], c = bits.Add64(r[2], 0, c)
	r[3], c = bits.Add64(r[3], 0, c)
	// A last carry leaves r tiny: adding foldC for it cannot carry again.
	r[0], c = bits.Add64(r[0], foldC&-c, 0)
	r[1], c = bits.Add64(r[1], 0, c)
	r[2], c = bits.Add64(r[2], 0, c)
	r[3], _ = bits.Add64(r[3], 0, c)
	return reduceOnce(r, 0)
}

// feSmall returns k·a for a small k, by additions.
func feSmall(k int, a *fe) fe {
	r := *a
	for range k - 1 {
		r = feAdd(&r, a)
	}
	return r
}

// feInv returns a^(P−2), a's inverse for a ≠ 0 (Fermat): the exponent is
// public, so square-and-multiply over its bits leaks nothing of a.
func feInv(a *fe) fe {
	e := pLimbs
	e[0] -= 2
	r := fe{1}
	for i := 255; i >= 0; i-- {
		r = feMul(&r, &r)
		if e[i/64]>>(i%64)&1 == 1 {
			r = feMul(&r, a)
		}
	}
	return r
}
