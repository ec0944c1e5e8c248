package jwe

import (
	"crypto/pbkdf2"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// MaxPBES2Count bounds a token's "p2c": each iteration is an HMAC, and a
// token can ask for billions, which would freeze the page (a million
// PBKDF2-SHA-512 iterations take about a second in the wasm). jose refuses
// more than 10,000 unless told otherwise; this bound leaves room for the
// 600,000 OWASP advises for PBKDF2-HMAC-SHA256.
const MaxPBES2Count = 1_000_000

// MinPBES2Count is the count under which lint calls a PBES2 token weak:
// RFC 7518 §4.8.1.2 recommends at least 1000.
const MinPBES2Count = 1000

// DefaultPBES2Count is the count Encrypt uses when the header sets none:
// the most jose accepts without being told, so tokens made here decrypt
// there.
const DefaultPBES2Count = 10_000

// pbes2 derives a key-wrapping key from a password with PBKDF2 (RFC 7518
// §4.8), then wraps the CEK with AES key wrap.
type pbes2 struct {
	name string
	hash hashFunc
	size int
}

func (p pbes2) method() string { return "derive+unwrap" }
func (p pbes2) kind() keyKind  { return keyKind{kty: "oct", size: -1} }

func (p pbes2) decryptKey(t *Token, k *Key, enc contentCipher) ([]byte, error) {
	count, err := pbes2Count(t.header)
	if err != nil {
		return nil, err
	}
	salt, err := headerBytes(t.header, "p2s", "the PBES2 salt input (RFC 7518 §4.8.1.1)", -8)
	if err != nil {
		return nil, err
	}
	kek, err := p.derive(k.Secret, salt, count)
	if err != nil {
		return nil, err
	}
	return unwrapCEK(kek, t.encryptedKey, enc, p.name+": the password is not the one the token was encrypted with, or")
}

func (p pbes2) derive(password, salt []byte, count int) ([]byte, error) {
	// The salt is the algorithm's name, a zero byte and p2s (§4.8.1.1).
	full := append(append([]byte(p.name), 0), salt...)
	kek, err := pbkdf2.Key(p.hash, string(password), full, count, p.size)
	if err != nil {
		return nil, jwterr.New(jwterr.KeyInvalid, "PBKDF2 refused the password: %v", err).In(jwterr.PartKey)
	}
	return kek, nil
}

func (p pbes2) encryptKey(h map[string]any, k *Key, enc contentCipher) ([]byte, []byte, []member, error) {
	count := DefaultPBES2Count
	var add []member
	if _, given := h["p2c"]; given {
		var err error
		if count, err = pbes2Count(h); err != nil {
			return nil, nil, nil, err
		}
	} else {
		add = append(add, member{"p2c", []byte(strconv.Itoa(count))})
	}
	salt := randomBytes(16)
	kek, err := p.derive(k.Secret, salt, count)
	if err != nil {
		return nil, nil, nil, err
	}
	cek := randomBytes(enc.keySize())
	ek, err := kwWrap(kek, cek)
	return cek, ek, append(add, member{"p2s", jsonString(b64(salt))}), err
}

// pbes2Count reads "p2c", a positive integer, refusing a count over
// MaxPBES2Count before any work is done.
func pbes2Count(h map[string]any) (int, error) {
	v, ok := h["p2c"]
	if !ok {
		return 0, headerErr(`the header has no "p2c": the PBES2 count (RFC 7518 §4.8.1.2)`)
	}
	n, isNumber := v.(json.Number)
	if !isNumber {
		return 0, headerErr(`the header's "p2c" (PBES2 count) must be a positive whole number, not %s`, describe(v))
	}
	// Read as JSON.parse reads it (1e3 is 1000), as jose reads it.
	f, err := strconv.ParseFloat(string(n), 64)
	switch {
	case err == nil && f > MaxPBES2Count, errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(string(n), "-"):
		return 0, tooManyIterations(string(n))
	case err != nil || f < 1 || f != math.Trunc(f):
		return 0, headerErr(`the header's "p2c" (PBES2 count) must be a positive whole number, not %s`, jwterr.Clip(string(n)))
	}
	count := int(f)
	return int(count), nil
}

func tooManyIterations(n string) error {
	return jwterr.New(jwterr.TooLarge, `the header's "p2c" asks for %s PBKDF2 iterations, over the limit of %s: a token can demand enough to freeze the page, so it is refused before any work`, jwterr.Clip(n), fmt.Sprintf("%d", MaxPBES2Count)).In(jwterr.PartHeader)
}

// PBES2Count returns the header's "p2c" as Decrypt reads it, or why not.
func (t *Token) PBES2Count() (int, error) { return pbes2Count(t.header) }
