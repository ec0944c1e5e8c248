package keys

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/json"
	"slices"

	"filippo.io/mldsa"
)

// Inspection says what a key is and what it can do.
type Inspection struct {
	// Kind is "secret", "public", "private" or "jwks".
	Kind string `json:"kind"`
	// Type is the JWK key type: "oct", "RSA", "EC", "OKP" or "AKP".
	Type       string `json:"type,omitempty"`
	Bits       int    `json:"bits,omitempty"`
	Curve      string `json:"curve,omitempty"`
	Kid        string `json:"kid,omitempty"`
	Thumbprint string `json:"thumbprint,omitempty"`
	// Source says how the key was written ("PKCS #8 private key (PEM)").
	Source string `json:"source,omitempty"`
	// Algs lists the algorithms the key can verify.
	Algs []string `json:"algs"`
	// The key in the other forms, for converting between PEM and JWK.
	PublicKeyPEM  string          `json:"publicKeyPem,omitempty"`
	PublicJWK     json.RawMessage `json:"publicJwk,omitempty"`
	PrivateKeyPEM string          `json:"privateKeyPem,omitempty"`
	PrivateJWK    json.RawMessage `json:"privateJwk,omitempty"`
	// Keys describes each key of a JWKS; Skipped the ones that cannot be used.
	Keys    []*Inspection `json:"keys,omitempty"`
	Skipped []string      `json:"skipped,omitempty"`
}

// Inspect reads key text as Parse does and describes it. Only the first key
// of a PEM bundle (such as a certificate chain) is described.
func Inspect(text string, enc Encoding) (*Inspection, error) {
	set, err := Parse(text, enc)
	if err != nil {
		return nil, err
	}
	if set.Format != FormatJWKS {
		return set.Keys[0].inspect(), nil
	}
	out := &Inspection{Kind: "jwks", Algs: []string{}, Skipped: set.Skipped}
	for _, k := range set.Keys {
		ins := k.inspect()
		out.Keys = append(out.Keys, ins)
		for _, a := range ins.Algs {
			if !slices.Contains(out.Algs, a) {
				out.Algs = append(out.Algs, a)
			}
		}
	}
	return out, nil
}

func (k *Key) inspect() *Inspection {
	ins := &Inspection{Kind: k.kind(), Type: k.Type, Kid: k.Kid, Source: k.Source, Bits: k.bits(), Curve: k.curve(), Algs: []string{}}
	switch k.Type {
	case "OKP":
		ins.Curve = "Ed25519"
	case "AKP":
		ins.Curve = k.paramSet() // the parameter set, as the key's curve is for EC
	}
	for _, a := range algorithms {
		if k.Fits(a, Verify) == nil {
			ins.Algs = append(ins.Algs, a.Name)
		}
	}
	// The conversions cannot fail for keys that Parse accepted; a failure
	// only leaves that form out.
	ins.Thumbprint, _ = k.Thumbprint()
	if k.Type == "oct" {
		// A secret's JWK holds the secret itself: it is never "public".
		ins.PrivateJWK, _ = k.JWK(true)
		return ins
	}
	ins.PublicJWK, _ = k.JWK(false)
	ins.PublicKeyPEM, _ = k.PublicPEM()
	if k.Private != nil {
		ins.PrivateKeyPEM, _ = k.PrivatePEM()
		ins.PrivateJWK, _ = k.JWK(true)
	}
	return ins
}

func (k *Key) kind() string {
	switch {
	case k.Type == "oct":
		return "secret"
	case k.Private != nil:
		return "private"
	}
	return "public"
}

func (k *Key) bits() int {
	switch pub := k.Public.(type) {
	case *rsa.PublicKey:
		return pub.N.BitLen()
	case *ecdsa.PublicKey:
		return pub.Curve.Params().BitSize
	case nil:
		return 8 * len(k.Secret)
	case *mldsa.PublicKey:
		return 0 // its parameter set (Curve) says its strength
	}
	return 256 // Ed25519
}
