package sdjwt

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// The keys of RFC 9901's examples: the issuer's, and the holder's (whose
// public half the examples' cnf holds).
const (
	issuerPrivate = `{"kty":"EC","crv":"P-256","d":"Ur2bNKuBPOrAaxsRnbSH6hIhmNTxSGXshDSUD1a1y7g","x":"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ","y":"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"}`
	issuerPublic  = `{"kty":"EC","crv":"P-256","x":"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ","y":"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"}`
	holderPrivate = `{"kty":"EC","crv":"P-256","d":"5K5SCos8zf9zRemGGUl6yfok-_NiiryNZsvANWMhF-I","x":"TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc","y":"ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}`
	holderPublic  = `{"kty":"EC","crv":"P-256","x":"TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc","y":"ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}`
	// otherPrivate is a P-256 key that is neither.
	otherPrivate = `{"kty":"EC","crv":"P-256","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`
)

// testNow is the time the tests verify at.
var testNow = time.Unix(1_700_000_000, 0)

// disclosure writes a disclosure of the given members.
func disclosure(members ...any) string {
	b, _ := json.Marshal(members)
	return b64(b)
}

// dig is a disclosure's sha-256 digest.
func dig(disc string) string { return digest("sha-256", disc) }

// signJWT signs a JWT with header and payload JSON text and key.
func signJWT(t testing.TB, header, payload, key string) string {
	t.Helper()
	tok, err := token.Encode(token.EncodeInput{Header: header, Payload: payload, Key: key})
	if err != nil {
		t.Fatalf("Encode(%s): %v", payload, err)
	}
	return tok
}

// issuerJWT signs payload as the RFC's issuer does.
func issuerJWT(t testing.TB, payload string) string {
	return signJWT(t, `{"alg":"ES256","typ":"example+sd-jwt"}`, payload, issuerPrivate)
}

// kbJWT signs a key-binding JWT over presented with the holder's key.
func kbJWT(t testing.TB, header string, claims map[string]any, key string) string {
	t.Helper()
	b, _ := json.Marshal(claims)
	return signJWT(t, header, string(b), key)
}

// kbClaims are a key-binding JWT's claims over presented, as expected.
func kbClaims(presented string) map[string]any {
	return map[string]any{"iat": testNow.Unix(), "aud": "https://verifier.example.org", "nonce": "n-0S6_WzA2Mj", "sd_hash": dig(presented)}
}

// codes lists the codes of errs.
func codes(errs []*jwterr.Error) []jwterr.Code {
	out := []jwterr.Code{}
	for _, e := range errs {
		out = append(out, e.Code)
	}
	return out
}
