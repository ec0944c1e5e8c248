package secp256k1

import (
	"math/big"
	"testing"
)

var bigP, _ = new(big.Int).SetString("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16)

// FuzzField checks the limb arithmetic against math/big, modulo P, for any
// two elements: the edges (0, 1, P−1, values just under 2²⁵⁶ − P) are
// where carries and reductions go wrong.
func FuzzField(f *testing.F) {
	pm1 := new(big.Int).Sub(bigP, big.NewInt(1)).Bytes()
	f.Add([]byte{0}, []byte{1})
	f.Add(pm1, pm1)
	f.Add(pm1, []byte{1})
	f.Add([]byte{0x01, 0, 0, 0x03, 0xd0}, pm1)
	f.Add(new(big.Int).Lsh(big.NewInt(1), 255).Bytes(), new(big.Int).Lsh(big.NewInt(1), 255).Bytes())
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a := new(big.Int).Mod(new(big.Int).SetBytes(x), bigP)
		b := new(big.Int).Mod(new(big.Int).SetBytes(y), bigP)
		fa, fb := feFromBig(a), feFromBig(b)
		mod := func(z *big.Int) *big.Int { return z.Mod(z, bigP) }
		check := func(op string, got fe, want *big.Int) {
			t.Helper()
			if got.big().Cmp(want) != 0 {
				t.Fatalf("%s(%x, %x) = %x, want %x", op, a, b, got.big(), want)
			}
			for i := 3; i >= 0; i-- { // fully reduced: below P
				if got[i] != pLimbs[i] {
					if got[i] > pLimbs[i] {
						t.Fatalf("%s(%x, %x) = %x, not below P", op, a, b, got.big())
					}
					break
				}
				if i == 0 {
					t.Fatalf("%s(%x, %x) = P", op, a, b)
				}
			}
		}
		check("add", feAdd(&fa, &fb), mod(new(big.Int).Add(a, b)))
		check("sub", feSub(&fa, &fb), mod(new(big.Int).Sub(a, b)))
		check("mul", feMul(&fa, &fb), mod(new(big.Int).Mul(a, b)))
		check("small", feSmall(8, &fa), mod(new(big.Int).Mul(a, big.NewInt(8))))
		if a.Sign() != 0 {
			check("inv", feInv(&fa), new(big.Int).ModInverse(a, bigP))
		}
	})
}
