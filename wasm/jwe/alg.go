package jwe

import (
	"slices"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// contentCipher is one "enc": authenticated encryption of the plaintext
// under the content encryption key (CEK), RFC 7518 §5.
type contentCipher interface {
	// keySize and ivSize are the CEK's and the IV's sizes in bytes.
	keySize() int
	ivSize() int
	// seal encrypts plaintext under cek and iv, authenticating aad.
	seal(cek, iv, aad, plaintext []byte) (ciphertext, tag []byte, err error)
	// open checks the tag over aad, iv and ciphertext, then decrypts. A
	// failure is a *jwterr.Error naming its step.
	open(cek, iv, aad, ciphertext, tag []byte) ([]byte, error)
}

// keyManager is one "alg": how the CEK reaches the recipient, RFC 7518 §4.
type keyManager interface {
	// method says what the key management step does, for Step.Method:
	// "decrypt" (RSA key transport), "unwrap", "derive", "derive+unwrap"
	// or "direct".
	method() string
	// kind is the key it needs: what fits checks the key against.
	kind() keyKind
	// decryptKey recovers the CEK from the token with k.
	decryptKey(t *Token, k *Key, enc contentCipher) ([]byte, error)
	// encryptKey makes (or derives) the CEK for enc and returns it with
	// the encrypted key and the header members the recipient needs.
	encryptKey(h map[string]any, k *Key, enc contentCipher) (cek, encryptedKey []byte, add []member, err error)
}

// keyKind is the key an algorithm needs.
type keyKind struct {
	// kty is "oct", "RSA" or "ECDH" (an EC key on P-256/384/521, or X25519).
	kty string
	// size is the secret's exact size in bytes for "oct"; 0 means the
	// content cipher's key size (dir), -1 any size (a PBES2 password).
	size int
	// encryptOnly marks RSA1_5, which is never used to make a token.
	decryptOnly bool
}

// member is a header member encryptKey adds: its name and JSON value.
type member struct {
	name  string
	value []byte
}

// managers are the key management algorithms, one row each; each family
// is one file.
var managers = map[string]keyManager{
	"RSA1_5":             rsaManager{name: "RSA1_5"},
	"RSA-OAEP":           rsaManager{name: "RSA-OAEP", hash: sha1Hash},
	"RSA-OAEP-256":       rsaManager{name: "RSA-OAEP-256", hash: sha256Hash},
	"RSA-OAEP-384":       rsaManager{name: "RSA-OAEP-384", hash: sha384Hash},
	"RSA-OAEP-512":       rsaManager{name: "RSA-OAEP-512", hash: sha512Hash},
	"A128KW":             aesKW{size: 16},
	"A192KW":             aesKW{size: 24},
	"A256KW":             aesKW{size: 32},
	"dir":                direct{},
	"ECDH-ES":            ecdhES{name: "ECDH-ES"},
	"ECDH-ES+A128KW":     ecdhES{name: "ECDH-ES+A128KW", wrap: 16},
	"ECDH-ES+A192KW":     ecdhES{name: "ECDH-ES+A192KW", wrap: 24},
	"ECDH-ES+A256KW":     ecdhES{name: "ECDH-ES+A256KW", wrap: 32},
	"A128GCMKW":          gcmKW{size: 16},
	"A192GCMKW":          gcmKW{size: 24},
	"A256GCMKW":          gcmKW{size: 32},
	"PBES2-HS256+A128KW": pbes2{name: "PBES2-HS256+A128KW", hash: sha256Hash, size: 16},
	"PBES2-HS384+A192KW": pbes2{name: "PBES2-HS384+A192KW", hash: sha384Hash, size: 24},
	"PBES2-HS512+A256KW": pbes2{name: "PBES2-HS512+A256KW", hash: sha512Hash, size: 32},
}

// ciphers are the content encryption algorithms, one row each.
var ciphers = map[string]contentCipher{
	"A128CBC-HS256": cbcHMAC{size: 16, hash: sha256Hash},
	"A192CBC-HS384": cbcHMAC{size: 24, hash: sha384Hash},
	"A256CBC-HS512": cbcHMAC{size: 32, hash: sha512Hash},
	"A128GCM":       gcm{size: 16},
	"A192GCM":       gcm{size: 24},
	"A256GCM":       gcm{size: 32},
}

// Algorithms returns the key management algorithms, sorted.
func Algorithms() []string { return sortedKeys(managers) }

// Encryptions returns the content encryption algorithms, sorted.
func Encryptions() []string { return sortedKeys(ciphers) }

// DecryptOnly reports whether alg is only read, never used to encrypt.
func DecryptOnly(alg string) bool {
	m, ok := managers[alg]
	return ok && m.kind().decryptOnly
}

func sortedKeys[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// lookup returns the algorithms a header names, or why not.
func lookup(alg, enc string) (keyManager, contentCipher, error) {
	m, ok := managers[alg]
	if !ok {
		return nil, nil, jwterr.New(jwterr.UnsupportedAlg, "alg %s is not a JWE key management algorithm the playground knows", jwterr.Clip(alg)).In(jwterr.PartHeader)
	}
	c, ok := ciphers[enc]
	if !ok {
		return nil, nil, jwterr.New(jwterr.UnsupportedAlg, "enc %s is not a JWE content encryption algorithm the playground knows", jwterr.Clip(enc)).In(jwterr.PartHeader)
	}
	return m, c, nil
}
