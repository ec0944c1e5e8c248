package secp256k1_test

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/secp256k1"
)

func hexInt(t testing.TB, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 16)
	if !ok {
		t.Fatalf("bad hex %q", s)
	}
	return n
}

// TestMultiples checks k·G against published multiples of the generator
// (SEC 2's G, and the small multiples every secp256k1 library tests).
func TestMultiples(t *testing.T) {
	c := secp256k1.Curve()
	n := c.Params().N
	tests := []struct {
		k    *big.Int
		x, y string
	}{
		{big.NewInt(1), "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"},
		{big.NewInt(2), "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5", "1ae168fea63dc339a3c58419466ceaeef7f632653266d0e1236431a950cfe52a"},
		{big.NewInt(3), "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9", "388f7b0f632de8140fe337e62a37f3566500a99934c2231b6cb9fd7584b8e672"},
		{new(big.Int).Sub(n, big.NewInt(1)), "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", "b7c52588d95c3b9aa25b0403f1eef75702e84bb7597aabe663b82f6f04ef2777"},
	}
	for _, tt := range tests {
		x, y := c.ScalarBaseMult(tt.k.Bytes())
		if x.Cmp(hexInt(t, tt.x)) != 0 || y.Cmp(hexInt(t, tt.y)) != 0 {
			t.Errorf("%x·G = (%x, %x), want (%s, %s)", tt.k, x, y, tt.x, tt.y)
		}
		if !c.IsOnCurve(x, y) {
			t.Errorf("%x·G is not on the curve", tt.k)
		}
	}
	if x, y := c.ScalarBaseMult(n.Bytes()); x.Sign() != 0 || y.Sign() != 0 {
		t.Errorf("N·G = (%x, %x), want the point at infinity (0, 0)", x, y)
	}
	gx, gy := c.Params().Gx, c.Params().Gy
	if x, y := c.Double(gx, gy); x.Cmp(hexInt(t, tests[1].x)) != 0 || y.Cmp(hexInt(t, tests[1].y)) != 0 {
		t.Errorf("Double(G) = (%x, %x), want 2·G", x, y)
	}
	if x, y := c.Add(gx, gy, gx, gy); x.Cmp(hexInt(t, tests[1].x)) != 0 || y.Cmp(hexInt(t, tests[1].y)) != 0 {
		t.Errorf("G + G = (%x, %x), want 2·G", x, y)
	}
	negY := new(big.Int).Sub(c.Params().P, gy)
	if x, y := c.Add(gx, gy, gx, negY); x.Sign() != 0 || y.Sign() != 0 {
		t.Errorf("G + (−G) = (%x, %x), want infinity", x, y)
	}
	if x, y := c.Add(new(big.Int), new(big.Int), gx, gy); x.Cmp(gx) != 0 || y.Cmp(gy) != 0 {
		t.Errorf("infinity + G = (%x, %x), want G", x, y)
	}
}

func TestIsOnCurve(t *testing.T) {
	c := secp256k1.Curve()
	p := c.Params()
	tests := []struct {
		name string
		x, y *big.Int
		want bool
	}{
		{"G", p.Gx, p.Gy, true},
		{"G with y+1", p.Gx, new(big.Int).Add(p.Gy, big.NewInt(1)), false},
		{"G with y+P", p.Gx, new(big.Int).Add(p.Gy, p.P), false},
		{"negative x", new(big.Int).Neg(p.Gx), p.Gy, false},
		{"(0, 0)", new(big.Int), new(big.Int), false},
		// (0, √7) would be on a curve with a = -3 read as this one's b.
		{"P-256's generator", hexInt(t, "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"), hexInt(t, "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"), false},
	}
	for _, tt := range tests {
		if got := c.IsOnCurve(tt.x, tt.y); got != tt.want {
			t.Errorf("%s: IsOnCurve = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestECDSA signs and verifies through crypto/ecdsa's generic code, which
// is how ES256K uses the curve.
func TestECDSA(t *testing.T) {
	priv, err := ecdsa.GenerateKey(secp256k1.Curve(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if !priv.Curve.IsOnCurve(priv.X, priv.Y) {
		t.Fatal("the generated public key is not on the curve")
	}
	digest := sha256.Sum256([]byte("eyJhbGciOiJFUzI1NksifQ.e30"))
	sig, err := ecdsa.SignASN1(rand.Reader, priv, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	if !ecdsa.VerifyASN1(&priv.PublicKey, digest[:], sig) {
		t.Fatal("a signature made here does not verify")
	}
	other := sha256.Sum256([]byte("eyJhbGciOiJFUzI1NksifQ.e31"))
	if ecdsa.VerifyASN1(&priv.PublicKey, other[:], sig) {
		t.Fatal("a signature verifies for another message")
	}
}

// FuzzScalarMult checks the ladder against the group law: (a+b)·G = a·G +
// b·G and a·(b·G) = (ab mod N)·G, whatever a and b.
func FuzzScalarMult(f *testing.F) {
	f.Add([]byte{1}, []byte{2})
	f.Add([]byte{0}, []byte{0xff, 0xff})
	f.Add(secp256k1.Curve().Params().N.Bytes(), []byte{1})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		if len(a) > 40 || len(b) > 40 {
			return
		}
		c := secp256k1.Curve()
		n := c.Params().N
		ai, bi := new(big.Int).SetBytes(a), new(big.Int).SetBytes(b)
		ax, ay := c.ScalarBaseMult(a)
		bx, by := c.ScalarBaseMult(b)
		sx, sy := c.Add(ax, ay, bx, by)
		wx, wy := c.ScalarBaseMult(new(big.Int).Mod(new(big.Int).Add(ai, bi), n).Bytes())
		if sx.Cmp(wx) != 0 || sy.Cmp(wy) != 0 {
			t.Fatalf("a·G + b·G != (a+b)·G for a=%x b=%x", a, b)
		}
		px, py := c.ScalarMult(bx, by, a)
		wx, wy = c.ScalarBaseMult(new(big.Int).Mod(new(big.Int).Mul(ai, bi), n).Bytes())
		if px.Cmp(wx) != 0 || py.Cmp(wy) != 0 {
			t.Fatalf("a·(b·G) != (ab)·G for a=%x b=%x", a, b)
		}
	})
}
