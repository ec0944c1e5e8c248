package e2e

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// TestPublicKeyFormsAsHMACSecret is the algorithm confusion attack with the
// public key pasted in the forms the key box once took for a secret (issue
// 12, item 3): an HS256 token HMACed with that text must not verify.
func TestPublicKeyFormsAsHMACSecret(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	body := strings.Join(strings.Split(strings.TrimSpace(k.publicPEM), "\n")[1:strings.Count(strings.TrimSpace(k.publicPEM), "\n")], "")
	quoted, err := json.Marshal(k.publicPEM)
	if err != nil {
		t.Fatal(err)
	}
	forms := []struct{ name, text string }{
		{"base64 DER", body},
		{"PEM in a JSON string", string(quoted)},
		{"PEM after a BOM", "\uFEFF" + k.publicPEM},
		{"PEM after a label", "public key:\n" + k.publicPEM},
		{"ssh-rsa line", "ssh-rsa " + sshRSA(k.public.(*rsa.PublicKey)) + " e2e@example.com"},
		{"JWK in an array", "[" + k.jwk + "]"},
		{"JWK with a trailing comma", k.jwk + ","},
	}
	p := openPlayground(t)
	for _, f := range forms {
		sub := "e2e-form-" + strings.ReplaceAll(f.name, " ", "-")
		token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": sub}, []byte(f.text))
		p.SetKey(f.text)
		p.SetToken(token)
		p.WaitFor("an HS256 token HMACed with the "+f.name+" not to verify", func(s State) bool {
			return s.Token == token && strings.Contains(s.Payload, sub) && s.Status != "" && s.Status != stateVerified
		})
		p.Settle()
		if s := p.State(); s.Status != stateKeyError {
			t.Errorf("%s as an HMAC secret: status %q, want %q\n%s", f.name, s.Status, stateKeyError, s)
		}
	}
}

// sshRSA writes an OpenSSH ssh-rsa key blob (RFC 4253 section 6.6) in base64.
func sshRSA(pub *rsa.PublicKey) string {
	field := func(b []byte) []byte { return append(binary.BigEndian.AppendUint32(nil, uint32(len(b))), b...) }
	mpint := func(n *big.Int) []byte {
		b := n.Bytes()
		if b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return field(b)
	}
	blob := append(field([]byte("ssh-rsa")), mpint(big.NewInt(int64(pub.E)))...)
	return base64.StdEncoding.EncodeToString(append(blob, mpint(pub.N)...))
}
