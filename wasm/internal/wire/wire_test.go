package wire

import (
	"encoding/binary"
	"math"
	"reflect"
	"testing"
	"unsafe"
)

// w builds requests the way web/core.js writes them.
type w []byte

func (b w) u32(n int) w  { return binary.LittleEndian.AppendUint32(b, uint32(n)) }
func (b w) s(s string) w { return append(b.u32(len(s)), s...) }
func (b w) k(k byte) w   { return append(b, k) }
func (b w) num(f float64) w {
	return binary.LittleEndian.AppendUint64(b.k(Number), math.Float64bits(f))
}

func TestRead(t *testing.T) {
	req := w{}.u32(3).k(String).s("tok.en.x").
		k(Object).u32(4).
		s("key").k(String).s("sécret").
		s("now").num(1.7e9).
		s("audience").k(Strings).u32(2).s("a").s("").
		s("strict").k(Bool).k(1).
		k(Undefined)
	got, err := Read(req)
	if err != nil {
		t.Fatal(err)
	}
	want := []Value{
		{Kind: String, Str: "tok.en.x"},
		{Kind: Object, Fields: []Field{
			{"key", Value{Kind: String, Str: "sécret"}},
			{"now", Value{Kind: Number, Num: 1.7e9}},
			{"audience", Value{Kind: Strings, Strs: []string{"a", ""}}},
			{"strict", Value{Kind: Bool, Bool: true}},
		}},
		{Kind: Undefined},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read = %+v\nwant %+v", got, want)
	}
}

func TestReadRefusesMalformed(t *testing.T) {
	for name, req := range map[string]w{
		"empty":            {},
		"short count":      {1, 0},
		"count too large":  w{}.u32(2).k(Undefined),
		"string too long":  w{}.u32(1).k(String).u32(10).k('x'),
		"huge count":       w{}.u32(1).k(Strings).u32(math.MaxUint32),
		"unknown kind":     w{}.u32(1).k('z'),
		"nested object":    w{}.u32(1).k(Object).u32(1).s("a").k(Object).u32(0),
		"short number":     w{}.u32(1).k(Number).k(1),
		"trailing bytes":   w{}.u32(1).k(Undefined).k(Undefined),
		"missing bool":     w{}.u32(1).k(Bool),
		"field name short": w{}.u32(1).k(Object).u32(1).u32(5),
	} {
		if _, err := Read(req); err != ErrBadRequest {
			t.Errorf("%s: Read = %v, want ErrBadRequest", name, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(w{}.u32(2).k(String).s("a.b.c").k(Object).u32(1).s("key").k(String).s("k")))
	f.Add([]byte(w{}.u32(1).k(Strings).u32(2).s("x").s("y")))
	f.Fuzz(func(t *testing.T, b []byte) {
		vals, err := Read(b)
		if err == nil && vals == nil {
			t.Fatal("nil values without an error")
		}
	})
}

// TestStringsReuse checks that a long string a request repeats is the
// string read before (same bytes in memory, so the core's caches find it
// equal at once), and that it reads as itself.
func TestStringsReuse(t *testing.T) {
	key := "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"
	tok := "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
	req := func(tok string) w {
		return w{}.u32(2).k(String).s(tok).k(Object).u32(1).s("key").k(String).s(key)
	}
	var s Reader
	first, err := s.Read(req(tok))
	if err != nil {
		t.Fatal(err)
	}
	other := tok[:len(tok)-1] + "X"
	again, err := s.Read(req(other))
	if err != nil {
		t.Fatal(err)
	}
	k1, k2 := first[1].Fields[0].Value.Str, again[1].Fields[0].Value.Str
	if k1 != key || k2 != key || unsafe.StringData(k1) != unsafe.StringData(k2) {
		t.Errorf("the key text read twice is %q at %p, then %q at %p: want the same string", k1, unsafe.StringData(k1), k2, unsafe.StringData(k2))
	}
	if again[0].Str != other || first[0].Str != tok {
		t.Errorf("tokens read as %q and %q, want %q and %q", first[0].Str, again[0].Str, tok, other)
	}
	// A request repeating both strings allocates only its values.
	b := req(tok)
	n := testing.AllocsPerRun(20, func() { s.Read(b) })
	m := testing.AllocsPerRun(20, func() { Read(b) })
	if n != m-2 {
		t.Errorf("reading a request of 2 remembered strings allocates %v times, without a Reader %v: want 2 fewer", n, m)
	}
}
