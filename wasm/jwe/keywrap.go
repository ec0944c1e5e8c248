package jwe

import (
	"crypto/aes"
	"crypto/subtle"
	"encoding/binary"
	"errors"
)

// kwIV is RFC 3394's default initial value.
var kwIV = [8]byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}

// errUnwrap is an AES key unwrap whose integrity check failed: a wrong key
// or a changed encrypted key.
var errUnwrap = errors.New("AES key unwrap: integrity check failed")

// kwWrap is AES Key Wrap (RFC 3394 §2.2.1) of a key of at least 16 bytes
// in whole 8-byte blocks.
func kwWrap(kek, key []byte) ([]byte, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	if len(key)%8 != 0 || len(key) < 16 {
		return nil, errors.New("AES key wrap needs a key of 16 bytes or more, in 8-byte blocks")
	}
	n := len(key) / 8
	out := make([]byte, len(key)+8)
	copy(out[:8], kwIV[:])
	copy(out[8:], key)
	var b [16]byte
	for j := range 6 {
		for i := 1; i <= n; i++ {
			copy(b[:8], out[:8])
			copy(b[8:], out[8*i:8*i+8])
			block.Encrypt(b[:], b[:])
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(out[:8], binary.BigEndian.Uint64(b[:8])^t)
			copy(out[8*i:], b[8:])
		}
	}
	return out, nil
}

// kwUnwrap is AES Key Unwrap (RFC 3394 §2.2.2), checking the initial value
// in constant time.
func kwUnwrap(kek, wrapped []byte) ([]byte, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	if len(wrapped)%8 != 0 || len(wrapped) < 24 {
		return nil, errUnwrap
	}
	n := len(wrapped)/8 - 1
	a := make([]byte, 8)
	copy(a, wrapped[:8])
	r := make([]byte, n*8)
	copy(r, wrapped[8:])
	var b [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(b[:8], binary.BigEndian.Uint64(a)^t)
			copy(b[8:], r[8*(i-1):8*i])
			block.Decrypt(b[:], b[:])
			copy(a, b[:8])
			copy(r[8*(i-1):], b[8:])
		}
	}
	if subtle.ConstantTimeCompare(a, kwIV[:]) != 1 {
		return nil, errUnwrap
	}
	return r, nil
}
