package jwe

import (
	"crypto/rand"
	"crypto/rsa"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// rsaManager is RSA key transport (RFC 7518 §4.2, §4.3): the CEK encrypted
// to the recipient's RSA public key with RSAES-OAEP (hash SHA-1 for
// RSA-OAEP, SHA-256 for RSA-OAEP-256; jose's RSA-OAEP-384 and -512 too) or,
// for RSA1_5 only, RSAES-PKCS1-v1_5.
type rsaManager struct {
	name string
	// hash is OAEP's; nil means PKCS #1 v1.5.
	hash hashFunc
}

func (r rsaManager) method() string { return "decrypt" }

func (r rsaManager) kind() keyKind { return keyKind{kty: "RSA", decryptOnly: r.hash == nil} }

func (r rsaManager) decryptKey(t *Token, k *Key, enc contentCipher) ([]byte, error) {
	if r.hash != nil {
		cek, err := rsa.DecryptOAEP(r.hash(), nil, k.rsaPriv, t.encryptedKey, nil)
		if err != nil {
			// Go's OAEP decryption fails one way whatever went wrong, so
			// saying that it failed is no Manger oracle; and OAEP, unlike
			// PKCS #1 v1.5, resists chosen ciphertexts.
			return nil, stepErr(jwterr.StepKeyManagement, "the encrypted key does not decrypt with this RSA private key (%s): it is not the key the token was encrypted for", r.name)
		}
		return cek, nil
	}
	// RSA1_5: Bleichenbacher's attack needs only to learn whether a
	// ciphertext's PKCS #1 v1.5 padding was valid. So, as RFC 7516 §11.5
	// asks, a bad padding is not reported: a random CEK takes the place of
	// the one that did not decrypt, in constant time, and the failure
	// shows up as the tag mismatch any other wrong key gives.
	if len(t.encryptedKey) != k.rsaPriv.Size() {
		return nil, stepErr(jwterr.StepKeyManagement, "the encrypted key is %d bytes, but this RSA key's ciphertexts are %d", len(t.encryptedKey), k.rsaPriv.Size())
	}
	cek := make([]byte, enc.keySize())
	rand.Read(cek)
	if err := rsa.DecryptPKCS1v15SessionKey(nil, k.rsaPriv, t.encryptedKey, cek); err != nil {
		// Only a ciphertext not below the modulus gets here, which anyone
		// can see with the public key alone: no oracle.
		return nil, stepErr(jwterr.StepKeyManagement, "the encrypted key, read as a number, is not below this RSA key's modulus: it is no ciphertext of this key")
	}
	return cek, nil
}

func (r rsaManager) encryptKey(_ map[string]any, k *Key, enc contentCipher) ([]byte, []byte, []member, error) {
	cek := randomBytes(enc.keySize())
	ek, err := rsa.EncryptOAEP(r.hash(), rand.Reader, k.rsaPub, cek, nil)
	if err != nil {
		return nil, nil, nil, jwterr.New(jwterr.KeyInvalid, "encrypting the content key with the RSA key failed: %v", err).In(jwterr.PartKey)
	}
	return cek, ek, nil, nil
}

// randomBytes returns n bytes from crypto/rand (in the browser,
// crypto.getRandomValues).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
