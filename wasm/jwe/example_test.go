package jwe_test

import (
	"fmt"

	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// A token made with a shared key decrypts with it; each step says what it did.
func ExampleDecrypt() {
	key := "GawgguFyGrWKav7AX4VKUg" // RFC 7516 A.3's key, in base64url
	token, err := jwe.Encrypt(jwe.EncryptInput{
		Header:         `{"alg":"A128KW","enc":"A128CBC-HS256","cty":"JWT"}`,
		Payload:        `{"sub":"42"}`,
		Key:            key,
		SecretEncoding: keys.Base64URL,
	})
	if err != nil {
		panic(err)
	}
	d, err := jwe.Decrypt(token, key, keys.Base64URL)
	fmt.Println(d.Plaintext, err)
	for _, s := range d.Steps {
		fmt.Println(s.Step, s.Method, s.OK)
	}
	// Output:
	// {"sub":"42"} <nil>
	// key_management unwrap true
	// tag_check  true
	// content_decryption  true
}

// A wrong key fails at the step that found it out.
func ExampleDecrypt_wrongKey() {
	token := "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ"
	_, err := jwe.Decrypt(token, "AAAAAAAAAAAAAAAAAAAAAA", keys.Base64URL)
	e := err.(*jwterr.Error)
	fmt.Println(e.Code, e.Step)
	// Output:
	// decrypt_failed key_management
}

// The protected header reads without any key.
func ExampleParse() {
	t, err := jwe.Parse("eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ")
	fmt.Println(t.HeaderText, t.Alg, t.Enc, err)
	// Output:
	// {"alg":"A128KW","enc":"A128CBC-HS256"} A128KW A128CBC-HS256 <nil>
}
