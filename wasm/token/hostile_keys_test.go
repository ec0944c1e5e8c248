package token_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"math/big"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestHostileKeys: keys and signatures an attacker can hand the playground
// so that it says "Signature verified" for a token it should not, or says
// the wrong thing about why not. Each row says what the playground said
// before, what it says now, and what jose 6 says (checked against
// scripts/interop/node_modules/jose with jwtVerify and createLocalJWKSet).
func TestHostileKeys(t *testing.T) {
	k := testKeys(t)
	real, attacker := k.rsa, k.rsa2
	const header, payload = `{"alg":"RS256","typ":"JWT"}`, `{"sub":"admin"}`
	forged := rs256(t, attacker, header, payload)
	forgedKid := rs256(t, attacker, `{"alg":"RS256","kid":"k1"}`, payload)
	realN, attackerN := b64(real.N.Bytes()), b64(attacker.N.Bytes())

	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	tiny := testkeys.SmallRSA(t, 512)
	shortSalt := pss(t, real, `{"alg":"PS256"}`, payload, 20)
	hashSalt := pss(t, real, `{"alg":"PS256"}`, payload, rsa.PSSSaltLengthEqualsHash)

	// key_ops is an array, which jwk's string pairs cannot hold.
	signOnly := strings.Replace(jsonOf(t, jwk(t, &real.PublicKey)), `{`, `{"key_ops":["sign"],`, 1)

	var many []map[string]any
	for range keys.MaxCandidates {
		many = append(many, jwk(t, &attacker.PublicKey))
	}
	many = append(many, jwk(t, &real.PublicKey))

	tests := []struct {
		name, token, key string
		// valid is the verdict now; code an error code now, warning a
		// warning code now ("" for none).
		valid         bool
		code, warning string
		before, jose  string
	}{
		{"JWK with the real n and the attacker's N", forged, `{"kty":"RSA","n":"` + realN + `","e":"AQAB","N":"` + attackerN + `"}`,
			false, "key_invalid", "", "verified: N filled n", "signature verification failed: it reads n"},
		{"JWK with n twice, the attacker's last", forged, `{"kty":"RSA","n":"` + realN + `","e":"AQAB","n":"` + attackerN + `"}`,
			false, "key_invalid", "", "verified: the last n won", "verified: JSON.parse keeps the last n"},
		{"JWKS with the real keys and the attacker's KEYS", forged, `{"keys":[` + jsonOf(t, jwk(t, &real.PublicKey)) + `],"KEYS":[` + jsonOf(t, jwk(t, &attacker.PublicKey)) + `]}`,
			false, "key_invalid", "", "verified: KEYS filled keys", "signature verification failed: it reads keys"},
		{"JWKS with keys twice, the attacker's last", forged, `{"keys":[` + jsonOf(t, jwk(t, &real.PublicKey)) + `],"keys":[` + jsonOf(t, jwk(t, &attacker.PublicKey)) + `]}`,
			false, "key_invalid", "", "verified: the last keys won", "verified: JSON.parse keeps the last keys"},
		{"JWK with n a number", forged, `{"kty":"RSA","n":5,"e":"AQAB"}`,
			false, "bad_json", "", "bad_json", "refused: RS256 requires key modulusLength to be 2048 bits or larger"},
		{"JWK whose key_ops forbids verifying", rs256(t, real, header, payload), signOnly,
			false, "key_mismatch", "", "verified", `refused: its "key_ops" must include "verify"`},
		{"RSA key of 1024 bits", rs256(t, weak, header, payload), publicPEM(t, &weak.PublicKey),
			true, "", "weak_key", "verified, no word", "refused: RS256 requires key modulusLength to be 2048 bits or larger"},
		{"RSA key of 512 bits, a correct signature", rs256Raw(tiny, header, payload), publicPEM(t, &tiny.PublicKey),
			false, "key_invalid", "", `signature_invalid: "the token was changed after signing"`, "refused: RS256 requires key modulusLength to be 2048 bits or larger"},
		{"PS256 with a salt of 20 bytes", shortSalt, publicPEM(t, &real.PublicKey),
			false, "signature_invalid", "", "verified: any salt length", "signature verification failed"},
		{"PS256 with a salt of the hash's size", hashSalt, publicPEM(t, &real.PublicKey),
			true, "", "", "verified", "verified"},
		{"JWKS without kids, a token with a kid", forgedKid, jwks(t, jwk(t, &attacker.PublicKey)),
			false, "kid_not_found", "", "verified: any key when none has a kid", "no applicable key (JWKSNoMatchingKey)"},
		{"JWKS, two keys fit a token without kid", forged, jwks(t, jwk(t, &real.PublicKey), jwk(t, &attacker.PublicKey)),
			true, "", "several_keys", "verified, no word", "refused: multiple matching keys (JWKSMultipleMatchingKeys)"},
		{"JWKS of more keys than are tried, the signer's last", rs256(t, real, header, payload), jwks(t, many...),
			false, "signature_invalid", "keys_not_tried", "verified after trying every key", "refused: multiple matching keys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(tt.token, token.VerifyOptions{Key: tt.key, Now: now})
			if v.Valid != tt.valid || v.SignatureValid != tt.valid {
				t.Errorf("Valid, SignatureValid = %v, %v; want %v (before: %s; jose: %s)", v.Valid, v.SignatureValid, tt.valid, tt.before, tt.jose)
			}
			codes := errCodes(v.Errors)
			if err != nil {
				codes = string(jwterr.CodeOf(err))
			}
			if codes != tt.code {
				t.Errorf("error codes %q, want %q (err %v, errors %+v)", codes, tt.code, err, v.Errors)
			}
			if got := warnCodes(v.Warnings); got != tt.warning {
				t.Errorf("warnings %q, want %q (%+v)", got, tt.warning, v.Warnings)
			}
			// explainSignature must tell the same story.
			steps, err := token.SignatureSteps(tt.token, token.VerifyOptions{Key: tt.key})
			if err != nil || steps.Valid != tt.valid {
				t.Errorf("SignatureSteps = valid %v, %v; want %v", steps.Valid, err, tt.valid)
			}
		})
	}
}

// TestHostileSigningKeys: signing obeys a JWK's "use" and "key_ops" as
// verifying does (jose: "its key_ops must include sign when present").
func TestHostileSigningKeys(t *testing.T) {
	k := testKeys(t)
	priv := jsonOf(t, jwk(t, k.rsa))
	for _, tt := range []struct{ name, key, want string }{
		{"key_ops verify only", strings.Replace(priv, `{`, `{"key_ops":["verify"],`, 1), `"key_ops" is ["verify"], which does not allow "sign"`},
		{"use enc", strings.Replace(priv, `{`, `{"use":"enc",`, 1), `"use" is "enc"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := token.Encode(token.EncodeInput{Header: `{"alg":"RS256"}`, Payload: `{}`, Key: tt.key})
			checkError(t, err, jwterr.KeyMismatch, jwterr.PartKey, noOffset, tt.want)
		})
	}
	if _, err := token.Encode(token.EncodeInput{Header: `{"alg":"RS256"}`, Payload: `{}`, Key: strings.Replace(priv, `{`, `{"key_ops":["sign"],`, 1)}); err != nil {
		t.Errorf("Encode with key_ops sign: %v", err)
	}
}

// rs256 signs header and payload with key by RS256.
func rs256(t *testing.T, key *rsa.PrivateKey, header, payload string) string {
	t.Helper()
	input := b64([]byte(header)) + "." + b64([]byte(payload))
	h := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(sig)
}

// rs256Raw signs by RS256 with the bare RSA operation (RFC 8017 section
// 8.2.1), which crypto/rsa refuses for keys under 1024 bits.
func rs256Raw(key *rsa.PrivateKey, header, payload string) string {
	input := b64([]byte(header)) + "." + b64([]byte(payload))
	h := sha256.Sum256([]byte(input))
	info, _ := asn1.Marshal(struct {
		Alg struct {
			OID  asn1.ObjectIdentifier
			Null asn1.RawValue
		}
		Digest []byte
	}{struct {
		OID  asn1.ObjectIdentifier
		Null asn1.RawValue
	}{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}, asn1.NullRawValue}, h[:]})
	size := (key.N.BitLen() + 7) / 8
	em := make([]byte, size)
	em[1] = 1
	for i := 2; i < size-len(info)-1; i++ {
		em[i] = 0xff
	}
	copy(em[size-len(info):], info)
	s := new(big.Int).Exp(new(big.Int).SetBytes(em), key.D, key.N)
	return input + "." + b64(s.FillBytes(make([]byte, size)))
}

// pss signs by PS256 with the given salt length.
func pss(t *testing.T, key *rsa.PrivateKey, header, payload string, salt int) string {
	t.Helper()
	input := b64([]byte(header)) + "." + b64([]byte(payload))
	h := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPSS(rand.Reader, key, crypto.SHA256, h[:], &rsa.PSSOptions{SaltLength: salt})
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(sig)
}
