package keys

import (
	"errors"
	"fmt"

	"filippo.io/mldsa"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// ML-DSA-44, ML-DSA-65 and ML-DSA-87 (FIPS 204) are the post-quantum
// signatures of draft-ietf-cose-dilithium: the signature is over the
// signing input itself, with an empty context, and the key is a JWK of
// kty "AKP" whose "alg" names the parameter set, "pub" the public key and
// "priv" the 32-byte seed. filippo.io/mldsa does the mathematics.
func init() {
	for _, p := range []mldsa.Parameters{mldsa.MLDSA44(), mldsa.MLDSA65(), mldsa.MLDSA87()} {
		m := &signingMethodMLDSA{p}
		jwt.RegisterSigningMethod(m.Alg(), func() jwt.SigningMethod { return m })
	}
}

// signingMethodMLDSA is golang-jwt's SigningMethod for one parameter set.
type signingMethodMLDSA struct {
	params mldsa.Parameters
}

// errMLDSAVerification is the error of a signature that does not match.
var errMLDSAVerification = errors.New("ML-DSA verification error")

// Alg returns the JOSE "alg": "ML-DSA-44", "ML-DSA-65" or "ML-DSA-87".
func (m *signingMethodMLDSA) Alg() string { return m.params.String() }

// Verify checks sig over signingString with an *mldsa.PublicKey of the
// method's parameter set; a key of another set is refused, not tried.
func (m *signingMethodMLDSA) Verify(signingString string, sig []byte, key any) error {
	pub, ok := key.(*mldsa.PublicKey)
	if !ok {
		return fmt.Errorf("%s verify expects *mldsa.PublicKey: %w", m.Alg(), jwt.ErrInvalidKeyType)
	}
	if pub.Parameters() != m.params {
		return fmt.Errorf("%s cannot verify with an %s key: %w", m.Alg(), pub.Parameters(), jwt.ErrInvalidKey)
	}
	if mldsa.Verify(pub, []byte(signingString), sig, nil) != nil {
		return errMLDSAVerification
	}
	return nil
}

// Sign signs signingString with an *mldsa.PrivateKey of the method's
// parameter set. The signature is hedged (FIPS 204's default): fresh
// randomness each time, as jose's WebCrypto signs.
func (m *signingMethodMLDSA) Sign(signingString string, key any) ([]byte, error) {
	priv, ok := key.(*mldsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s sign expects *mldsa.PrivateKey: %w", m.Alg(), jwt.ErrInvalidKeyType)
	}
	if p := priv.PublicKey().Parameters(); p != m.params {
		return nil, fmt.Errorf("%s cannot sign with an %s key: %w", m.Alg(), p, jwt.ErrInvalidKey)
	}
	return priv.Sign(nil, []byte(signingString), nil)
}

// mldsaParams returns the parameter set named by a JOSE "alg".
func mldsaParams(alg string) (mldsa.Parameters, bool) {
	for _, p := range []mldsa.Parameters{mldsa.MLDSA44(), mldsa.MLDSA65(), mldsa.MLDSA87()} {
		if p.String() == alg {
			return p, true
		}
	}
	return mldsa.Parameters{}, false
}

// paramSet names an AKP key's parameter set ("ML-DSA-65"), or "".
func (k *Key) paramSet() string {
	if pub, ok := k.Public.(*mldsa.PublicKey); ok {
		return pub.Parameters().String()
	}
	return ""
}

// akpKey reads an AKP JWK (draft-ietf-cose-dilithium section 3): "alg" is
// required and fixes the parameter set, "pub" is the public key of that
// set's size, "priv" the 32-byte seed, which must give "pub".
func (j *jwk) akpKey() (*Key, error) {
	if j.Alg == "" {
		return nil, errors.New(`the AKP JWK has no "alg" member: an AKP key must name its algorithm (ML-DSA-44, ML-DSA-65 or ML-DSA-87)`)
	}
	params, ok := mldsaParams(j.Alg)
	if !ok {
		return nil, fmt.Errorf(`the AKP JWK's "alg" is %s: only ML-DSA-44, ML-DSA-65 and ML-DSA-87 keys are supported`, jwterr.Clip(j.Alg))
	}
	pubBytes, err := j.member("pub", j.Pub, true)
	if err != nil {
		return nil, err
	}
	if len(pubBytes) != params.PublicKeySize() {
		return nil, fmt.Errorf(`the %s JWK's "pub" must be %d bytes, not %d`, params, params.PublicKeySize(), len(pubBytes))
	}
	pub, err := mldsa.NewPublicKey(params, pubBytes)
	if err != nil {
		return nil, fmt.Errorf(`the %s JWK's "pub" is not a valid public key`, params)
	}
	if j.Priv == "" {
		return &Key{Type: "AKP", Public: pub}, nil
	}
	seed, err := j.member("priv", j.Priv, true)
	if err != nil {
		return nil, err
	}
	if len(seed) != mldsa.PrivateKeySize {
		return nil, fmt.Errorf(`the %s JWK's "priv" must be the %d-byte seed, not %d bytes (the expanded private key is not used in JOSE)`, params, mldsa.PrivateKeySize, len(seed))
	}
	priv, err := mldsa.NewPrivateKey(params, seed)
	if err != nil || !priv.PublicKey().Equal(pub) {
		return nil, fmt.Errorf(`the %s JWK's private "priv" does not match its public "pub"`, params)
	}
	return &Key{Type: "AKP", Public: pub, Private: priv}, nil
}

// newMLDSAKey makes a random key pair for alg, an ML-DSA algorithm.
func newMLDSAKey(alg Algorithm) (*Key, error) {
	params, _ := mldsaParams(alg.Name)
	priv, err := mldsa.GenerateKey(params)
	if err != nil {
		return nil, jwterr.New(jwterr.Internal, "generating an %s key failed: %v", alg.Name, err)
	}
	return keyFromGo(priv, "generated")
}
