package token_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/token"
)

func TestSignatureStepsHMAC(t *testing.T) {
	tok := hs256(`{"alg":"HS256"}`, `{"sub":"1"}`)
	input := tok[:strings.LastIndex(tok, ".")]
	m := hmac.New(sha256.New, []byte(hmacSecret))
	m.Write([]byte(input))
	want := hex.EncodeToString(m.Sum(nil))

	s, err := token.SignatureSteps(tok, token.VerifyOptions{Key: hmacSecret})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Valid || s.Expected != want || s.Signature != want || s.FirstDifference != -1 || s.SigningInput != input || s.Scheme != "HMAC" || s.Hash != "SHA-256" {
		t.Fatalf("steps = %+v", s)
	}
	if s.SigningInputHex != hex.EncodeToString([]byte(input)) || s.Digest != "" {
		t.Errorf("input hex = %s, digest = %q", s.SigningInputHex, s.Digest)
	}

	wrong, _ := token.SignatureSteps(tok, token.VerifyOptions{Key: "another secret"})
	if wrong.Valid || wrong.Expected == want || wrong.FirstDifference < 0 || wrong.Signature != want {
		t.Errorf("steps with the wrong secret = %+v, want invalid with a first difference", wrong)
	}
	none, _ := token.SignatureSteps(tok, token.VerifyOptions{})
	if none.KeyError == nil || none.Valid || none.SigningInput != input {
		t.Errorf("steps without a key = %+v, want a key error and the signing input", none)
	}
}

func TestSignatureStepsAsymmetric(t *testing.T) {
	k := testKeys(t)
	for _, alg := range []string{"RS256", "PS384", "ES512", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			priv, _ := k.signer(alg)
			tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"` + alg + `"}`, Payload: `{}`, Key: privatePEM(t, priv)})
			if err != nil {
				t.Fatal(err)
			}
			s, err := token.SignatureSteps(tok, token.VerifyOptions{Key: publicPEM(t, priv.Public())})
			if err != nil || !s.Valid || s.Checked == "" || s.Key == "" {
				t.Fatalf("steps = %+v, %v", s, err)
			}
			if (alg == "EdDSA") != (s.Digest == "") {
				t.Errorf("digest = %q: want one for RSA and ECDSA only", s.Digest)
			}
			if alg == "ES512" && (len(s.R) != 132 || len(s.S) != 132) {
				t.Errorf("r, s = %d, %d hex digits; want 66 bytes each", len(s.R), len(s.S))
			}
		})
	}
}

func TestSignatureStepsAlgNone(t *testing.T) {
	s, err := token.SignatureSteps("eyJhbGciOiJub25lIn0.e30.", token.VerifyOptions{Key: "x"})
	if err != nil || s.Valid || !strings.Contains(s.Checked, "unsecured") {
		t.Fatalf("steps = %+v, %v", s, err)
	}
}
