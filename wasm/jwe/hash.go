package jwe

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
)

// The hashes the algorithms name. Functions, not crypto.Hash values, so
// that only what is used is linked in.
var (
	sha1Hash   = sha1.New
	sha256Hash = sha256.New
	sha384Hash = sha512.New384
	sha512Hash = sha512.New
)

// hashFunc makes a hash.
type hashFunc = func() hash.Hash
