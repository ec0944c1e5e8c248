package token_test

import (
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestLimits checks that each limit gives its own error, at its place.
func TestLimits(t *testing.T) {
	deep := strings.Repeat("[", limits.MaxJSONDepth+1) + strings.Repeat("]", limits.MaxJSONDepth+1)
	bigClaim := `{"pad":"` + strings.Repeat("a", limits.MaxTokenBytes) + `"}`
	hugeRSA := `{"kty":"RSA","e":"AQAB","n":"` + strings.Repeat("_", 4*((limits.MaxParseRSABits+64)/24)) + `"}`

	t.Run("token over the size limit", func(t *testing.T) {
		_, err := token.Decode(hs256(`{"alg":"HS256"}`, bigClaim))
		checkError(t, err, jwterr.TooLarge, jwterr.PartToken, noOffset, "over the limit of 1,048,576 bytes (1 MiB)")
	})
	t.Run("token just under the limit decodes", func(t *testing.T) {
		claim := `{"pad":"` + strings.Repeat("a", limits.MaxTokenBytes*3/4-100) + `"}`
		if _, err := token.Decode(hs256(`{"alg":"HS256"}`, claim)); err != nil {
			t.Fatalf("Decode = %v, want a token under the limit to decode", err)
		}
	})
	t.Run("header too deep", func(t *testing.T) {
		_, err := token.Decode(hs256(`{"alg":"HS256","x":`+deep+`}`, `{}`))
		checkError(t, err, jwterr.TooDeep, jwterr.PartHeader, 18+limits.MaxJSONDepth, "deeper than 64 levels")
	})
	t.Run("payload too deep", func(t *testing.T) {
		_, err := token.Decode(hs256(`{"alg":"HS256"}`, deep))
		checkError(t, err, jwterr.TooDeep, jwterr.PartPayload, limits.MaxJSONDepth, "the payload nests deeper")
	})
	t.Run("encode: payload too deep", func(t *testing.T) {
		_, err := token.Encode(token.EncodeInput{Header: `{"alg":"HS256"}`, Payload: deep, Key: hmacSecret})
		checkError(t, err, jwterr.TooDeep, jwterr.PartPayload, limits.MaxJSONDepth)
	})
	t.Run("encode: too large", func(t *testing.T) {
		_, err := token.Encode(token.EncodeInput{Header: `{"alg":"HS256"}`, Payload: bigClaim, Key: hmacSecret})
		checkError(t, err, jwterr.TooLarge, jwterr.PartPayload, noOffset)
	})
	t.Run("key text too large", func(t *testing.T) {
		_, err := token.Verify(hs256(`{"alg":"HS256"}`, `{}`), token.VerifyOptions{Key: strings.Repeat("k", limits.MaxKeyBytes+1)})
		checkError(t, err, jwterr.TooLarge, jwterr.PartKey, noOffset, "the key text")
	})
	t.Run("JWK too deep", func(t *testing.T) {
		_, err := token.Verify(hs256(`{"alg":"RS256"}`, `{}`), token.VerifyOptions{Key: `{"kty":"RSA","x":` + deep + `}`})
		checkError(t, err, jwterr.TooDeep, jwterr.PartKey, 16+limits.MaxJSONDepth)
	})
	t.Run("RSA modulus over the limit", func(t *testing.T) {
		_, err := token.Verify(hs256(`{"alg":"RS256"}`, `{}`), token.VerifyOptions{Key: hugeRSA})
		checkError(t, err, jwterr.TooLarge, jwterr.PartKey, noOffset, "over the limit of 16384")
	})
}

// TestVerifyWarnsAboutPrivateKeys checks the note that a private key, which
// verifies fine, should not be pasted into pages one does not trust.
func TestVerifyWarnsAboutPrivateKeys(t *testing.T) {
	k := testKeys(t)
	tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256"}`, Payload: `{}`, Key: privatePEM(t, k.p256)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, key, warnings string
	}{
		{"private key", privatePEM(t, k.p256), "private_key"},
		{"public key", publicPEM(t, k.p256.Public()), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(tok, token.VerifyOptions{Key: tt.key, Now: now})
			if err != nil || !v.Valid {
				t.Fatalf("Verify = %+v, %v", v, err)
			}
			if got := warnCodes(v.Warnings); got != tt.warnings {
				t.Errorf("warnings = %q, want %q", got, tt.warnings)
			}
		})
	}
}
