package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// TestSingleFileFromDisk opens dist/jwt-playground.html from file://, with
// no server, and decodes, verifies and signs there. make e2e runs make dist
// first.
func TestSingleFileFromDisk(t *testing.T) {
	t.Parallel()
	file := filepath.Join(repoRoot, "dist", "jwt-playground.html")
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("%s is missing: run `make dist` first (%v)", file, err)
	}
	p := openAt(t, "file://"+file, atOptions{})
	s := p.WaitFor("the sample verified from file://", func(s State) bool { return s.Status == stateVerified })
	if s.Payload == "" {
		t.Fatalf("the single file shows no payload:\n%s", s)
	}

	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "from-disk"}, []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	p.SetKey("not the secret")
	p.WaitStatus(token, stateInvalidSignature)
}
