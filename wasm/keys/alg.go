package keys

import "fmt"

// Family is a kind of signature algorithm, which decides the key type it needs.
type Family int

// The algorithm families of JWS (RFC 7518 section 3, RFC 8037, RFC 8812,
// draft-ietf-cose-dilithium).
const (
	HMAC Family = iota + 1
	RSA
	RSAPSS
	ECDSA
	EdDSA
	MLDSA
)

// Algorithm describes one JWS "alg" value.
type Algorithm struct {
	Name   string
	Family Family
	// HashBits is the size of the hash (and of a full-strength HMAC secret).
	HashBits int
	// Curve is the curve an ECDSA algorithm requires, as a JWK "crv" value.
	Curve string
	// GoOnly marks an algorithm WebCrypto lacks (secp256k1, ML-DSA): only
	// the Go core signs and verifies it, in every browser.
	GoOnly bool
}

// algorithms lists every "alg" the playground signs and verifies.
var algorithms = []Algorithm{
	{Name: "HS256", Family: HMAC, HashBits: 256},
	{Name: "HS384", Family: HMAC, HashBits: 384},
	{Name: "HS512", Family: HMAC, HashBits: 512},
	{Name: "RS256", Family: RSA, HashBits: 256},
	{Name: "RS384", Family: RSA, HashBits: 384},
	{Name: "RS512", Family: RSA, HashBits: 512},
	{Name: "PS256", Family: RSAPSS, HashBits: 256},
	{Name: "PS384", Family: RSAPSS, HashBits: 384},
	{Name: "PS512", Family: RSAPSS, HashBits: 512},
	{Name: "ES256", Family: ECDSA, HashBits: 256, Curve: "P-256"},
	{Name: "ES384", Family: ECDSA, HashBits: 384, Curve: "P-384"},
	{Name: "ES512", Family: ECDSA, HashBits: 512, Curve: "P-521"},
	{Name: "EdDSA", Family: EdDSA, HashBits: 512, Curve: "Ed25519"},
	{Name: "ES256K", Family: ECDSA, HashBits: 256, Curve: crvSecp256k1, GoOnly: true},
	{Name: "ML-DSA-44", Family: MLDSA, GoOnly: true},
	{Name: "ML-DSA-65", Family: MLDSA, GoOnly: true},
	{Name: "ML-DSA-87", Family: MLDSA, GoOnly: true},
}

// Lookup returns the algorithm named by a JWS "alg" value.
func Lookup(name string) (Algorithm, bool) {
	for _, a := range algorithms {
		if a.Name == name {
			return a, true
		}
	}
	return Algorithm{}, false
}

// Algorithms returns the names of every supported algorithm, in a stable order.
func Algorithms() []string {
	names := make([]string, len(algorithms))
	for i, a := range algorithms {
		names[i] = a.Name
	}
	return names
}

// needs says, in words, which key an algorithm family requires.
func (a Algorithm) needs() string {
	switch a.Family {
	case HMAC:
		return "a shared secret"
	case RSA, RSAPSS:
		return "an RSA key"
	case ECDSA:
		return "an EC key on curve " + a.Curve
	case MLDSA:
		return "an " + a.Name + " key (a JWK of kty \"AKP\")"
	default:
		return "an Ed25519 key"
	}
}

// keyType is the JWK "kty" an algorithm family requires.
func (a Algorithm) keyType() string {
	switch a.Family {
	case HMAC:
		return "oct"
	case RSA, RSAPSS:
		return "RSA"
	case ECDSA:
		return "EC"
	case MLDSA:
		return "AKP"
	default:
		return "OKP"
	}
}

// Description is an algorithm as the page lists it.
type Description struct {
	Name string `json:"name"`
	// Family is "hmac", "rsa", "rsa-pss", "ecdsa", "eddsa" or "ml-dsa".
	Family string `json:"family"`
	// KeyType is the JWK "kty" the algorithm needs; Curve its "crv", if any.
	KeyType string `json:"keyType"`
	Curve   string `json:"curve,omitempty"`
	// Hash is the hash signed, "SHA-256"; none for ML-DSA, which hashes
	// the signing input itself.
	Hash string `json:"hash,omitempty"`
	// BrowserCrypto is false where WebCrypto lacks the algorithm: the
	// core's Go does it.
	BrowserCrypto bool `json:"browserCrypto"`
}

// familyNames are the Description names of the families.
var familyNames = map[Family]string{HMAC: "hmac", RSA: "rsa", RSAPSS: "rsa-pss", ECDSA: "ecdsa", EdDSA: "eddsa", MLDSA: "ml-dsa"}

// Describe lists every algorithm, in the table's order.
func Describe() []Description {
	out := make([]Description, len(algorithms))
	for i, a := range algorithms {
		out[i] = Description{Name: a.Name, Family: familyNames[a.Family], KeyType: a.keyType(), Curve: a.Curve, BrowserCrypto: !a.GoOnly}
		if a.HashBits > 0 {
			out[i].Hash = fmt.Sprintf("SHA-%d", a.HashBits)
		}
	}
	return out
}

// About says in words what the algorithm is, and where it is defined:
// "ECDSA on secp256k1 with SHA-256 (RFC 8812 section 3.2)".
func (a Algorithm) About() string {
	hash := fmt.Sprintf("SHA-%d", a.HashBits)
	switch a.Family {
	case HMAC:
		return "HMAC with " + hash + ", a shared secret (RFC 7518 section 3.2)"
	case RSA:
		return "RSASSA-PKCS1-v1_5 with " + hash + " (RFC 7518 section 3.3)"
	case RSAPSS:
		return "RSASSA-PSS with " + hash + " and MGF1 (RFC 7518 section 3.5)"
	case ECDSA:
		if a.Curve == crvSecp256k1 {
			return "ECDSA on secp256k1 with " + hash + ", the curve of Bitcoin and many decentralised identifiers (RFC 8812 section 3.2)"
		}
		return "ECDSA on " + a.Curve + " with " + hash + " (RFC 7518 section 3.4)"
	case MLDSA:
		return a.Name + " (FIPS 204), a post-quantum signature from lattices: large keys and signatures, safe against quantum computers (draft-ietf-cose-dilithium)"
	}
	return "EdDSA with Ed25519 (RFC 8037)"
}
