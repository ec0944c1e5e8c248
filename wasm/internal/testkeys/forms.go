package testkeys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// Form is public key text in one of the forms people paste, which must be
// read as that key (or refused), never taken as an HMAC secret.
type Form struct {
	Name string
	Text string
	// Public is the key the text holds.
	Public crypto.PublicKey
	// Source is what the key's Source must contain once read, or "" for
	// text that is refused (Refused says with which error code).
	Source  string
	Refused string
}

// Forms returns each form of public key text of issue 12 (item 3), made
// from the test keys.
func Forms(t testing.TB) []Form {
	t.Helper()
	k := Get(t)
	rsaPub, p256Pub, edPub := &k.RSA.PublicKey, &k.P256.PublicKey, k.Ed25519.Public()
	rsaDER, p256DER, edDER := spki(t, rsaPub), spki(t, p256Pub), spki(t, edPub)
	rsaPEM := pemOf("PUBLIC KEY", rsaDER)
	p256PEM := pemOf("PUBLIC KEY", p256DER)
	jwk := `{"kty":"OKP","crv":"Ed25519","x":"` + base64.RawURLEncoding.EncodeToString(k.Ed25519.Public().(ed25519.PublicKey)) + `"}`
	std := base64.StdEncoding.EncodeToString
	return []Form{
		{"base64 DER of SPKI, no armour", std(rsaDER), rsaPub, "PKIX public key (base64 DER, no PEM armour)", ""},
		{"base64 DER in 64-column lines", wrap(std(p256DER)), p256Pub, "PKIX public key (base64 DER, no PEM armour)", ""},
		{"base64url DER of SPKI", base64.RawURLEncoding.EncodeToString(edDER), edPub, "PKIX public key (base64", ""},
		{"hex DER of SPKI", hex.EncodeToString(p256DER), p256Pub, "PKIX public key (hex DER, no PEM armour)", ""},
		{"base64 DER of PKCS #1", std(x509.MarshalPKCS1PublicKey(rsaPub)), rsaPub, "PKCS #1 RSA public key (base64 DER", ""},
		{"base64 DER after a label", "Public key: " + std(rsaDER), rsaPub, `PKIX public key (base64 DER, no PEM armour, after the text "Public key:")`, ""},
		{"base64 DER certificate, as in x5c", std(cert(t, k.P256, "x5c.example")), p256Pub, `X.509 certificate for "x5c.example" (base64 DER, no PEM armour)`, ""},
		{"PEM as a JSON string", jsonString(t, rsaPEM), rsaPub, "PKIX public key (PEM, inside a JSON string)", ""},
		{"PEM as a JSON string with escaped slashes", strings.ReplaceAll(jsonString(t, p256PEM), "/", `\/`), p256Pub, "PKIX public key (PEM, inside a JSON string)", ""},
		{"PEM after a BOM", "\uFEFF" + p256PEM, p256Pub, "PKIX public key (PEM, after removing a byte-order mark (U+FEFF))", ""},
		{"PEM after a zero-width space", "\u200B" + rsaPEM, rsaPub, "after removing a zero-width space (U+200B)", ""},
		{"PEM with zero-width spaces in it", strings.ReplaceAll(p256PEM, "\n", "\u200B\n"), p256Pub, "after removing a zero-width space (U+200B)", ""},
		{"PEM after a label line", "public key:\n" + rsaPEM, rsaPub, `PKIX public key (PEM, after the text "public key:")`, ""},
		{"PEM with CRLF after a label", "Public Key\r\n" + strings.ReplaceAll(p256PEM, "\n", "\r\n"), p256Pub, `after the text "Public Key"`, ""},
		{"OpenSSH ssh-rsa line", "ssh-rsa " + std(sshRSA(rsaPub)) + " alice@example.com\n", rsaPub, `OpenSSH ssh-rsa public key "alice@example.com"`, ""},
		{"OpenSSH ssh-ed25519 line", "ssh-ed25519 " + std(sshEd25519(k.Ed25519.Public().(ed25519.PublicKey))), edPub, "OpenSSH ssh-ed25519 public key", ""},
		{"OpenSSH ecdsa-sha2-nistp256 line", "ecdsa-sha2-nistp256 " + std(sshECDSA(t, p256Pub, "nistp256")) + " bob", p256Pub, "OpenSSH ecdsa-sha2-nistp256 public key", ""},
		{"OpenSSH ecdsa-sha2-nistp384 line", "ecdsa-sha2-nistp384 " + std(sshECDSA(t, &k.P384.PublicKey, "nistp384")), &k.P384.PublicKey, "OpenSSH ecdsa-sha2-nistp384 public key", ""},
		{"OpenSSH ecdsa-sha2-nistp521 line", "ecdsa-sha2-nistp521 " + std(sshECDSA(t, &k.P521.PublicKey, "nistp521")), &k.P521.PublicKey, "OpenSSH ecdsa-sha2-nistp521 public key", ""},
		{"OpenSSH line in authorized_keys with options", `from="10.0.0.1" ssh-ed25519 ` + std(sshEd25519(k.Ed25519.Public().(ed25519.PublicKey))) + " carol", edPub, `after the text "from=\"10.0.0.1\""`, ""},
		{"JWK inside an array", "[" + jwk + "]", edPub, "JWK (the only element of a JSON array)", ""},
		{"JWK after a label", "jwk = " + jwk, edPub, `JWK (after the text "jwk =")`, ""},
		{"JWK inside a JSON string", jsonString(t, jwk), edPub, "JWK (inside a JSON string)", ""},
		{"JWK with a trailing comma", jwk + ",", edPub, "", "key_invalid"},
		{"JWK array with a trailing comma", "[" + jwk + ",]", edPub, "", "bad_json"},
	}
}

func spki(t testing.TB, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatalf("MarshalPKIXPublicKey: %v", err)
	}
	return der
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func cert(t testing.TB, priv crypto.Signer, cn string) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn}, NotBefore: time.Unix(1700000000, 0), NotAfter: time.Unix(1900000000, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, priv.Public(), priv)
	if err != nil {
		t.Fatalf("CreateCertificate: %v", err)
	}
	return der
}

func wrap(s string) string {
	var b strings.Builder
	for len(s) > 64 {
		b.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	return b.String() + s + "\n"
}

func jsonString(t testing.TB, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return string(b)
}

// SSHString and SSHMpint write the fields of the SSH wire format (RFC 4251
// section 5), for tests that build key blobs.
func SSHString(b []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(b))), b...)
}

// SSHMpint writes a positive integer as an SSH mpint.
func SSHMpint(n *big.Int) []byte {
	b := n.Bytes()
	if len(b) > 0 && b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return SSHString(b)
}

func sshRSA(pub *rsa.PublicKey) []byte {
	b := SSHString([]byte("ssh-rsa"))
	b = append(b, SSHMpint(big.NewInt(int64(pub.E)))...)
	return append(b, SSHMpint(pub.N)...)
}

func sshEd25519(pub ed25519.PublicKey) []byte {
	return append(SSHString([]byte("ssh-ed25519")), SSHString(pub)...)
}

func sshECDSA(t testing.TB, pub *ecdsa.PublicKey, curve string) []byte {
	t.Helper()
	point, err := pub.Bytes()
	if err != nil {
		t.Fatalf("ecdsa.PublicKey.Bytes: %v", err)
	}
	b := SSHString([]byte("ecdsa-sha2-" + curve))
	b = append(b, SSHString([]byte(curve))...)
	return append(b, SSHString(point)...)
}
