package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// errSSHShort reports an OpenSSH key blob that ends inside a field.
var errSSHShort = errors.New("the key data ends too early")

// sshCurves maps the curve names of ecdsa-sha2-* keys (RFC 5656) to JWK "crv" names.
var sshCurves = map[string]string{"nistp256": "P-256", "nistp384": "P-384", "nistp521": "P-521"}

// sshLine is one OpenSSH public key line found in text: its type, its
// base64 key blob and its comment.
type sshLine struct {
	typ, blob, comment string
	// lead is the text on the line before the type (authorized_keys
	// options, a label).
	lead string
}

// isSSHType reports whether a word names an OpenSSH key type: ssh-rsa,
// ssh-ed25519, ecdsa-sha2-nistp256, and the DSA, security-key and
// certificate types, which are recognised in order to be refused.
func isSSHType(w string) bool {
	return strings.HasPrefix(w, "ssh-") || strings.HasPrefix(w, "ecdsa-sha2-") || strings.HasPrefix(w, "sk-ssh-") || strings.HasPrefix(w, "sk-ecdsa-sha2-")
}

// sshKeyType reports whether a word is an OpenSSH key type by name: a
// line that starts with one is an SSH key, whatever follows.
func sshKeyType(w string) bool {
	switch w {
	case "ssh-rsa", "ssh-dss", "ssh-ed25519", "ssh-ed448", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
		return true
	}
	return isSSHType(w) && strings.HasSuffix(w, "@openssh.com")
}

// sshLines finds the OpenSSH public key lines in text: a key type followed
// by base64 that starts with "AAAA" (the big-endian length of the type
// name, which every blob starts with).
func sshLines(text string) []sshLine {
	var out []sshLine
	for line := range strings.Lines(text) {
		fields := strings.Fields(line)
		for i := 0; i+1 < len(fields); i++ {
			typ := strings.Trim(fields[i], `"'`)
			if isSSHType(typ) && strings.HasPrefix(fields[i+1], "AAAA") {
				lead := line[:strings.Index(line, fields[i])]
				out = append(out, sshLine{typ: typ, blob: strings.Trim(fields[i+1], `"'`), comment: strings.Trim(strings.Join(fields[i+2:], " "), `"'`), lead: strings.TrimSpace(lead)})
				break
			}
		}
	}
	return out
}

// parseSSH reads every OpenSSH public key line in text.
func parseSSH(text string) ([]*Key, error) {
	lines := sshLines(text)
	if len(lines) == 0 {
		return nil, jwterr.New(jwterr.KeyInvalid, "the key text names an OpenSSH key type but holds no key line (a type such as ssh-ed25519, then the key in base64)").In(jwterr.PartKey)
	}
	var out []*Key
	for i, l := range lines {
		k, err := l.key()
		if err != nil {
			msg := err.Error()
			if len(lines) > 1 {
				msg = fmt.Sprintf("OpenSSH key line %d: %s", i+1, msg)
			}
			code := jwterr.KeyInvalid
			if jwterr.CodeOf(err) == jwterr.TooLarge {
				code = jwterr.TooLarge
			}
			return nil, jwterr.New(code, "%s", msg).In(jwterr.PartKey)
		}
		out = append(out, k)
	}
	return out, nil
}

// key reads the line's blob (RFC 4253 section 6.6, RFC 5656 section 3.1,
// RFC 8709 section 4), exactly: its type must be the line's, and nothing
// may follow the key.
func (l sshLine) key() (*Key, error) {
	what := "the OpenSSH " + l.typ + " key"
	switch {
	case l.typ == "ssh-dss":
		return nil, fmt.Errorf("%s is a DSA key, which JWS does not use: convert the key to PEM or JWK only if it is RSA, EC or Ed25519", what)
	case strings.HasPrefix(l.typ, "sk-"):
		return nil, fmt.Errorf("%s belongs to a security key (FIDO): it signs SSH logins, not JWTs", what)
	case strings.Contains(l.typ, "-cert-"):
		return nil, fmt.Errorf("%s is an OpenSSH certificate: paste the plain public key line (the .pub file) instead", what)
	}
	blob, err := base64.StdEncoding.Strict().DecodeString(l.blob)
	if err != nil {
		return nil, fmt.Errorf("%s is not valid base64: %v", what, err)
	}
	r := sshReader(blob)
	inner, err := r.string()
	if err != nil {
		return nil, fmt.Errorf("%s is not valid: %v", what, err)
	}
	if string(inner) != l.typ {
		return nil, fmt.Errorf("the line says %s but its key data holds %s", quote(l.typ), quote(string(inner)))
	}
	k, err := r.key(l.typ)
	if err != nil {
		return nil, fmt.Errorf("%s is not valid: %w", what, err)
	}
	if len(r) > 0 {
		return nil, fmt.Errorf("%s is not valid: %d bytes follow the key", what, len(r))
	}
	k.Source = "OpenSSH " + l.typ + " public key"
	if l.comment != "" {
		k.Source += " " + quote(l.comment)
	}
	return k, nil
}

// sshReader reads the fields of the SSH wire format (RFC 4251 section 5).
type sshReader []byte

func (r *sshReader) string() ([]byte, error) {
	if len(*r) < 4 {
		return nil, errSSHShort
	}
	n := binary.BigEndian.Uint32(*r)
	if uint64(n) > uint64(len(*r)-4) {
		return nil, errSSHShort
	}
	s := (*r)[4 : 4+n]
	*r = (*r)[4+n:]
	return s, nil
}

// mpint reads a positive integer written as RFC 4251 requires: two's
// complement, no needless leading zero.
func (r *sshReader) mpint(name string) (*big.Int, error) {
	b, err := r.string()
	switch {
	case err != nil:
		return nil, err
	case len(b) == 0 || b[0]&0x80 != 0:
		return nil, fmt.Errorf("its %s is not a positive integer", name)
	case b[0] == 0 && (len(b) == 1 || b[1]&0x80 == 0):
		return nil, fmt.Errorf("its %s has a needless leading zero byte", name)
	}
	return new(big.Int).SetBytes(b), nil
}

// key reads the public key fields that follow the type name.
func (r *sshReader) key(typ string) (*Key, error) {
	switch {
	case typ == "ssh-rsa":
		return r.rsaKey()
	case typ == "ssh-ed25519":
		pub, err := r.string()
		if err != nil {
			return nil, err
		}
		if len(pub) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("an Ed25519 key is %d bytes, not %d", ed25519.PublicKeySize, len(pub))
		}
		return &Key{Type: "OKP", Public: ed25519.PublicKey(pub)}, nil
	case strings.HasPrefix(typ, "ecdsa-sha2-"):
		return r.ecKey(strings.TrimPrefix(typ, "ecdsa-sha2-"))
	}
	return nil, fmt.Errorf("the key type is not one JWS uses (ssh-rsa, ssh-ed25519 and ecdsa-sha2-nistp256, -nistp384 and -nistp521 are)")
}

func (r *sshReader) rsaKey() (*Key, error) {
	e, err := r.mpint("exponent")
	if err != nil {
		return nil, err
	}
	n, err := r.mpint("modulus")
	if err != nil {
		return nil, err
	}
	if !e.IsInt64() || e.Int64() > 1<<31-1 || e.Int64() < 3 || e.Bit(0) == 0 || n.BitLen() < 512 {
		return nil, fmt.Errorf("modulus of %d bits, exponent %v: not a usable RSA key", n.BitLen(), e)
	}
	pub := &rsa.PublicKey{N: n, E: int(e.Int64())}
	if err := checkRSASize(pub); err != nil {
		return nil, err
	}
	return &Key{Type: "RSA", Public: pub}, nil
}

func (r *sshReader) ecKey(curveID string) (*Key, error) {
	crv, ok := sshCurves[curveID]
	if !ok {
		return nil, fmt.Errorf("curve %s is not P-256, P-384 or P-521", quote(curveID))
	}
	id, err := r.string()
	if err != nil {
		return nil, err
	}
	if string(id) != curveID {
		return nil, fmt.Errorf("its curve field says %s, not %s", quote(string(id)), quote(curveID))
	}
	point, err := r.string()
	if err != nil {
		return nil, err
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(curves()[crv].curve, point)
	if err != nil {
		return nil, fmt.Errorf("its point is not an uncompressed point on %s", crv)
	}
	return &Key{Type: "EC", Public: pub}, nil
}
