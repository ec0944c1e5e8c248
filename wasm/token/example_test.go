package token_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

func ExampleDecode() {
	d, err := token.Decode("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Alg)
	fmt.Println(d.HeaderText)
	fmt.Println(d.PayloadText)
	fmt.Println(d.Warnings[0].Code)

	// A token with standard base64 in its payload: the error says where.
	_, err = token.Decode("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx+n0.c2ln")
	var e *jwterr.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.Part, *e.Offset)
		fmt.Println(e.Message)
	}
	// Output:
	// HS256
	// {"alg":"HS256","typ":"JWT"}
	// {"sub":"1234567890","name":"John Doe","iat":1516239022}
	// bearer_prefix
	// bad_base64 payload 33
	// the payload is not base64url: bad character '+' at offset 33 (that is standard base64; JWTs use base64url, with - and _)
}

func ExampleVerify() {
	const tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	v, err := token.Verify(tok, token.VerifyOptions{
		Key: "your-256-bit-secret",
		Now: time.Unix(1516239022, 0).Add(time.Hour),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Valid, v.Key)

	// The signature is good, but the token has no issuer.
	v, _ = token.Verify(tok, token.VerifyOptions{
		Key:    "your-256-bit-secret",
		Now:    time.Unix(1516239022, 0).Add(time.Hour),
		Issuer: "https://issuer.example",
	})
	fmt.Println(v.Valid, v.SignatureValid, v.ClaimsValid)
	for _, e := range v.Errors {
		fmt.Println(e.Code+":", e.Message)
	}
	// Output:
	// true the shared secret (UTF-8 text)
	// false true false
	// invalid_issuer: the token has no "iss" claim; expected issuer "https://issuer.example"
}

func ExampleEncode() {
	tok, err := token.Encode(token.EncodeInput{
		Header: `{
			"alg": "HS256",
			"typ": "JWT"
		}`,
		Payload: `{"sub": "1234567890", "name": "John Doe", "iat": 1516239022}`,
		Key:     "your-256-bit-secret",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok)
	// Output:
	// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
}

// BeginVerify leaves the signature check to someone else, such as the
// browser's WebCrypto; Finish takes the index of the key that matched.
func ExampleBeginVerify() {
	const tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	p, err := token.BeginVerify(tok, token.VerifyOptions{Key: "your-256-bit-secret", Now: time.Unix(1516239100, 0)})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := p.Check()
	fmt.Println(c.Alg.Name, c.SigningInput[:20], len(c.Signature), len(c.Keys))
	v := p.Finish(c.Run()) // here Go checks; core.js asks WebCrypto instead
	fmt.Println(v.Valid, v.Key)
	// Output:
	// HS256 eyJhbGciOiJIUzI1NiIs 32 1
	// true the shared secret (UTF-8 text)
}

// BeginEncode makes the signing input; Sign computes the signature in Go,
// or it can be computed elsewhere and given to Token.
func ExampleBeginEncode() {
	p, err := token.BeginEncode(token.EncodeInput{Header: `{"alg":"HS256"}`, Payload: `{"sub":"42"}`, Key: "a-playground-secret-of-at-least-32-bytes"})
	if err != nil {
		fmt.Println(err)
		return
	}
	sig, err := p.Sign()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.SigningInput)
	fmt.Println(p.Token(sig))
	// Output:
	// eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9
	// eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.f3yficgCWQ7IhZhBFQn9bkEvMiTNxZvToo2iRuLhhp8
}

// A nested JWT (RFC 7519 §5.2): the outer level signs the inner token, so it
// has no claims of its own; the nested warning says the inner token must be
// verified too.
func ExampleVerify_nested() {
	secret := []byte("a-string-secret-at-least-256-bits-long")
	inner, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "42"}).SignedString(secret)
	input := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","cty":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString([]byte(inner))
	sig, _ := jwt.SigningMethodHS256.Sign(input, secret)
	v, _ := token.Verify(input+"."+base64.RawURLEncoding.EncodeToString(sig), token.VerifyOptions{Key: string(secret)})
	fmt.Println(v.Valid, v.Warnings[0].Code)
	// Output: true nested
}

func ExampleVerify_es256k() {
	// A secp256k1 key pair, as the playground generates it (RFC 8812).
	g, err := keys.Generate("ES256K", 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	tok, _ := token.Encode(token.EncodeInput{Header: `{"alg":"ES256K"}`, Payload: `{"sub":"did:example:123"}`, Key: g.PrivateKeyPEM})
	v, _ := token.Verify(tok, token.VerifyOptions{Key: string(g.PublicJWK)})
	fmt.Println(v.Alg, v.SignatureValid)

	// A P-256 key is not a secp256k1 key, though both are 256-bit EC keys.
	p256, _ := keys.Generate("ES256", 0)
	_, err = token.Verify(tok, token.VerifyOptions{Key: p256.PublicKeyPEM})
	fmt.Println(err)
	// Output:
	// ES256K true
	// ES256K needs an EC key on curve secp256k1, but the key is on P-256
}
