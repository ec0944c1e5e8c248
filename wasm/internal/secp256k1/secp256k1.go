// Package secp256k1 is the elliptic curve secp256k1 (SEC 2, section 2.4.1)
// as a crypto/elliptic.Curve, for ES256K (RFC 8812): crypto/ecdsa signs
// and verifies on any such curve through its generic code.
//
// It is written here because the well-kept Go implementations carry
// precomputed tables that would add about 600 KB (gzip) to the wasm, twice
// the budget of every new algorithm together. This one is short Weierstrass
// arithmetic with a = 0 in Jacobian coordinates, over a field of four
// 64-bit limbs (field.go) whose operations take the same time whatever
// the values.
//
// The trade-off: verifying handles only public values, but signing and key
// generation multiply by a secret scalar. The multiplication is a
// Montgomery ladder over a scalar of fixed length, so the sequence of
// field operations does not depend on the scalar; but crypto/ecdsa's
// generic code for custom curves, which signs, inverts the nonce with
// math/big, which is not constant time, so the time a signature takes can
// still leak a little about the nonce to someone who can time many
// signatures on the same machine. crypto/ecdsa picks the nonce from
// crypto/rand (mixed with the key and the message), never from a weak
// source. The playground signs with keys people paste or generate for
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
	y2 := new(big.Int).Mul(y, y)
	x3 := new(big.Int).Exp(x, big.NewInt(3), nil)
	x3.Add(x3, c.params.B)
	return y2.Mod(y2, p).Cmp(x3.Mod(x3, p)) == 0
}

// Add returns (x1, y1) + (x2, y2). (0, 0) stands for the point at
// infinity, as crypto/elliptic has it.
func (c *k1) Add(x1, y1, x2, y2 *big.Int) (*big.Int, *big.Int) {
	return c.affine(add(c.jacobian(x1, y1), c.jacobian(x2, y2)))
}

// Double returns 2·(x, y).
func (c *k1) Double(x, y *big.Int) (*big.Int, *big.Int) {
	return c.affine(double(c.jacobian(x, y)))
}

// ScalarMult returns k·(x, y), k a big-endian integer.
func (c *k1) ScalarMult(x, y *big.Int, k []byte) (*big.Int, *big.Int) {
	return c.affine(ladder(c.jacobian(x, y), c.fixedLength(k)))
}

// fixedLength returns k mod N plus N or 2N, whichever has 257 bits, in
// 33 bytes: the same multiple of any point (whose order is N), with the
// same number of leading zeros whatever k, so that the ladder's first
// steps (from the point at infinity, which are quicker) do not tell how
// small k is, as they would for a nonce (the Minerva attack).
func (c *k1) fixedLength(k []byte) []byte {
	n := c.params.N
	m := new(big.Int).SetBytes(k)
	m.Mod(m, n).Add(m, n)
	if m.BitLen() <= 256 {
		m.Add(m, n)
	}
	return m.FillBytes(make([]byte, 33))
}

// ScalarBaseMult returns k·G, k a big-endian integer.
func (c *k1) ScalarBaseMult(k []byte) (*big.Int, *big.Int) {
	return c.ScalarMult(c.params.Gx, c.params.Gy, k)
}

// point is (X, Y, Z) in Jacobian coordinates: x = X/Z², y = Y/Z³. Z = 0 is
// the point at infinity.
type point struct{ x, y, z fe }

// jacobian converts an affine point, each coordinate reduced mod P (the
// crypto/elliptic contract asks for points on the curve, whose coordinates
// are below P already).
func (c *k1) jacobian(x, y *big.Int) point {
	if x.Sign() == 0 && y.Sign() == 0 {
		return point{}
	}
	P := c.params.P
	return point{feFromBig(new(big.Int).Mod(x, P)), feFromBig(new(big.Int).Mod(y, P)), fe{1}}
}

func (c *k1) affine(p point) (*big.Int, *big.Int) {
	if p.z.isZero() {
		return new(big.Int), new(big.Int)
	}
	zinv := feInv(&p.z)
	zinv2 := feMul(&zinv, &zinv)
	zinv3 := feMul(&zinv2, &zinv)
	x, y := feMul(&p.x, &zinv2), feMul(&p.y, &zinv3)
	return x.big(), y.big()
}

// ladder is the Montgomery ladder: one addition and one doubling for each
// bit of k, whatever its value (see the package comment).
func ladder(p point, k []byte) point {
	r := [2]point{{}, p}
	for _, b := range k {
		for i := 7; i >= 0; i-- {
			bit := (b >> i) & 1
			r[1-bit] = add(r[0], r[1])
			r[bit] = double(r[bit])
		}
	}
	return r[0]
}

// double is dbl-2009-l of the Explicit-Formulas Database, for a = 0.
func double(p point) point {
	if p.z.isZero() || p.y.isZero() {
		return point{}
	}
	a := feMul(&p.x, &p.x)
	b := feMul(&p.y, &p.y)
	cc := feMul(&b, &b)
	xb := feAdd(&p.x, &b)
	xb2 := feMul(&xb, &xb)
	t := feSub(&xb2, &a)
	t = feSub(&t, &cc)
	d := feAdd(&t, &t)
	e := feSmall(3, &a)
	f := feMul(&e, &e)
	d2 := feAdd(&d, &d)
	x3 := feSub(&f, &d2)
	dx := feSub(&d, &x3)
	y3 := feMul(&e, &dx)
	c8 := feSmall(8, &cc)
	y3 = feSub(&y3, &c8)
	yz := feMul(&p.y, &p.z)
	z3 := feAdd(&yz, &yz)
	return point{x3, y3, z3}
}

// add is add-2007-bl of the Explicit-Formulas Database, with the cases it
// leaves out: either point at infinity, and equal or opposite points.
func add(p, q point) point {
	switch {
	case p.z.isZero():
		return q
	case q.z.isZero():
		return p
	}
	z1z1 := feMul(&p.z, &p.z)
	z2z2 := feMul(&q.z, &q.z)
	u1 := feMul(&p.x, &z2z2)
	u2 := feMul(&q.x, &z1z1)
	s1 := feMul(&p.y, &q.z)
	s1 = feMul(&s1, &z2z2)
	s2 := feMul(&q.y, &p.z)
	s2 = feMul(&s2, &z1z1)
	h := feSub(&u2, &u1)
	r := feSub(&s2, &s1)
	r = feAdd(&r, &r)
	if h.isZero() {
		if r.isZero() {
			return double(p)
		}
		return point{}
	}
	h2 := feAdd(&h, &h)
	i := feMul(&h2, &h2)
	j := feMul(&h, &i)
	v := feMul(&u1, &i)
	x3 := feMul(&r, &r)
	x3 = feSub(&x3, &j)
	v2 := feAdd(&v, &v)
	x3 = feSub(&x3, &v2)
	vx := feSub(&v, &x3)
	y3 := feMul(&r, &vx)
	s1j := feMul(&s1, &j)
	s1j = feAdd(&s1j, &s1j)
	y3 = feSub(&y3, &s1j)
	zz := feAdd(&p.z, &q.z)
	z3 := feMul(&zz, &zz)
	z3 = feSub(&z3, &z1z1)
	z3 = feSub(&z3, &z2z2)
	z3 = feMul(&z3, &h)
	return point{x3, y3, z3}
}
