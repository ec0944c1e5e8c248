// Package secp256k1 is the elliptic curve secp256k1 (SEC 2, section 2.4.1)
// as a crypto/elliptic.Curve, for ES256K (RFC 8812): crypto/ecdsa signs
// and verifies on any such curve through its generic code.
//
// It is written here because the well-kept Go implementations carry
// precomputed tables that would add about 600 KB (gzip) to the wasm, twice
// the budget of every new algorithm together. This one is short Weierstrass
// arithmetic with a = 0 over math/big, in Jacobian coordinates.
//
// The trade-off: verifying handles only public values, but signing and key
// generation multiply by a secret scalar. The multiplication is a
// Montgomery ladder, so the sequence of point operations does not depend on
// the scalar's bits; math/big itself, though, is not constant time, so the
// time a signature takes can still leak something about the key to someone
// who can time many signatures on the same machine. crypto/ecdsa picks the
// nonce from crypto/rand (mixed with the key and the message), never from a
// weak source. The playground signs with keys people paste or generate for
// testing; a production key should not be pasted into a web page anyway.
package secp256k1

import (
	"crypto/elliptic"
	"math/big"
	"sync"
)

// Curve returns secp256k1. Its Params().Name is "secp256k1", the JWK "crv"
// of RFC 8812 section 3.1.
func Curve() elliptic.Curve { return curve() }

var curve = sync.OnceValue(func() elliptic.Curve {
	hex := func(s string) *big.Int {
		n, _ := new(big.Int).SetString(s, 16)
		return n
	}
	return &k1{&elliptic.CurveParams{
		Name:    "secp256k1",
		BitSize: 256,
		P:       hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"),
		N:       hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"),
		B:       big.NewInt(7),
		Gx:      hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
		Gy:      hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"),
	}}
})

// k1 implements elliptic.Curve. The methods of elliptic.CurveParams assume
// a = -3 and are wrong for secp256k1, so every one is written here.
type k1 struct {
	params *elliptic.CurveParams
}

// Params returns the curve's parameters.
func (c *k1) Params() *elliptic.CurveParams { return c.params }

// IsOnCurve reports whether (x, y), each in [0, P), satisfies y² = x³ + 7.
func (c *k1) IsOnCurve(x, y *big.Int) bool {
	p := c.params.P
	if x.Sign() < 0 || x.Cmp(p) >= 0 || y.Sign() < 0 || y.Cmp(p) >= 0 {
		return false
	}
	return c.mul(y, y).Cmp(c.rhs(x)) == 0
}

// rhs returns x³ + 7 mod P.
func (c *k1) rhs(x *big.Int) *big.Int {
	r := new(big.Int).Mul(x, x)
	r.Mul(r, x)
	r.Add(r, c.params.B)
	return r.Mod(r, c.params.P)
}

// Add returns (x1, y1) + (x2, y2). (0, 0) stands for the point at
// infinity, as crypto/elliptic has it.
func (c *k1) Add(x1, y1, x2, y2 *big.Int) (*big.Int, *big.Int) {
	return c.affine(c.add(c.jacobian(x1, y1), c.jacobian(x2, y2)))
}

// Double returns 2·(x, y).
func (c *k1) Double(x, y *big.Int) (*big.Int, *big.Int) {
	return c.affine(c.double(c.jacobian(x, y)))
}

// ScalarMult returns k·(x, y), k a big-endian integer.
func (c *k1) ScalarMult(x, y *big.Int, k []byte) (*big.Int, *big.Int) {
	return c.affine(c.ladder(c.jacobian(x, y), k))
}

// ScalarBaseMult returns k·G, k a big-endian integer.
func (c *k1) ScalarBaseMult(k []byte) (*big.Int, *big.Int) {
	return c.ScalarMult(c.params.Gx, c.params.Gy, k)
}

// point is (X, Y, Z) in Jacobian coordinates: x = X/Z², y = Y/Z³. Z = 0 is
// the point at infinity.
type point struct{ x, y, z *big.Int }

func (c *k1) infinity() point { return point{new(big.Int), new(big.Int), new(big.Int)} }

func (c *k1) jacobian(x, y *big.Int) point {
	if x.Sign() == 0 && y.Sign() == 0 {
		return c.infinity()
	}
	return point{new(big.Int).Set(x), new(big.Int).Set(y), big.NewInt(1)}
}

func (c *k1) affine(p point) (*big.Int, *big.Int) {
	if p.z.Sign() == 0 {
		return new(big.Int), new(big.Int)
	}
	P := c.params.P
	zinv := new(big.Int).ModInverse(p.z, P)
	zinv2 := c.mul(zinv, zinv)
	return c.mul(p.x, zinv2), c.mul(p.y, c.mul(zinv2, zinv))
}

// ladder is the Montgomery ladder: one addition and one doubling for each
// bit of k, whatever its value (see the package comment).
func (c *k1) ladder(p point, k []byte) point {
	r := [2]point{c.infinity(), p}
	for _, b := range k {
		for i := 7; i >= 0; i-- {
			bit := (b >> i) & 1
			r[1-bit] = c.add(r[0], r[1])
			r[bit] = c.double(r[bit])
		}
	}
	return r[0]
}

// P is 2²⁵⁶ − 2³² − 977, so 2²⁵⁶ ≡ 2³² + 977 (mod P): a product reduces
// by folding its high half onto its low half, several times faster than
// big.Int's division.
var (
	fold = big.NewInt(1<<32 + 977)
	low  = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
)

// reduce returns r mod P, r ≥ 0, in place.
func (c *k1) reduce(r *big.Int) *big.Int {
	hi := new(big.Int)
	for r.BitLen() > 256 {
		hi.Rsh(r, 256)
		r.And(r, low)
		r.Add(r, hi.Mul(hi, fold))
	}
	if r.Cmp(c.params.P) >= 0 {
		r.Sub(r, c.params.P)
	}
	return r
}

// mul returns a·b mod P, for a and b in [0, P).
func (c *k1) mul(a, b *big.Int) *big.Int { return c.reduce(new(big.Int).Mul(a, b)) }

// sub returns a − b mod P, for a and b in [0, P).
func (c *k1) sub(a, b *big.Int) *big.Int {
	r := new(big.Int).Sub(a, b)
	if r.Sign() < 0 {
		r.Add(r, c.params.P)
	}
	return r
}

// small returns k·a mod P, for a small k ≥ 0.
func (c *k1) small(k int64, a *big.Int) *big.Int { return c.reduce(new(big.Int).Mul(big.NewInt(k), a)) }

// double is dbl-2009-l of the Explicit-Formulas Database, for a = 0.
func (c *k1) double(p point) point {
	if p.z.Sign() == 0 || p.y.Sign() == 0 {
		return c.infinity()
	}
	a := c.mul(p.x, p.x)
	b := c.mul(p.y, p.y)
	cc := c.mul(b, b)
	xb := c.reduce(new(big.Int).Add(p.x, b))
	d := c.small(2, c.sub(c.sub(c.mul(xb, xb), a), cc))
	e := c.small(3, a)
	f := c.mul(e, e)
	x3 := c.sub(f, c.small(2, d))
	y3 := c.sub(c.mul(e, c.sub(d, x3)), c.small(8, cc))
	z3 := c.small(2, c.mul(p.y, p.z))
	return point{x3, y3, z3}
}

// add is add-2007-bl of the Explicit-Formulas Database, with the cases it
// leaves out: either point at infinity, and equal or opposite points.
func (c *k1) add(p, q point) point {
	switch {
	case p.z.Sign() == 0:
		return q
	case q.z.Sign() == 0:
		return p
	}
	z1z1 := c.mul(p.z, p.z)
	z2z2 := c.mul(q.z, q.z)
	u1 := c.mul(p.x, z2z2)
	u2 := c.mul(q.x, z1z1)
	s1 := c.mul(c.mul(p.y, q.z), z2z2)
	s2 := c.mul(c.mul(q.y, p.z), z1z1)
	h := c.sub(u2, u1)
	r := c.small(2, c.sub(s2, s1))
	if h.Sign() == 0 {
		if r.Sign() == 0 {
			return c.double(p)
		}
		return c.infinity()
	}
	i := c.small(4, c.mul(h, h))
	j := c.mul(h, i)
	v := c.mul(u1, i)
	x3 := c.sub(c.sub(c.mul(r, r), j), c.small(2, v))
	y3 := c.sub(c.mul(r, c.sub(v, x3)), c.small(2, c.mul(s1, j)))
	zz := c.reduce(new(big.Int).Add(p.z, q.z))
	z3 := c.mul(c.sub(c.sub(c.mul(zz, zz), z1z1), z2z2), h)
	return point{x3, y3, z3}
}
