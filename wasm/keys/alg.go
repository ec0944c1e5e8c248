package keys

// Family is a kind of signature algorithm, which decides the key type it needs.
type Family int

// The algorithm families of JWS (RFC 7518 section 3, RFC 8037).
const (
	HMAC Family = iota + 1
	RSA
	RSAPSS
	ECDSA
	EdDSA
)

// Algorithm describes one JWS "alg" value.
type Algorithm struct {
	Name   string
	Family Family
	// HashBits is the size of the hash (and of a full-strength HMAC secret).
	HashBits int
	// Curve is the curve an ECDSA algorithm requires, as a JWK "crv" value.
	Curve string
}

// algorithms lists every "alg" the playground signs and verifies.
var algorithms = []Algorithm{
	{"HS256", HMAC, 256, ""},
	{"HS384", HMAC, 384, ""},
	{"HS512", HMAC, 512, ""},
	{"RS256", RSA, 256, ""},
	{"RS384", RSA, 384, ""},
	{"RS512", RSA, 512, ""},
	{"PS256", RSAPSS, 256, ""},
	{"PS384", RSAPSS, 384, ""},
	{"PS512", RSAPSS, 512, ""},
	{"ES256", ECDSA, 256, "P-256"},
	{"ES384", ECDSA, 384, "P-384"},
	{"ES512", ECDSA, 512, "P-521"},
	{"EdDSA", EdDSA, 512, "Ed25519"},
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
	default:
		return "OKP"
	}
}
