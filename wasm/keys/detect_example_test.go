package keys_test

import (
	"fmt"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// Public key text is read as the key whatever form it was pasted in, and
// its Source says how; it never becomes an HMAC secret.
func ExampleDetect() {
	for _, text := range []string{
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4 alice@example.com",
		"MCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=",
		`"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\n-----END PUBLIC KEY-----\n"`,
		"\uFEFFpublic key:\n-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\n-----END PUBLIC KEY-----",
		`[{"kty":"OKP","crv":"Ed25519","x":"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg"}]`,
	} {
		set, err := keys.Parse(text, "")
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(keys.Detect(text), "|", set.Keys[0].Source)
	}
	_, err := keys.Parse("-----END PUBLIC KEY-----", "")
	fmt.Println(err)
	// Output:
	// ssh | OpenSSH ssh-ed25519 public key "alice@example.com"
	// der | PKIX public key (base64 DER, no PEM armour)
	// pem | PKIX public key (PEM, inside a JSON string)
	// pem | PKIX public key (PEM, after the text "public key:", after removing a byte-order mark (U+FEFF))
	// jwk | JWK (the only element of a JSON array)
	// the key text looks like a PEM block, but could not be read as a key: refused as an HMAC secret, because a verifier that HMACs with key text accepts tokens forged by anyone who has that text (algorithm confusion)
}
