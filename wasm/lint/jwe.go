package lint

import (
	"fmt"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// jweRules are the checks of an encrypted token's protected header: all
// there is to judge before decryption.
var jweRules = []func(t *jwe.Token, add func(Finding)){
	rsa15, pbes2Count, zipLeak, dirKey, invalidEPK, jweCrit, jweDuplicates,
}

// lintJWE lints a compact JWE (five parts) by its protected header.
func lintJWE(text string) ([]Finding, error) {
	t, err := jwe.Parse(text)
	if err != nil {
		return nil, err
	}
	findings := []Finding{}
	perCode := map[string]int{}
	for _, r := range jweRules {
		r(t, func(f Finding) {
			if perCode[f.Code]++; perCode[f.Code] <= MaxPerCode {
				findings = append(findings, f)
			}
		})
	}
	sortBySeverity(findings)
	return findings, nil
}

func rsa15(t *jwe.Token, add func(Finding)) {
	if t.Alg != "RSA1_5" {
		return
	}
	add(Finding{"rsa1_5", High,
		"alg RSA1_5 encrypts the content key with RSAES-PKCS1-v1_5, whose padding lets a recipient that says whether decryption failed be used to decrypt (Bleichenbacher's attack)",
		"Encrypt with RSA-OAEP-256 (or ECDH-ES); recipients should refuse RSA1_5. The playground only decrypts it, and reports its failures as a tag mismatch.",
		"RFC 8725 §3.2, RFC 7516 §11.5"})
}

func pbes2Count(t *jwe.Token, add func(Finding)) {
	if !strings.HasPrefix(t.Alg, "PBES2-") {
		return
	}
	n, err := t.PBES2Count()
	switch {
	case jwterr.CodeOf(err) == jwterr.TooLarge:
		add(Finding{"pbes2_count_too_large", High,
			fmt.Sprintf("p2c asks for more PBKDF2 iterations than the playground's limit of %d: a token that costs its recipient seconds or hours of work is a denial of service", jwe.MaxPBES2Count),
			"Recipients must cap p2c (jose allows 10,000 unless told otherwise) and refuse tokens above the cap.",
			"RFC 7518 §4.8.1.2"})
	case err == nil && n < jwe.MinPBES2Count:
		add(Finding{"pbes2_low_count", Medium,
			fmt.Sprintf("p2c is %d: with fewer than %d PBKDF2 iterations a password is cheap to guess offline from the token alone", n, jwe.MinPBES2Count),
			"Use a count of at least 1000 (OWASP advises 600,000 for PBKDF2-HMAC-SHA256), or a random key (A256KW, dir) instead of a password.",
			"RFC 7518 §4.8.1.2"})
	}
}

func zipLeak(t *jwe.Token, add func(Finding)) {
	if t.Zip == "" {
		return
	}
	add(Finding{"zip_compression", Medium,
		`"zip": "DEF" compresses the plaintext before encrypting it: the ciphertext's length then depends on the content, which leaks secrets when an attacker can put text of their own beside them (as CRIME and BREACH did)`,
		"Do not compress tokens that mix attacker-controlled data with secrets; leave zip out.",
		"RFC 8725 §3.6"})
}

func dirKey(t *jwe.Token, add func(Finding)) {
	if t.Alg != "dir" {
		return
	}
	add(Finding{"dir_shared_key", Info,
		"alg dir uses one shared key as the content key of every token: whoever holds it can read and make them all, and with AES-GCM each token's random 96-bit IV must never repeat under it",
		"Keep dir for one sender and one recipient that already share a key; otherwise wrap a fresh content key per token (A256KW, ECDH-ES, RSA-OAEP-256).",
		"RFC 7518 §4.5, §5.3"})
}

func invalidEPK(t *jwe.Token, add func(Finding)) {
	if err := t.CheckEPK(); err != nil {
		add(Finding{"invalid_epk", High,
			"the ephemeral public key is refused: " + err.Error(),
			"Recipients must check that epk is a point on the curve of their own key before any agreement; the playground refuses this token.",
			"RFC 7518 §4.6, RFC 8725 §3.4"})
	}
}

func jweCrit(t *jwe.Token, add func(Finding)) {
	for _, w := range t.Warnings {
		if w.Code == string(jwterr.CritUnsupported) || w.Code == string(jwterr.CritInvalid) {
			add(Finding{"unknown_crit", High, w.Message,
				"Recipients must refuse a token whose crit they do not understand; the playground refuses this one.",
				"RFC 7516 §4.1.13, RFC 7515 §4.1.11"})
		}
	}
}

func jweDuplicates(t *jwe.Token, add func(Finding)) {
	seen := map[string]int{}
	for name := range jsonv.All(t.Header) {
		if seen[name]++; seen[name] == 2 {
			add(Finding{"duplicate_member", High,
				fmt.Sprintf("the protected header has %s more than once: the last one counts here and in JSON.parse, but other parsers take the first or refuse it", jwterr.Clip(name)),
				"Write each header parameter once.",
				"RFC 7516 §4, RFC 8259 §4"})
		}
	}
}
