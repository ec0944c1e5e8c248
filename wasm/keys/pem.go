package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"filippo.io/mldsa"
	mldsax509 "filippo.io/mldsa/x509"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// parsePEM reads every PEM block in text. Blocks that are not keys
// ("EC PARAMETERS", which openssl writes before EC keys) are skipped.
func parsePEM(text string) ([]*Key, error) {
	blocks, err := pemBlocks(text)
	if err != nil {
		return nil, err
	}
	var out []*Key
	for i, b := range blocks {
		if b.Type == "EC PARAMETERS" {
			continue
		}
		k, err := pemKey(b)
		if err != nil {
			if len(blocks) > 1 {
				code := jwterr.CodeOf(err) // too_large stays too_large
				if code == "" {
					code = jwterr.KeyInvalid
				}
				err = jwterr.New(code, "PEM block %d: %v", i+1, err)
			}
			return nil, jwterr.From(err, jwterr.KeyInvalid).In(jwterr.PartKey)
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil, jwterr.New(jwterr.KeyInvalid, "the PEM text holds no key, only %q", blocks[0].Type).In(jwterr.PartKey)
	}
	return out, nil
}

func pemBlocks(text string) ([]*pem.Block, error) {
	// Escaped line breaks and slashes are what a PEM keeps from a JSON or
	// shell string it was copied out of (PHP's json_encode escapes "/").
	normal := strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", `\/`, "/").Replace(text)
	var blocks []*pem.Block
	rest := []byte(normal)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		blocks = append(blocks, b)
	}
	if len(blocks) > 0 {
		return blocks, nil
	}
	return rebuildPEM(normal)
}

// rebuildPEM recovers blocks whose base64 body lost its line breaks.
func rebuildPEM(text string) ([]*pem.Block, error) {
	ms := armored(text)
	if len(ms) == 0 {
		return nil, jwterr.New(jwterr.KeyInvalid, "the PEM text is incomplete: a -----BEGIN line needs a matching -----END line").In(jwterr.PartKey)
	}
	var blocks []*pem.Block
	for _, m := range ms {
		if m.begin != m.end {
			return nil, jwterr.New(jwterr.KeyInvalid, "the PEM block begins as %q but ends as %q", m.begin, m.end).In(jwterr.PartKey)
		}
		wrapped := "-----BEGIN " + m.begin + "-----\n" + stripSpace(m.body) + "\n-----END " + m.begin + "-----\n"
		b, _ := pem.Decode([]byte(wrapped))
		if b == nil {
			return nil, jwterr.New(jwterr.KeyInvalid, "the %q PEM block is not valid base64 between its BEGIN and END lines", m.begin).In(jwterr.PartKey)
		}
		blocks = append(blocks, b)
	}
	return blocks, nil
}

// armor is one BEGIN … END block found in text.
type armor struct{ begin, body, end string }

// armored finds PEM blocks whose line breaks were lost or escaped, as
// happens when a key travels through an environment variable or a JSON
// string. (A scan by hand: the regexp package would add half a megabyte
// to the wasm.)
func armored(text string) []armor {
	var out []armor
	for {
		begin, rest, _, ok := labelled(text, "-----BEGIN ")
		if !ok {
			return out
		}
		end, after, at, ok := labelled(rest, "-----END ")
		if !ok {
			return out
		}
		out = append(out, armor{begin, rest[:at], end})
		text = after
	}
}

// labelled finds the first "<marker>LABEL-----" in text whose label is
// upper case letters, digits and spaces, and returns the label, the text
// after it, and where the marker starts.
func labelled(text, marker string) (label, after string, at int, ok bool) {
	for from := 0; ; {
		i := strings.Index(text[from:], marker)
		if i < 0 {
			return "", "", 0, false
		}
		at = from + i
		rest := text[at+len(marker):]
		if j := strings.Index(rest, "-----"); j > 0 && isLabel(rest[:j]) {
			return rest[:j], rest[j+5:], at, true
		}
		from = at + len(marker)
	}
}

func isLabel(s string) bool {
	for _, c := range s {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

// pemParser reads the DER of one PEM block type.
type pemParser struct {
	name  string
	parse func([]byte) (any, error)
}

var (
	pkixParser  = pemParser{"PKIX public key", parsePKIX}
	pkcs1Public = pemParser{"PKCS #1 RSA public key", func(d []byte) (any, error) { return x509.ParsePKCS1PublicKey(d) }}
	pkcs1Priv   = pemParser{"PKCS #1 RSA private key", func(d []byte) (any, error) { return x509.ParsePKCS1PrivateKey(d) }}
	pkcs8Parser = pemParser{"PKCS #8 private key", parsePKCS8}
	sec1Parser  = pemParser{"SEC 1 EC private key", parseSEC1}
	certParser  = pemParser{"X.509 certificate", func(d []byte) (any, error) { return x509.ParseCertificate(d) }}
)

// pemParsers lists, for each block type, the parser its label promises and
// then the others worth trying, since mislabelled blocks are common.
var pemParsers = map[string][]pemParser{
	"PUBLIC KEY":       {pkixParser, pkcs1Public},
	"RSA PUBLIC KEY":   {pkcs1Public, pkixParser},
	"RSA PRIVATE KEY":  {pkcs1Priv, pkcs8Parser},
	"PRIVATE KEY":      {pkcs8Parser, pkcs1Priv, sec1Parser},
	"EC PRIVATE KEY":   {sec1Parser, pkcs8Parser},
	"CERTIFICATE":      {certParser},
	"X509 CERTIFICATE": {certParser},
}

func pemKey(b *pem.Block) (*Key, error) {
	if b.Type == "ENCRYPTED PRIVATE KEY" || strings.Contains(b.Headers["Proc-Type"], "ENCRYPTED") {
		return nil, jwterr.New(jwterr.KeyInvalid, "the private key is encrypted with a passphrase: decrypt it first (openssl pkey -in key.pem -out plain.pem)")
	}
	if err := checkPrivateRSADER(b.Bytes); err != nil {
		return nil, err
	}
	parsers, ok := pemParsers[b.Type]
	if !ok {
		return nil, jwterr.New(jwterr.KeyInvalid, "a %q PEM block is not a key this playground reads (PUBLIC KEY, RSA PUBLIC KEY, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE)", b.Type)
	}
	var firstErr error
	for _, p := range parsers {
		v, err := p.parse(b.Bytes)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("the %q PEM block is not a valid %s: %v", b.Type, p.name, trimX509(err))
			}
			continue
		}
		return keyFromDER(v, p.name, "PEM")
	}
	return nil, jwterr.From(firstErr, jwterr.KeyInvalid)
}

// trimX509 drops the package prefix from crypto/x509's messages.
func trimX509(err error) string {
	return strings.TrimPrefix(err.Error(), "x509: ")
}

// keyFromDER wraps what a DER parser called name returned (a key or a
// certificate) as a Key whose Source says the structure and the form it
// was written in: "PKIX public key (PEM)".
func keyFromDER(v any, name, form string) (*Key, error) {
	if c, ok := v.(*x509.Certificate); ok {
		name = "X.509 certificate"
		if cn := c.Subject.CommonName; cn != "" {
			name += " for " + quote(cn)
		}
		v = c.PublicKey
	}
	return keyFromGo(v, name+" ("+form+")")
}

// keyFromGo wraps a parsed Go key as a Key.
func keyFromGo(v any, source string) (*Key, error) {
	switch k := v.(type) {
	case *rsa.PublicKey:
		if err := checkRSASize(k); err != nil {
			return nil, err
		}
		return &Key{Type: "RSA", Public: k, Source: source}, nil
	case *rsa.PrivateKey:
		if err := checkRSASize(&k.PublicKey); err != nil {
			return nil, err
		}
		return &Key{Type: "RSA", Public: &k.PublicKey, Private: k, Source: source}, nil
	case *ecdsa.PublicKey:
		return &Key{Type: "EC", Public: k, Source: source}, nil
	case *ecdsa.PrivateKey:
		return &Key{Type: "EC", Public: &k.PublicKey, Private: k, Source: source}, nil
	case ed25519.PublicKey:
		return &Key{Type: "OKP", Public: k, Source: source}, nil
	case ed25519.PrivateKey:
		return &Key{Type: "OKP", Public: k.Public(), Private: k, Source: source}, nil
	case *mldsa.PublicKey:
		return &Key{Type: "AKP", Public: k, Source: source}, nil
	case *mldsa.PrivateKey:
		return &Key{Type: "AKP", Public: k.PublicKey(), Private: k, Source: source}, nil
	}
	return nil, jwterr.New(jwterr.KeyInvalid, "a %T key cannot sign JWTs (X25519 and similar keys are for key agreement)", v)
}

// checkPrivateRSADER refuses the DER of a private RSA key (PKCS #1, or
// PKCS #8 holding one) whose modulus is over limits.MaxPrivateRSABits,
// reading only as far as the modulus: crypto/x509 checks that a private
// key's parts agree as it reads it, which takes 0.7 s for 16384 bits.
// Other DER is left to the parsers.
func checkPrivateRSADER(der []byte) error {
	var pkcs8 struct {
		Version int
		Algo    pkix.AlgorithmIdentifier
		Key     []byte
	}
	if _, err := asn1.Unmarshal(der, &pkcs8); err == nil && pkcs8.Algo.Algorithm.Equal(oidRSA) {
		der = pkcs8.Key
	}
	var pkcs1 struct {
		Version int
		N       *big.Int
	}
	if _, err := asn1.Unmarshal(der, &pkcs1); err != nil || pkcs1.N == nil {
		return nil
	}
	return checkPrivateRSASize(pkcs1.N)
}

// oidRSA is rsaEncryption, the algorithm of a PKCS #8 RSA key.
var oidRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}

// checkPrivateRSASize refuses a private key whose modulus n is over
// limits.MaxPrivateRSABits, before its parts are checked.
func checkPrivateRSASize(n *big.Int) error {
	if bits := n.BitLen(); bits > limits.MaxPrivateRSABits {
		return jwterr.New(jwterr.TooLarge, "the private RSA key has %d bits, over the limit of %d for private keys (checking one takes seconds); to verify, give its public key, which may have up to %d", bits, limits.MaxPrivateRSABits, limits.MaxParseRSABits).In(jwterr.PartKey)
	}
	return nil
}

// checkRSASize refuses moduli so large that every verification would
// stall the page.
func checkRSASize(pub *rsa.PublicKey) error {
	if bits := pub.N.BitLen(); bits > limits.MaxParseRSABits {
		return jwterr.New(jwterr.TooLarge, "the RSA key has %d bits, over the limit of %d", bits, limits.MaxParseRSABits)
	}
	return nil
}

// parsePKIX reads a SubjectPublicKeyInfo: crypto/x509's keys and ML-DSA's
// (RFC 9881) by filippo.io/mldsa/x509, which defers to crypto/x509, and
// secp256k1's by parseK1PKIX.
func parsePKIX(der []byte) (any, error) {
	pub, err := mldsax509.ParsePKIXPublicKey(der)
	if err != nil {
		if k, k1err := parseK1PKIX(der); !errors.Is(k1err, errNotK1) {
			return k, k1err
		}
	}
	return pub, err
}

// parsePKCS8 reads a PKCS #8 private key, as parsePKIX reads public keys.
func parsePKCS8(der []byte) (any, error) {
	priv, err := mldsax509.ParsePKCS8PrivateKey(der)
	if err != nil {
		if k, k1err := parseK1PKCS8(der); !errors.Is(k1err, errNotK1) {
			return k, k1err
		}
	}
	return priv, err
}

// parseSEC1 reads a SEC 1 EC private key, on secp256k1 too.
func parseSEC1(der []byte) (any, error) {
	priv, err := x509.ParseECPrivateKey(der)
	if err != nil {
		if k, k1err := parseK1SEC1(der, false); !errors.Is(k1err, errNotK1) {
			return k, k1err
		}
	}
	return priv, err
}
