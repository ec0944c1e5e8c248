package sdjwt

import (
	"encoding/json"
	"hash"
	"maps"
	"slices"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// processor applies the disclosures to the payload (RFC 9901 §7.1 step 3
// onwards). Each digest is looked up once in a map and each disclosure is
// applied at most once, so the work is linear in the SD-JWT's size.
type processor struct {
	d        *Decoded
	byDigest map[string]int
	seen     map[string]bool
	used     []bool
	stop     bool // set when nesting runs past the limit
}

// process computes the digests and the processed payload.
func (d *Decoded) process() {
	claims, ok := d.payloadObject()
	if !ok {
		return
	}
	newHash, err := sdAlg(claims)
	d.SDAlg = DefaultAlg
	if s, isString := claims["_sd_alg"].(string); isString {
		d.SDAlg = s
	}
	if err != nil {
		d.Errors = append(d.Errors, err)
		return
	}
	p := &processor{d: d, byDigest: map[string]int{}, seen: map[string]bool{}, used: make([]bool, len(d.Disclosures))}
	for _, disc := range d.Disclosures {
		h := newHash()
		h.Write([]byte(disc.Text))
		disc.Digest = b64(h.Sum(nil))
		if disc.Error != nil {
			d.Errors = append(d.Errors, disc.Error)
			continue
		}
		if first, dup := p.byDigest[disc.Digest]; dup {
			disc.Error = jwterr.New(jwterr.SDDisclosureReused, "disclosure %d is disclosure %d again: each disclosure may be given once (RFC 9901 §7.1)", disc.Index, first).Disclosure(disc.Index)
			d.Errors = append(d.Errors, disc.Error)
			continue
		}
		p.byDigest[disc.Digest] = disc.Index
	}
	out := p.object(claims, "", -1, 0)
	if p.stop {
		return
	}
	delete(out, "_sd_alg")
	p.unreferenced()
	d.processed = out
	d.Processed, _ = json.Marshal(out)
}

// payloadObject is the issuer-signed JWT's payload as an object, or an
// error in d when it is not one.
func (d *Decoded) payloadObject() (map[string]any, bool) {
	if d.JWT.Payload != nil {
		if v, ok := parseJSON(d.JWT.Payload); ok {
			if m, isMap := v.(map[string]any); isMap {
				return m, true
			}
		}
	}
	d.Errors = append(d.Errors, jwterr.New(jwterr.SDMalformed, "the issuer-signed JWT's payload is not a JSON object, so it has no claims to disclose").In(jwterr.PartPayload))
	return nil, false
}

// sdAlg returns the hash "_sd_alg" names: sha-256 when it is absent.
func sdAlg(claims map[string]any) (func() hash.Hash, *jwterr.Error) {
	v, present := claims["_sd_alg"]
	if !present {
		return hashes[DefaultAlg], nil
	}
	name, ok := v.(string)
	if !ok {
		return nil, jwterr.New(jwterr.SDUnsupportedAlg, `"_sd_alg" must be a string such as "sha-256", not %s`, token.DescribeJSON(v)).In(jwterr.PartPayload)
	}
	h, ok := hashes[name]
	if !ok {
		return nil, jwterr.New(jwterr.SDUnsupportedAlg, `"_sd_alg" is %s; the playground supports sha-256, sha-384 and sha-512 (names are case-sensitive, as in IANA's registry)`, jwterr.Clip(name)).In(jwterr.PartPayload)
	}
	return h, nil
}

// fail records a §7 failure, about disclosure i when i >= 0.
func (p *processor) fail(i int, e *jwterr.Error) {
	if i >= 0 {
		e = e.Disclosure(i)
		if p.d.Disclosures[i].Error == nil {
			p.d.Disclosures[i].Error = e
		}
	} else {
		e = e.In(jwterr.PartPayload)
	}
	p.d.Errors = append(p.d.Errors, e)
}

// value processes any JSON value found at path; from is the disclosure it
// came from (-1 for the payload itself).
func (p *processor) value(v any, path string, from, depth int) any {
	switch v := v.(type) {
	case map[string]any:
		return p.object(v, path, from, depth+1)
	case []any:
		return p.array(v, path, from, depth+1)
	}
	return v
}

// deep stops processing when disclosures nest past the JSON depth limit:
// each one is bounded, but a chain of them is not.
func (p *processor) deep(depth, from int) bool {
	if depth <= limits.MaxJSONDepth || p.stop {
		return p.stop
	}
	p.stop = true
	p.fail(from, jwterr.New(jwterr.TooDeep, "the disclosures nest deeper than %d levels", limits.MaxJSONDepth))
	return true
}

func (p *processor) object(m map[string]any, path string, from, depth int) map[string]any {
	out := make(map[string]any, len(m))
	if p.deep(depth, from) {
		return out
	}
	// In sorted order, so that the same SD-JWT always gets the same
	// errors in the same order.
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "_sd" {
			out[k] = p.value(m[k], path+"/"+escape(k), from, depth)
		}
	}
	sd, present := m["_sd"]
	if !present {
		return out
	}
	digests, ok := sd.([]any)
	if !ok {
		p.fail(from, jwterr.New(jwterr.SDMalformed, `"_sd" at %s must be an array of digests, not %s`, where(path), token.DescribeJSON(sd)))
		return out
	}
	hidden := 0
	for _, dv := range digests {
		digest, isString := dv.(string)
		if !isString {
			p.fail(from, jwterr.New(jwterr.SDMalformed, `"_sd" at %s holds %s; it must hold only digests (strings)`, where(path), token.DescribeJSON(dv)))
			continue
		}
		switch i, found := p.lookup(digest, from); found {
		case hiddenDigest:
			hidden++
		case disclosed:
			p.disclose(out, m, path, i, depth)
		}
	}
	p.noteHidden(path, hidden)
	return out
}

// disclose puts disclosure i, referenced from the "_sd" of the object m
// at path, into out.
func (p *processor) disclose(out, m map[string]any, path string, i, depth int) {
	disc := p.d.Disclosures[i]
	if disc.Name == nil {
		p.fail(i, jwterr.New(jwterr.SDWrongKind, "disclosure %d is an array element ([salt, value]) but its digest is in the \"_sd\" of an object (%s)", i, where(path)))
		return
	}
	name := *disc.Name
	if _, exists := m[name]; exists {
		p.fail(i, jwterr.New(jwterr.SDNameExists, "disclosure %d discloses %q, which the object at %s already has (RFC 9901 §7.1 refuses it)", i, name, where(path)))
		return
	}
	if _, exists := out[name]; exists {
		p.fail(i, jwterr.New(jwterr.SDNameExists, "disclosure %d discloses %q, which another disclosure already put in the object at %s", i, name, where(path)))
		return
	}
	disc.Path = path + "/" + escape(name)
	out[name] = p.value(disc.value, disc.Path, i, depth)
}

func (p *processor) array(a []any, path string, from, depth int) []any {
	out := make([]any, 0, len(a))
	if p.deep(depth, from) {
		return out
	}
	hidden := 0
	for _, el := range a {
		digest, isRef, err := arrayDigest(el)
		if err != nil {
			p.fail(from, jwterr.New(jwterr.SDMalformed, "an element of the array at %s: %s", where(path), err.Message))
			continue
		}
		if !isRef {
			out = append(out, p.value(el, path+"/"+itoa(len(out)), from, depth))
			continue
		}
		i, found := p.lookup(digest, from)
		if found != disclosed {
			if found == hiddenDigest {
				hidden++
			}
			continue
		}
		disc := p.d.Disclosures[i]
		if disc.Name != nil {
			p.fail(i, jwterr.New(jwterr.SDWrongKind, "disclosure %d is an object member ([salt, name, value]) but its digest is in an array element {\"...\": digest} (%s)", i, where(path)))
			continue
		}
		disc.Path = path + "/" + itoa(len(out))
		out = append(out, p.value(disc.value, disc.Path, i, depth))
	}
	p.noteHidden(path, hidden)
	return out
}

// arrayDigest reads an array element of the form {"...": digest}, the
// only form that stands for a disclosure (RFC 9901 §4.2.4.2); any other
// element is a plain value.
func arrayDigest(el any) (string, bool, *jwterr.Error) {
	m, ok := el.(map[string]any)
	if !ok || len(m) != 1 {
		return "", false, nil
	}
	v, ok := m["..."]
	if !ok {
		return "", false, nil
	}
	digest, ok := v.(string)
	if !ok {
		return "", false, jwterr.New(jwterr.SDMalformed, `{"...": …} must hold a digest (a string), not %s`, token.DescribeJSON(v))
	}
	return digest, true, nil
}

// What lookup found for a digest.
const (
	hiddenDigest = iota // no disclosure: an undisclosed claim or a decoy
	disclosed           // a disclosure, not met before
	refused             // a digest met before
)

// lookup finds the disclosure of digest, refusing a digest met before
// (RFC 9901 §7.1 step 4). from is where the digest was found.
func (p *processor) lookup(digest string, from int) (int, int) {
	if p.seen[digest] {
		p.fail(from, jwterr.New(jwterr.SDDigestReused, "the digest %s appears more than once in the payload and disclosures (RFC 9901 §7.1 refuses it)", jwterr.Clip(digest)))
		return 0, refused
	}
	p.seen[digest] = true
	i, found := p.byDigest[digest]
	if !found {
		return 0, hiddenDigest
	}
	p.used[i] = true
	p.d.Disclosures[i].parent = from
	return i, disclosed
}

func (p *processor) noteHidden(path string, n int) {
	if n > 0 {
		p.d.Undisclosed = append(p.d.Undisclosed, Undisclosed{Path: path, Count: n})
	}
}

// unreferenced refuses the disclosures no digest referred to (RFC 9901
// §7.1 step 5).
func (p *processor) unreferenced() {
	for i, disc := range p.d.Disclosures {
		if !p.used[i] && disc.Error == nil {
			p.fail(i, jwterr.New(jwterr.SDUnreferenced, "disclosure %d is not referenced by any \"_sd\" or \"...\" digest of the issuer-signed JWT or of another disclosure (its digest %s)", i, disc.Digest))
		}
	}
}

// escape writes a member name as a JSON Pointer reference token.
func escape(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

func where(path string) string {
	if path == "" {
		return "the top level"
	}
	return jwterr.Clip(path)
}
