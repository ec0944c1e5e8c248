package keys_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func ExampleParse() {
	// A key set with a shared secret and the EC key of RFC 7517, appendix
	// A.1, which is marked for encryption.
	set, err := keys.Parse(`{"keys": [
		{"kty": "oct", "kid": "hmac-1", "k": "c2VjcmV0"},
		{"kty": "EC", "kid": "1", "use": "enc", "crv": "P-256",
		 "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
		 "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}
	]}`, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(set.Format, len(set.Keys), "keys")

	hs256, _ := keys.Lookup("HS256")
	ks, err := set.Select(hs256, "hmac-1", keys.Verify)
	fmt.Printf("%s %q %v\n", ks[0].Type, ks[0].Secret, err)

	es256, _ := keys.Lookup("ES256")
	_, err = set.Select(es256, "1", keys.Verify)
	fmt.Println(err)

	_, err = set.Select(es256, "2", keys.Verify)
	fmt.Println(err)
	// Output:
	// jwks 2 keys
	// oct "secret" <nil>
	// the key's "use" is "enc", so it is not for signatures
	// the key set has no key with the token's kid "2"; its kids are "hmac-1", "1"
}

func ExampleDecodeSecret() {
	for _, enc := range []keys.Encoding{keys.UTF8, keys.Base64URL, keys.Hex} {
		b, err := keys.DecodeSecret("c2VjcmV0", enc)
		fmt.Printf("%-9s %q %v\n", enc, b, err)
	}
	// Output:
	// utf8      "c2VjcmV0" <nil>
	// base64url "secret" <nil>
	// hex       "" the secret is not valid hex: unexpected character 'V' at offset 2
}

func ExampleSet_Choose() {
	// Two RSA keys (RFC 7515 appendix A.2's modulus, for brevity, twice):
	// one without a kid, one whose key_ops allow only signing.
	const n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"
	set, err := keys.Parse(`{"keys":[
		{"kty":"RSA","n":"`+n+`","e":"AQAB"},
		{"kty":"RSA","kid":"b","key_ops":["sign"],"n":"`+n+`","e":"AQAB"}]}`, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	rs256, _ := keys.Lookup("RS256")

	// As jose does: a token's kid matches only keys with that very kid.
	_, err = set.Choose(rs256, "a", keys.Verify)
	fmt.Println(err)
	_, err = set.Choose(rs256, "b", keys.Verify)
	fmt.Println(err)
	c, err := set.Choose(rs256, "", keys.Verify)
	fmt.Println(len(c.Keys), "of", c.Fitting, "fitting keys to try", err)
	// Output:
	// the key set has no key with the token's kid "a"; its kids are "b"
	// the key's "key_ops" is ["sign"], which does not allow "verify"
	// 1 of 1 fitting keys to try <nil>
}

func ExampleKey_Thumbprint() {
	// The public part of draft-ietf-cose-dilithium's ML-DSA-44 example key
	// (the key of the all-zero seed), whose kid is its thumbprint: the
	// SHA-256 of {"alg":…,"kty":"AKP","pub":…}.
	b, _ := os.ReadFile("testdata/draft-ietf-cose-dilithium-ML_DSA_44.jose.json")
	var ex struct {
		JWK struct{ Kid, Pub string } `json:"jwk"`
	}
	json.Unmarshal(b, &ex)
	set, err := keys.Parse(`{"kty":"AKP","alg":"ML-DSA-44","pub":"`+ex.JWK.Pub+`"}`, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	k := set.Keys[0]
	tp, _ := k.Thumbprint()
	fmt.Println(k.Type, tp, tp == ex.JWK.Kid)

	// It serves ML-DSA-44 only.
	for _, name := range []string{"ML-DSA-44", "ML-DSA-65", "ES256K"} {
		alg, _ := keys.Lookup(name)
		fmt.Println(name, k.Fits(alg, keys.Verify))
	}
	// Output:
	// AKP T4xl70S7MT6Zeq6r9V9fPJGVn76wfnXJ21-gyo0Gu6o true
	// ML-DSA-44 <nil>
	// ML-DSA-65 ML-DSA-65 needs an ML-DSA-65 key (a JWK of kty "AKP"), but the key is an ML-DSA-44 public key
	// ES256K ES256K needs an EC key on curve secp256k1, but the key is an ML-DSA-44 public key
}

func ExampleOtherReadings() {
	// "aGk=" typed as UTF-8 text is four bytes; read as base64 it is "hi",
	// and as base64url the same bytes, which are said once.
	for _, r := range keys.OtherReadings("aGk=", keys.UTF8) {
		fmt.Printf("%s: %q\n", keys.EncodingName(r.Encoding), r.Secret)
	}
	// "6869" reads as base64 and as hex, as different bytes.
	for _, r := range keys.OtherReadings("6869", keys.UTF8) {
		fmt.Printf("%s: %x\n", keys.EncodingName(r.Encoding), r.Secret)
	}
	// Output:
	// base64: "hi"
	// base64: ebcebd
	// hex: 6869
}
