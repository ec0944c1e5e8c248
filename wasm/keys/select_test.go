package keys_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

func TestFits(t *testing.T) {
	k := newKeys(t)
	var (
		secret   = parseOne(t, "a-string-secret-at-least-256-bits-long")
		octJWK   = parseOne(t, jsonText(t, jwkOf(t, []byte("secret"))))
		rsaPub   = parseOne(t, pkixPEM(t, &k.rsa.PublicKey))
		rsaPriv  = parseOne(t, pkcs8PEM(t, k.rsa))
		rsaCert  = parseOne(t, certPEM(t, k.rsa, "cert"))
		p256Pub  = parseOne(t, pkixPEM(t, &k.p256.PublicKey))
		p256Priv = parseOne(t, sec1PEM(t, k.p256))
		p384Pub  = parseOne(t, pkixPEM(t, &k.p384.PublicKey))
		p384Priv = parseOne(t, pkcs8PEM(t, k.p384))
		p521Pub  = parseOne(t, jsonText(t, jwkOf(t, &k.p521.PublicKey)))
		p521Priv = parseOne(t, jsonText(t, jwkOf(t, k.p521)))
		edPub    = parseOne(t, pkixPEM(t, k.ed.Public()))
		edPriv   = parseOne(t, jsonText(t, jwkOf(t, k.ed)))
		rsRS512  = parseOne(t, jsonText(t, with(jwkOf(t, &k.rsa.PublicKey), "alg", "RS512")))
		rsRS256  = parseOne(t, jsonText(t, with(jwkOf(t, &k.rsa.PublicKey), "alg", "RS256", "use", "sig")))
		rsEnc    = parseOne(t, jsonText(t, with(jwkOf(t, &k.rsa.PublicKey), "use", "enc")))
		rsKid    = parseOne(t, jsonText(t, with(jwkOf(t, &k.rsa.PublicKey), "kid", "k1")))
		opsBoth  = parseOne(t, jsonText(t, with(jwkOf(t, k.rsa), "key_ops", []string{"sign", "verify"})))
		opsSign  = parseOne(t, jsonText(t, with(jwkOf(t, k.rsa), "key_ops", []string{"sign"})))
		opsNone  = parseOne(t, jsonText(t, with(jwkOf(t, []byte("secret")), "key_ops", []string{})))
		opsEnc   = parseOne(t, jsonText(t, with(jwkOf(t, k.p256), "key_ops", []string{"encrypt", "wrapKey"})))
		useSigOp = parseOne(t, jsonText(t, with(jwkOf(t, k.ed), "use", "sig", "key_ops", []string{"verify"})))
	)
	const confusion = "using a public key as an HMAC secret is the algorithm-confusion attack"
	tests := []struct {
		name    string
		key     *keys.Key
		alg     string
		purpose keys.Purpose
		want    []string // nil: the key fits
	}{
		{"secret HS256 verify", secret, "HS256", keys.Verify, nil},
		{"secret HS384 sign", secret, "HS384", keys.Sign, nil},
		{"oct JWK HS512 sign", octJWK, "HS512", keys.Sign, nil},
		{"RSA public RS256 verify", rsaPub, "RS256", keys.Verify, nil},
		{"RSA public PS512 verify", rsaPub, "PS512", keys.Verify, nil},
		{"RSA certificate RS384 verify", rsaCert, "RS384", keys.Verify, nil},
		{"RSA private RS384 sign", rsaPriv, "RS384", keys.Sign, nil},
		{"RSA private PS256 sign", rsaPriv, "PS256", keys.Sign, nil},
		{"RSA private RS256 verify", rsaPriv, "RS256", keys.Verify, nil},
		{"P-256 public ES256 verify", p256Pub, "ES256", keys.Verify, nil},
		{"P-256 private ES256 sign", p256Priv, "ES256", keys.Sign, nil},
		{"P-384 public ES384 verify", p384Pub, "ES384", keys.Verify, nil},
		{"P-384 private ES384 sign", p384Priv, "ES384", keys.Sign, nil},
		{"P-521 public ES512 verify", p521Pub, "ES512", keys.Verify, nil},
		{"P-521 private ES512 sign", p521Priv, "ES512", keys.Sign, nil},
		{"Ed25519 public EdDSA verify", edPub, "EdDSA", keys.Verify, nil},
		{"Ed25519 private EdDSA sign", edPriv, "EdDSA", keys.Sign, nil},
		{"JWK alg and use sig", rsRS256, "RS256", keys.Verify, nil},

		{"RSA public for HS256", rsaPub, "HS256", keys.Verify,
			[]string{"HS256 needs a shared secret, but the key is an RSA public key: refused", confusion}},
		{"RSA private for HS256", rsaPriv, "HS256", keys.Sign, []string{"an RSA private key", confusion}},
		{"EC public for HS512", p256Pub, "HS512", keys.Verify, []string{"an EC P-256 public key", confusion}},
		{"Ed25519 public for HS384", edPub, "HS384", keys.Verify, []string{"an Ed25519 public key", confusion}},
		{"EC P-384 for ES256", p384Pub, "ES256", keys.Verify, []string{"ES256 needs an EC key on curve P-256, but the key is on P-384"}},
		{"EC P-256 for ES512", p256Priv, "ES512", keys.Sign, []string{"ES512 needs an EC key on curve P-521, but the key is on P-256"}},
		{"EC P-521 for ES384", p521Pub, "ES384", keys.Verify, []string{"on curve P-384, but the key is on P-521"}},
		{"EC for RS256", p256Pub, "RS256", keys.Verify, []string{"RS256 needs an RSA key, but the key is an EC P-256 public key"}},
		{"EC for PS384", p384Priv, "PS384", keys.Verify, []string{"PS384 needs an RSA key, but the key is an EC P-384 private key"}},
		{"secret for RS256", secret, "RS256", keys.Verify, []string{"RS256 needs an RSA key, but the key is a shared secret"}},
		{"oct JWK for EdDSA", octJWK, "EdDSA", keys.Verify, []string{"EdDSA needs an Ed25519 key, but the key is a shared secret"}},
		{"RSA for EdDSA", rsaPub, "EdDSA", keys.Verify, []string{"EdDSA needs an Ed25519 key, but the key is an RSA public key"}},
		{"Ed25519 for ES256", edPub, "ES256", keys.Verify, []string{"ES256 needs an EC key on curve P-256, but the key is an Ed25519 public key"}},
		{"JWK alg RS512 used for RS256", rsRS512, "RS256", keys.Verify, []string{`the key is for "RS512" (its "alg" member), not RS256`}},
		{"JWK alg RS512 used for PS512", rsRS512, "PS512", keys.Verify, []string{`is for "RS512"`, "not PS512"}},
		{"JWK use enc", rsEnc, "RS256", keys.Verify, []string{`the key's "use" is "enc", so it is not for signatures`}},
		{"RSA public to sign", rsaPub, "RS256", keys.Sign, []string{"signing with RS256 needs a private key, but the key is an RSA public key, which can only verify"}},
		{"certificate to sign", rsaCert, "PS256", keys.Sign, []string{"signing with PS256 needs a private key"}},
		{"EC public to sign", p256Pub, "ES256", keys.Sign, []string{"needs a private key, but the key is an EC P-256 public key"}},
		{"Ed25519 public to sign", edPub, "EdDSA", keys.Sign, []string{"needs a private key, but the key is an Ed25519 public key"}},
		{"message names the kid", rsKid, "ES256", keys.Verify, []string{`an RSA public key (kid "k1")`}},

		// key_ops (RFC 7517 section 4.3), as jose reads it: the operation
		// must be listed.
		{"key_ops sign and verify, to verify", opsBoth, "PS256", keys.Verify, nil},
		{"key_ops sign and verify, to sign", opsBoth, "RS256", keys.Sign, nil},
		{"key_ops sign, to sign", opsSign, "RS512", keys.Sign, nil},
		{"key_ops verify, to verify", useSigOp, "EdDSA", keys.Verify, nil},
		{"key_ops sign, to verify", opsSign, "RS256", keys.Verify, []string{`the key's "key_ops" is ["sign"], which does not allow "verify"`}},
		{"key_ops verify, to sign", useSigOp, "EdDSA", keys.Sign, []string{`"key_ops" is ["verify"], which does not allow "sign"`}},
		{"key_ops empty", opsNone, "HS256", keys.Verify, []string{`"key_ops" is [], which does not allow "verify"`}},
		{"key_ops for encryption", opsEnc, "ES256", keys.Verify, []string{`"key_ops" is ["encrypt", "wrapKey"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.key.Fits(lookup(t, tt.alg), tt.purpose)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Fits(%s) = %v, want nil", tt.alg, err)
				}
				return
			}
			checkError(t, err, jwterr.KeyMismatch, jwterr.PartKey, noOffset, tt.want...)
		})
	}
}

func TestSelectByKid(t *testing.T) {
	k := newKeys(t)
	set, err := keys.Parse(jwksText(t,
		with(jwkOf(t, &k.rsa.PublicKey), "kid", "r1"),
		with(jwkOf(t, &k.p256.PublicKey), "kid", "e1"),
		with(jwkOf(t, []byte("secret")), "kid", "h1"),
		with(jwkOf(t, &k.rsa2.PublicKey), "kid", "r2"),
		map[string]any{"kty": "OKP", "crv": "X25519", "kid": "x1", "x": b64(make([]byte, 32))},
	), "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	tests := []struct {
		name string
		alg  string
		kid  string
		want []string // the kids of the keys returned
		code jwterr.Code
		msg  []string
	}{
		{"RSA by kid", "RS256", "r1", []string{"r1"}, "", nil},
		{"second RSA by kid", "PS256", "r2", []string{"r2"}, "", nil},
		{"EC by kid", "ES256", "e1", []string{"e1"}, "", nil},
		{"secret by kid", "HS256", "h1", []string{"h1"}, "", nil},
		{"no kid: every fitting key", "RS512", "", []string{"r1", "r2"}, "", nil},
		{"kid of a key that does not fit", "RS256", "e1", nil, jwterr.KeyMismatch,
			[]string{`RS256 needs an RSA key, but the key is an EC P-256 public key (kid "e1")`}},
		{"kid of a public key for HS256", "HS256", "r1", nil, jwterr.KeyMismatch, []string{"algorithm-confusion"}},
		{"kid not found lists the kids", "RS256", "nope", nil, jwterr.KidNotFound,
			[]string{`the key set has no key with the token's kid "nope"; its kids are "r1", "e1", "h1", "r2"`}},
		{"kid of a skipped key", "EdDSA", "x1", nil, jwterr.KidNotFound,
			[]string{`kid "x1"`, `key 4 (kid "x1"): the OKP JWK's curve "crv" is "X25519"`}},
		{"kid is case sensitive", "RS256", "R1", nil, jwterr.KidNotFound, []string{`"R1"`}},
		{"no kid and no key fits", "EdDSA", "", nil, jwterr.KeyMismatch,
			[]string{"none of the 4 keys fits EdDSA, which needs an Ed25519 key; they are an RSA public key (kid \"r1\"), an EC P-256 public key (kid \"e1\"), a shared secret (kid \"h1\"), an RSA public key (kid \"r2\")"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := set.Select(lookup(t, tt.alg), tt.kid, keys.Verify)
			if tt.code != "" {
				if got != nil {
					t.Errorf("Select returned %d keys with its error", len(got))
				}
				checkError(t, err, tt.code, jwterr.PartKey, noOffset, tt.msg...)
				return
			}
			if err != nil {
				t.Fatalf("Select: %v", err)
			}
			if kids := kidsOf(got); kids != strings.Join(tt.want, ",") {
				t.Errorf("Select returned keys %s, want %s", kids, strings.Join(tt.want, ","))
			}
		})
	}
}

func kidsOf(ks []*keys.Key) string {
	var kids []string
	for _, k := range ks {
		kids = append(kids, k.Kid)
	}
	return strings.Join(kids, ",")
}

func TestSelectWithoutKids(t *testing.T) {
	k := newKeys(t)
	set, err := keys.Parse(jwksText(t,
		jwkOf(t, &k.rsa.PublicKey),
		jwkOf(t, &k.p256.PublicKey),
		jwkOf(t, &k.rsa2.PublicKey),
	), "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	tests := []struct {
		name string
		alg  string
		kid  string
		want []any
	}{
		{"every RSA key", "RS256", "", []any{&k.rsa.PublicKey, &k.rsa2.PublicKey}},
		{"the EC key", "ES256", "", []any{&k.p256.PublicKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := set.Select(lookup(t, tt.alg), tt.kid, keys.Verify)
			if err != nil {
				t.Fatalf("Select: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Select returned %d keys, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if !publicEqual(got[i].Public, tt.want[i]) {
					t.Errorf("key %d is not the expected key", i)
				}
			}
		})
	}
}

func TestSelectPurpose(t *testing.T) {
	k := newKeys(t)
	set, err := keys.Parse(jwksText(t,
		with(jwkOf(t, &k.p256.PublicKey), "kid", "pub"),
		with(jwkOf(t, k.p256b), "kid", "priv"),
	), "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	es256 := lookup(t, "ES256")
	if got, err := set.Select(es256, "", keys.Verify); err != nil || kidsOf(got) != "pub,priv" {
		t.Errorf("Select(Verify) = %q, %v; want pub,priv", kidsOf(got), err)
	}
	if got, err := set.Select(es256, "", keys.Sign); err != nil || kidsOf(got) != "priv" {
		t.Errorf("Select(Sign) = %q, %v; want priv", kidsOf(got), err)
	}
	_, err = set.Select(es256, "pub", keys.Sign)
	checkError(t, err, jwterr.KeyMismatch, jwterr.PartKey, noOffset, `signing with ES256 needs a private key, but the key is an EC P-256 public key (kid "pub")`)
}

// TestSelectOutsideJWKS checks that kid only chooses among the keys of a
// JWKS: a lone JWK or PEM key is used whatever its kid.
func TestSelectOutsideJWKS(t *testing.T) {
	k := newKeys(t)
	tests := []struct {
		name string
		text string
	}{
		{"JWK with another kid", jsonText(t, with(jwkOf(t, &k.p256.PublicKey), "kid", "a"))},
		{"PEM", pkixPEM(t, &k.p256.PublicKey)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(tt.text, "")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := set.Select(lookup(t, "ES256"), "b", keys.Verify)
			if err != nil || len(got) != 1 {
				t.Errorf("Select = %d keys, %v; want the one key", len(got), err)
			}
		})
	}
}

func TestSelectSeveralPEMBlocks(t *testing.T) {
	k := newKeys(t)
	set, err := keys.Parse(pkixPEM(t, &k.rsa.PublicKey)+pkixPEM(t, &k.p384.PublicKey), "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	got, err := set.Select(lookup(t, "ES384"), "", keys.Verify)
	if err != nil || len(got) != 1 || !publicEqual(got[0].Public, &k.p384.PublicKey) {
		t.Errorf("Select(ES384) = %d keys, %v; want the P-384 key", len(got), err)
	}
	_, err = set.Select(lookup(t, "ES256"), "", keys.Verify)
	checkError(t, err, jwterr.KeyMismatch, jwterr.PartKey, noOffset,
		"none of the 2 keys fits ES256, which needs an EC key on curve P-256; they are an RSA public key, an EC P-384 public key")
}

func TestVerifyingAndSigningKey(t *testing.T) {
	k := newKeys(t)
	secret := parseOne(t, "s3cret")
	hs := lookup(t, "HS256")
	if got, ok := secret.VerifyingKey(hs).([]byte); !ok || string(got) != "s3cret" {
		t.Errorf("VerifyingKey(HS256) = %v, want the secret bytes", secret.VerifyingKey(hs))
	}
	if got, ok := secret.SigningKey(hs).([]byte); !ok || string(got) != "s3cret" {
		t.Errorf("SigningKey(HS256) = %v, want the secret bytes", secret.SigningKey(hs))
	}
	ec := parseOne(t, pkcs8PEM(t, k.p256))
	es := lookup(t, "ES256")
	if !publicEqual(ec.VerifyingKey(es), &k.p256.PublicKey) {
		t.Errorf("VerifyingKey(ES256) = %T, want the public key", ec.VerifyingKey(es))
	}
	if got := ec.SigningKey(es); got != ec.Private {
		t.Errorf("SigningKey(ES256) = %T, want the private key", got)
	}
}

// TestSelectJoseRules: a JWKS is searched as jose's createLocalJWKSet
// searches it.
func TestSelectJoseRules(t *testing.T) {
	k := newKeys(t)
	noKids := jwksText(t, jwkOf(t, &k.rsa.PublicKey), jwkOf(t, &k.rsa2.PublicKey))
	someKids := jwksText(t, jwkOf(t, &k.rsa.PublicKey), with(jwkOf(t, &k.rsa2.PublicKey), "kid", "b"))
	tests := []struct {
		name    string
		jwks    string
		alg     string
		kid     string
		want    int // keys returned
		code    jwterr.Code
		message string
	}{
		// jose: JWKSNoMatchingKey. Before, every key was tried.
		{"a token kid when no key has one", noKids, "PS384", "some-kid", 0, jwterr.KidNotFound, `no key with the token's kid "some-kid"; none of its keys has a kid`},
		// jose: only the key with that kid; the key without one is not tried.
		{"a token kid picks only its key", someKids, "RS256", "b", 1, "", ""},
		{"no token kid: every key", someKids, "RS256", "", 2, "", ""},
		{"a key that forbids verifying is left out", jwksText(t, with(jwkOf(t, &k.rsa.PublicKey), "key_ops", []string{"sign"}), jwkOf(t, &k.rsa2.PublicKey)), "RS256", "", 1, "", ""},
		{"use enc is left out", jwksText(t, with(jwkOf(t, &k.rsa.PublicKey), "use", "enc"), jwkOf(t, &k.rsa2.PublicKey)), "RS256", "", 1, "", ""},
		{"alg of another algorithm is left out", jwksText(t, with(jwkOf(t, &k.rsa.PublicKey), "alg", "PS256"), jwkOf(t, &k.rsa2.PublicKey)), "RS256", "", 1, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := keys.Parse(tt.jwks, "")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			c, err := set.Choose(lookup(t, tt.alg), tt.kid, keys.Verify)
			if tt.code != "" {
				checkError(t, err, tt.code, jwterr.PartKey, noOffset, tt.message)
				return
			}
			if err != nil || len(c.Keys) != tt.want || c.Fitting != tt.want {
				t.Fatalf("Choose = %+v, %v; want %d keys", c, err, tt.want)
			}
		})
	}
}

// TestSelectBounded: however many keys fit, at most MaxCandidates are
// tried, and the choice says how many fitted.
func TestSelectBounded(t *testing.T) {
	k := newKeys(t)
	var ks []any
	for range keys.MaxCandidates + 5 {
		ks = append(ks, jwkOf(t, &k.rsa.PublicKey))
	}
	set, err := keys.Parse(jwksText(t, ks...), "")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	c, err := set.Choose(lookup(t, "PS256"), "", keys.Verify)
	if err != nil || len(c.Keys) != keys.MaxCandidates || c.Fitting != keys.MaxCandidates+5 || c.Format != keys.FormatJWKS {
		t.Fatalf("Choose = %d keys of %d fitting, %v; want %d of %d", len(c.Keys), c.Fitting, err, keys.MaxCandidates, keys.MaxCandidates+5)
	}
}

// TestFitsRSASize: Go's crypto/rsa refuses keys under 1024 bits whatever
// the signature, so such a key is refused as too small, by name, before
// any signature is checked.
func TestFitsRSASize(t *testing.T) {
	for _, bits := range []int{512, 1000, 1023} {
		key := parseOne(t, jsonText(t, jwkOf(t, smallRSA(t, bits))))
		for _, alg := range []string{"RS256", "PS512"} {
			for _, p := range []keys.Purpose{keys.Verify, keys.Sign} {
				checkError(t, key.Fits(lookup(t, alg), p), jwterr.KeyInvalid, jwterr.PartKey, noOffset,
					fmt.Sprintf("the RSA key has %d bits, too few to", bits), "under 1024 bits are refused")
			}
		}
	}
	key := parseOne(t, jsonText(t, jwkOf(t, smallRSA(t, 1024))))
	if err := key.Fits(lookup(t, "PS256"), keys.Sign); err != nil {
		t.Errorf("Fits(1024 bits) = %v, want nil", err)
	}
}
