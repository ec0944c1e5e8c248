package jwe

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"encoding/binary"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// cbcHMAC is AES_CBC_HMAC_SHA2 (RFC 7518 §5.2): the CEK is a MAC key and
// an encryption key of size bytes each; the tag is the HMAC's first size
// bytes over AAD, IV, ciphertext and the AAD's length in bits.
type cbcHMAC struct {
	size int
	hash hashFunc
}

func (c cbcHMAC) keySize() int { return 2 * c.size }
func (c cbcHMAC) ivSize() int  { return aes.BlockSize }

func (c cbcHMAC) tagOf(macKey, aad, iv, ciphertext []byte) []byte {
	m := hmac.New(c.hash, macKey)
	m.Write(aad)
	m.Write(iv)
	m.Write(ciphertext)
	m.Write(binary.BigEndian.AppendUint64(nil, uint64(len(aad))*8))
	return m.Sum(nil)[:c.size]
}

func (c cbcHMAC) seal(cek, iv, aad, plaintext []byte) ([]byte, []byte, error) {
	block, err := aes.NewCipher(cek[c.size:])
	if err != nil {
		return nil, nil, err
	}
	pad := aes.BlockSize - len(plaintext)%aes.BlockSize
	buf := make([]byte, len(plaintext)+pad)
	copy(buf, plaintext)
	for i := len(plaintext); i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return buf, c.tagOf(cek[:c.size], aad, iv, buf), nil
}

// open checks the tag before anything is decrypted (RFC 7518 §5.2.2.2), so
// a changed ciphertext never reaches the padding check: there is no
// padding oracle to ask.
func (c cbcHMAC) open(cek, iv, aad, ciphertext, tag []byte) ([]byte, error) {
	if len(tag) != c.size {
		return nil, stepErr(jwterr.StepTag, "the authentication tag is %d bytes, but this enc's is %d (the HMAC's first half): the token was cut or changed", len(tag), c.size)
	}
	if !hmac.Equal(tag, c.tagOf(cek[:c.size], aad, iv, ciphertext)) {
		return nil, tagMismatch()
	}
	if len(ciphertext) == 0 || len(ciphertext)%aes.BlockSize != 0 {
		return nil, stepErr(jwterr.StepContent, "the ciphertext is %d bytes, not a whole number of 16-byte AES blocks, although its tag matches: the sender made it wrongly", len(ciphertext))
	}
	block, err := aes.NewCipher(cek[c.size:])
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, ciphertext)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > aes.BlockSize {
		return nil, badPadding()
	}
	for _, b := range out[len(out)-pad:] {
		if int(b) != pad {
			return nil, badPadding()
		}
	}
	return out[:len(out)-pad], nil
}

// badPadding is reached only once the tag matched: the key is right and
// the sender padded wrongly, so saying so is no oracle.
func badPadding() error {
	return stepErr(jwterr.StepContent, "the tag matches, but the decrypted content has no valid PKCS #7 padding: the sender made it wrongly")
}
