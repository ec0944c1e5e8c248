package sdjwt_test

import (
	"fmt"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/sdjwt"
)

const (
	exampleIssuerKey = `{"kty":"EC","crv":"P-256","d":"Ur2bNKuBPOrAaxsRnbSH6hIhmNTxSGXshDSUD1a1y7g","x":"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ","y":"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"}`
	exampleHolderKey = `{"kty":"EC","crv":"P-256","d":"5K5SCos8zf9zRemGGUl6yfok-_NiiryNZsvANWMhF-I","x":"TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc","y":"ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}`
)

// An issuer makes an SD-JWT with two hidden claims, the holder reveals one
// of them to a verifier with a key-binding JWT, and the verifier checks it
// all.
func Example() {
	issued, err := sdjwt.Issue(sdjwt.IssueInput{
		Header:    `{"alg":"ES256","typ":"dc+sd-jwt"}`,
		Payload:   `{"iss":"https://issuer.example.com","given_name":"John","birthdate":"1940-01-01"}`,
		Disclose:  []string{"/given_name", "/birthdate"},
		HolderKey: exampleHolderKey, // its public half goes into cnf
		Key:       exampleIssuerKey,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Now()
	presentation, err := sdjwt.Present(sdjwt.PresentInput{
		SDJWT:     issued.SDJWT,
		Reveal:    []int{1}, // disclosures are made in the order of the names: birthdate, given_name
		HolderKey: exampleHolderKey,
		Audience:  "https://verifier.example.org",
		Nonce:     "n-0S6_WzA2Mj",
		IssuedAt:  now,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := sdjwt.VerifyOptions{Nonce: "n-0S6_WzA2Mj"}
	opts.Key = exampleIssuerKey // only its public half is used
	opts.Audience = []string{"https://verifier.example.org"}
	v, err := sdjwt.Verify(presentation, opts)
	fmt.Println(v.Valid, v.KeyBindingValid, err)
	d, _ := sdjwt.Decode(presentation)
	fmt.Println(*d.Disclosures[0].Name, d.Disclosures[0].Path, d.Undisclosed)
	// Output:
	// true true <nil>
	// given_name /given_name [{ 1}]
}
