package sdjwt

import (
	"crypto/rand"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// saltBytes is the salt's size: 128 bits, as RFC 9901 §9.3 recommends.
const saltBytes = 16

// IssueInput is what an SD-JWT is issued from.
type IssueInput struct {
	// Header and Payload are JSON text, as for token.Encode.
	Header, Payload string
	// Disclose lists the selectively disclosable claims as JSON Pointers
	// (RFC 6901): "/given_name" for an object member, "/nationalities/0"
	// for an array element, "/address/street_address" inside an object
	// that may itself be listed ("/address"), which nests disclosures.
	Disclose []string
	// Decoys is how many decoy digests to add to the top-level "_sd".
	Decoys int
	// HolderKey, when set, is the holder's public key in any form
	// keys.Parse reads; it goes into "cnf" as a JWK, for key binding.
	HolderKey string
	// Key signs the issuer JWT, with the header's "alg".
	Key            string
	SecretEncoding keys.Encoding
}

// Issued is a new SD-JWT.
type Issued struct {
	// SDJWT is <issuer-signed JWT>~<disclosure>~…~, every disclosure in.
	SDJWT string `json:"sdjwt"`
	// Payload is the issuer JWT's payload, with "_sd" and "_sd_alg".
	Payload     json.RawMessage `json:"payload"`
	Disclosures []*Disclosure   `json:"disclosures"`
}

// Issue makes an SD-JWT: the claims Disclose lists are replaced by
// digests of disclosures with fresh 128-bit salts (crypto/rand), "_sd"
// arrays are sorted (so their order tells nothing), decoys are added, and
// the payload is signed as token.Encode signs.
func Issue(in IssueInput) (*Issued, error) {
	if n := len(in.Disclose) + in.Decoys; in.Decoys < 0 || n > limits.MaxDisclosures {
		return nil, jwterr.New(jwterr.TooLarge, "%d disclosures and decoys; the limit is %d", n, limits.MaxDisclosures).In(jwterr.PartPayload)
	}
	if err := limits.Size(len(in.Header)+len(in.Payload), limits.MaxTokenBytes, "the header and payload", jwterr.PartPayload); err != nil {
		return nil, err
	}
	v, ok := parseJSON([]byte(in.Payload))
	claims, isMap := v.(map[string]any)
	if !ok || !isMap {
		return nil, jwterr.New(jwterr.BadJSON, "the payload must be a JSON object").In(jwterr.PartPayload)
	}
	for _, name := range []string{"_sd", "_sd_alg"} {
		if _, has := claims[name]; has {
			return nil, jwterr.New(jwterr.SDMalformed, "the payload already has %q: the issuer writes it", name).In(jwterr.PartPayload)
		}
	}
	is := &issuer{marked: map[string]bool{}}
	for _, p := range in.Disclose {
		if err := is.mark(p); err != nil {
			return nil, err
		}
	}
	out := is.object(claims, "")
	for p := range is.marked {
		return nil, jwterr.New(jwterr.BadInput, "%s names no member or element of the payload", jwterr.Clip(p)).In(jwterr.PartPayload)
	}
	if err := addDecoys(out, in.Decoys); err != nil {
		return nil, err
	}
	out["_sd_alg"] = DefaultAlg
	if err := addConfirmation(out, in.HolderKey); err != nil {
		return nil, err
	}
	payload, _ := json.Marshal(out)
	jwt, err := token.Encode(token.EncodeInput{Header: in.Header, Payload: string(payload), Key: in.Key, SecretEncoding: in.SecretEncoding})
	if err != nil {
		return nil, err
	}
	res := &Issued{SDJWT: jwt + "~", Payload: payload, Disclosures: is.made}
	for i, disc := range is.made {
		disc.Index, disc.Offset = i, len(res.SDJWT)
		res.SDJWT += disc.Text + "~"
	}
	return res, nil
}

// issuer makes the disclosures, innermost first: a disclosure's value
// holds the digests of the disclosures inside it.
type issuer struct {
	marked map[string]bool
	made   []*Disclosure
}

// mark records a JSON Pointer to disclose.
func (is *issuer) mark(p string) error {
	switch {
	case p == "":
		return jwterr.New(jwterr.BadInput, `"" is the whole payload; name a member, such as "/given_name"`).In(jwterr.PartPayload)
	case p[0] != '/':
		return jwterr.New(jwterr.BadInput, "%s is not a JSON Pointer: it must start with /", jwterr.Clip(p)).In(jwterr.PartPayload)
	case is.marked[p]:
		return jwterr.New(jwterr.BadInput, "%s is listed twice", jwterr.Clip(p)).In(jwterr.PartPayload)
	}
	is.marked[p] = true
	return nil
}

func (is *issuer) value(v any, path string) any {
	switch v := v.(type) {
	case map[string]any:
		return is.object(v, path)
	case []any:
		out := make([]any, len(v))
		for i, el := range v {
			p := path + "/" + strconv.Itoa(i)
			out[i] = is.value(el, p)
			if is.take(p) {
				out[i] = map[string]any{"...": is.disclose(nil, out[i])}
			}
		}
		return out
	}
	return v
}

func (is *issuer) object(m map[string]any, path string) map[string]any {
	out := make(map[string]any, len(m))
	var sd []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		p := path + "/" + escape(k)
		v := is.value(m[k], p)
		if is.take(p) {
			sd = append(sd, is.disclose(&k, v))
			continue
		}
		out[k] = v
	}
	if len(sd) > 0 {
		slices.Sort(sd)
		out["_sd"] = sd
	}
	return out
}

// take reports whether p is marked, and unmarks it: what is left marked
// at the end named nothing.
func (is *issuer) take(p string) bool {
	if !is.marked[p] {
		return false
	}
	delete(is.marked, p)
	return true
}

// disclose makes a disclosure of value (named, for an object member) and
// returns its digest.
func (is *issuer) disclose(name *string, value any) string {
	arr := []any{salt(), value}
	if name != nil {
		arr = []any{arr[0], *name, value}
	}
	b, _ := json.Marshal(arr)
	disc := &Disclosure{Text: b64(b), Salt: arr[0].(string), Name: name, parent: -1}
	disc.Value, _ = json.Marshal(value)
	disc.Digest = digest(DefaultAlg, disc.Text)
	is.made = append(is.made, disc)
	return disc.Digest
}

func salt() string {
	b := make([]byte, saltBytes)
	rand.Read(b) // never fails (crypto/rand's documentation)
	return b64(b)
}

// addDecoys adds n digests of random bytes to the top-level "_sd", sorted
// in with the real ones, so that nobody can tell how many claims are
// hidden (RFC 9901 §4.2.5).
func addDecoys(out map[string]any, n int) error {
	if n == 0 {
		return nil
	}
	sd, _ := out["_sd"].([]string)
	for range n {
		sd = append(sd, digest(DefaultAlg, salt()))
	}
	slices.Sort(sd)
	out["_sd"] = sd
	return nil
}

// addConfirmation puts the holder's public key into "cnf" (RFC 7800).
func addConfirmation(out map[string]any, holderKey string) error {
	if strings.TrimSpace(holderKey) == "" {
		return nil
	}
	if _, has := out["cnf"]; has {
		return jwterr.New(jwterr.BadInput, `the payload already has a "cnf"; give no holder key, or remove it`).In(jwterr.PartPayload)
	}
	set, err := keys.Parse(holderKey, "")
	if err != nil {
		return err
	}
	k := set.Keys[0]
	if k.Public == nil {
		return jwterr.New(jwterr.KeyMismatch, "the holder key must be a public key (EC, RSA or Ed25519), not an HMAC secret: every verifier would know it").In(jwterr.PartKey)
	}
	jwk, err := k.BareJWK(false)
	if err != nil {
		return err
	}
	out["cnf"] = map[string]any{"jwk": json.RawMessage(jwk)}
	return nil
}

// PresentInput is what a presentation is made from.
type PresentInput struct {
	// SDJWT is the SD-JWT as issued (a key-binding JWT on it is dropped).
	SDJWT string
	// Reveal lists the disclosures to keep, by index; the disclosures
	// they sit inside are kept too, or the verifier could not reach them.
	Reveal []int
	// HolderKey, when set, signs a key-binding JWT: the holder's private
	// key, which must be the one in the issuer JWT's "cnf".
	HolderKey string
	// Alg is the key-binding JWT's algorithm; "" takes the key's first.
	Alg string
	// Audience and Nonce are the verifier's, required for key binding.
	Audience, Nonce string
	// IssuedAt is the key-binding JWT's "iat"; zero means now.
	IssuedAt time.Time
}

// Present makes a presentation: the issuer JWT, the chosen disclosures,
// and a key-binding JWT when HolderKey is given. An SD-JWT that fails
// RFC 9901 §7.1's checks is refused: a holder must not pass it on.
func Present(in PresentInput) (string, error) {
	d, err := Decode(in.SDJWT)
	if err != nil {
		return "", err
	}
	for _, e := range d.Errors {
		if e.Part != jwterr.PartKeyBinding { // an old key-binding JWT is dropped anyway
			return "", e
		}
	}
	keep := make([]bool, len(d.Disclosures))
	for _, i := range in.Reveal {
		if i < 0 || i >= len(d.Disclosures) {
			return "", jwterr.New(jwterr.BadInput, "there is no disclosure %d: the SD-JWT has %d", i, len(d.Disclosures))
		}
		for j := i; j >= 0 && !keep[j]; j = d.Disclosures[j].parent {
			keep[j] = true
		}
	}
	var b strings.Builder
	b.WriteString(d.IssuerJWT + "~")
	for i, disc := range d.Disclosures {
		if keep[i] {
			b.WriteString(disc.Text + "~")
		}
	}
	if strings.TrimSpace(in.HolderKey) == "" {
		return b.String(), nil
	}
	kb, err := keyBindingJWT(b.String(), d, in)
	return b.String() + kb, err
}

// keyBindingJWT signs a key-binding JWT over the presentation.
func keyBindingJWT(presented string, d *Decoded, in PresentInput) (string, error) {
	if in.Audience == "" || in.Nonce == "" {
		return "", jwterr.New(jwterr.BadInput, "a key-binding JWT needs the verifier's audience and nonce").In(jwterr.PartKeyBinding)
	}
	alg := in.Alg
	if alg == "" {
		ins, err := keys.Inspect(in.HolderKey, "")
		if err != nil {
			return "", err
		}
		if ins.Kind == "secret" || len(ins.Algs) == 0 {
			return "", jwterr.New(jwterr.KeyMismatch, "the holder key must be a private key (EC, RSA or Ed25519): a key-binding JWT is never signed with a shared secret").In(jwterr.PartKey)
		}
		alg = ins.Algs[0]
	}
	if a, ok := keys.Lookup(alg); ok && a.Family == keys.HMAC {
		return "", jwterr.New(jwterr.KeyMismatch, "a key-binding JWT is never signed with a shared secret (%s)", alg).In(jwterr.PartKey)
	}
	if err := sameKey(in.HolderKey, d.processed); err != nil {
		return "", err
	}
	iat := in.IssuedAt
	if iat.IsZero() {
		iat = time.Now()
	}
	header, _ := json.Marshal(map[string]string{"alg": alg, "typ": KeyBindingType})
	payload, _ := json.Marshal(map[string]any{"iat": iat.Unix(), "aud": in.Audience, "nonce": in.Nonce, "sd_hash": digest(d.SDAlg, presented)})
	return token.Encode(token.EncodeInput{Header: string(header), Payload: string(payload), Key: in.HolderKey})
}

// sameKey refuses a holder key other than the one in the issuer JWT's
// cnf: every verifier would refuse its key binding.
func sameKey(holderKey string, claims map[string]any) error {
	cnf, err := confirmationKey(claims)
	if err != nil {
		return err.In(jwterr.PartKeyBinding)
	}
	want, errWant := thumbprint(cnf)
	got, errGot := thumbprint(holderKey)
	if errGot != nil {
		return errGot
	}
	if errWant != nil || got != want {
		return jwterr.New(jwterr.KeyMismatch, "the holder key is not the key in the issuer JWT's cnf: verifiers would refuse the key-binding JWT").In(jwterr.PartKey)
	}
	return nil
}

// thumbprint is the RFC 7638 thumbprint of the first key in text.
func thumbprint(text string) (string, error) {
	set, err := keys.Parse(text, "")
	if err != nil {
		return "", err
	}
	return set.Keys[0].Thumbprint()
}
