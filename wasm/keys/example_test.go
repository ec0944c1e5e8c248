package keys_test

import (
	"fmt"

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
