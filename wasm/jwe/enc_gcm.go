package jwe

import (
	"crypto/aes"
	"crypto/cipher"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// gcm is AES in Galois/Counter Mode (RFC 7518 §5.3) with a key of size
// bytes, a 96-bit IV and a 128-bit tag.
type gcm struct{ size int }

func (g gcm) keySize() int { return g.size }
func (g gcm) ivSize() int  { return 12 }

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func (g gcm) seal(cek, iv, aad, plaintext []byte) ([]byte, []byte, error) {
	return gcmSeal(cek, iv, aad, plaintext)
}

func (g gcm) open(cek, iv, aad, ciphertext, tag []byte) ([]byte, error) {
	return gcmOpen(cek, iv, aad, ciphertext, tag)
}

func gcmSeal(key, iv, aad, plaintext []byte) ([]byte, []byte, error) {
	a, err := newGCM(key)
	if err != nil {
		return nil, nil, err
	}
	out := a.Seal(nil, iv, plaintext, aad)
	n := len(out) - a.Overhead()
	return out[:n], out[n:], nil
}

// gcmOpen checks the tag and decrypts in one step, as GCM does: a failure
// is always the tag's.
func gcmOpen(key, iv, aad, ciphertext, tag []byte) ([]byte, error) {
	if len(tag) != 16 {
		return nil, stepErr(jwterr.StepTag, "the authentication tag is %d bytes, but AES-GCM's is 16: the token was cut or changed", len(tag))
	}
	a, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	out, err := a.Open(nil, iv, append(ciphertext[:len(ciphertext):len(ciphertext)], tag...), aad)
	if err != nil {
		return nil, tagMismatch()
	}
	return out, nil
}
