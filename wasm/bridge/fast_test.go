//go:build js && wasm

package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"
)

// TestVerifyBeginHandsOverBytes checks the layout of verifyBegin's
// pending answer, which web/core.js reads: JSON naming the key numbers and
// the sizes, a NUL, then the signing input, the signature and each key's
// bare JWK as bytes; and that jwtp_finish then gives the verdict, once.
func TestVerifyBeginHandsOverBytes(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	b64 := base64.RawURLEncoding.EncodeToString
	input := b64([]byte(`{"alg":"ES256"}`)) + "." + b64([]byte(`{"sub":"1"}`))
	h := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, priv, h[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...)
	tok := input + "." + b64(sig)

	var serials []int
	for range 2 {
		got := verifyBegin(tok, options{Key: pub})
		head, tail, ok := bytes.Cut(got, []byte{0})
		if !ok {
			t.Fatalf("verifyBegin = %q, want JSON, a NUL and bytes", got)
		}
		var a struct {
			OK      bool
			Pending struct {
				ID    int
				Alg   string
				Keys  []int
				Sizes []int
			}
		}
		if err := json.Unmarshal(head, &a); err != nil || !a.OK || a.Pending.Alg != "ES256" || len(a.Pending.Keys) != 1 || len(a.Pending.Sizes) != 3 {
			t.Fatalf("verifyBegin's JSON = %s (%v)", head, err)
		}
		sizes := a.Pending.Sizes
		if sizes[0]+sizes[1]+sizes[2] != len(tail) {
			t.Fatalf("sizes %v, but %d bytes follow the JSON", sizes, len(tail))
		}
		if string(tail[:sizes[0]]) != input || !bytes.Equal(tail[sizes[0]:sizes[0]+sizes[1]], sig) {
			t.Errorf("the bytes are %q, want the signing input then the signature", tail)
		}
		var jwk map[string]any
		if err := json.Unmarshal(tail[sizes[0]+sizes[1]:], &jwk); err != nil || jwk["kty"] != "EC" || jwk["crv"] != "P-256" || jwk["d"] != nil {
			t.Errorf("the JWK = %s (%v), want the bare public key", tail[sizes[0]+sizes[1]:], err)
		}
		serials = append(serials, a.Pending.Keys[0])
		id := int32(a.Pending.ID)
		if done := string(response[:fastFinish(id, 0)]); !strings.Contains(done, `"signatureValid":true`) || !strings.Contains(done, `"valid":true`) {
			t.Errorf("jwtp_finish(%d, 0) = %s, want the token valid", id, done)
		}
		if again := string(response[:fastFinish(id, 0)]); !strings.Contains(again, `"code":"internal"`) {
			t.Errorf("jwtp_finish(%d, 0) again = %s, want an internal error: nothing waits", id, again)
		}
	}
	// The key keeps its number, so that core.js imports it once.
	if serials[0] != serials[1] {
		t.Errorf("the same key was numbered %d, then %d", serials[0], serials[1])
	}
}
