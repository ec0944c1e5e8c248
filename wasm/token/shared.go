package token

import (
	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// HeaderMembers returns the header's members as decode parsed them, or nil
// when the header is not a JSON object. Shared: do not modify them.
func (d *Decoded) HeaderMembers() map[string]any { return d.header }

// checkedClaims returns the claims verify checks (exp, nbf, iat, iss, aud)
// that the payload has, the last of duplicates winning as everywhere, or
// nil when the payload is not a JSON object. Only the top level is read,
// and only those values parsed: a payload of 80,000 nested objects costs
// verify one scan, not 80,000 maps. They are read once per token, which
// the decode cache shares: do not modify them.
func (d *Decoded) checkedClaims() map[string]any {
	d.checkedOnce.Do(func() { d.checked = d.readCheckedClaims() })
	return d.checked
}

func (d *Decoded) readCheckedClaims() map[string]any {
	if !d.payloadObject {
		return nil
	}
	claims := map[string]any{}
	for name, value := range jsonv.All(d.Payload) {
		switch name {
		case "exp", "nbf", "iat", "iss", "aud":
			claims[name], _ = jsonv.Parse(value, limits.MaxJSONDepth)
		}
	}
	return claims
}
