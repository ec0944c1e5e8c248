package jwe

import (
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// stepErr is a decryption failure at step.
func stepErr(step, format string, args ...any) *jwterr.Error {
	part := jwterr.PartToken
	if step == jwterr.StepKeyManagement {
		part = jwterr.PartKey
	}
	return jwterr.New(jwterr.DecryptFailed, format, args...).In(part).AtStep(step)
}

// tagMismatch is the one answer for a tag that does not match, whatever
// the cause: a wrong key, a changed token, or an RSA1_5 key that did not
// decrypt (see rsaManager.decryptKey).
func tagMismatch() *jwterr.Error {
	return stepErr(jwterr.StepTag, "the authentication tag does not match: the key is not the one the token was encrypted for, or the token was changed")
}

// headerErr is a header member a key management algorithm cannot use.
func headerErr(format string, args ...any) *jwterr.Error {
	return jwterr.New(jwterr.Malformed, format, args...).In(jwterr.PartHeader)
}
