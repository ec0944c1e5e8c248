package jwe

import (
	"fmt"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// aesKW is AES Key Wrap with a shared key of size bytes (RFC 7518 §4.4).
type aesKW struct{ size int }

func (a aesKW) method() string { return "unwrap" }
func (a aesKW) kind() keyKind  { return keyKind{kty: "oct", size: a.size} }

func (a aesKW) decryptKey(t *Token, k *Key, enc contentCipher) ([]byte, error) {
	return unwrapCEK(k.Secret, t.encryptedKey, enc, fmt.Sprintf("A%dKW", a.size*8))
}

func (a aesKW) encryptKey(_ map[string]any, k *Key, enc contentCipher) ([]byte, []byte, []member, error) {
	cek := randomBytes(enc.keySize())
	ek, err := kwWrap(k.Secret, cek)
	return cek, ek, nil, err
}

// unwrapCEK unwraps the encrypted key with kek, as AES key wrap and the
// algorithms built on it (ECDH-ES+AxxxKW, PBES2) do, and checks the CEK's
// size. A failed unwrap says the key is wrong: AES key unwrap has one
// integrity check and nothing to leak beyond it.
func unwrapCEK(kek, encryptedKey []byte, enc contentCipher, what string) ([]byte, error) {
	cek, err := kwUnwrap(kek, encryptedKey)
	if err != nil {
		return nil, stepErr(jwterr.StepKeyManagement, "unwrapping the content key (%s) failed its integrity check: the key is not the one the token was encrypted for, or the encrypted key was changed", what)
	}
	if len(cek) != enc.keySize() {
		return nil, stepErr(jwterr.StepKeyManagement, "the unwrapped content key is %d bytes, but the token's enc needs %d", len(cek), enc.keySize())
	}
	return cek, nil
}
