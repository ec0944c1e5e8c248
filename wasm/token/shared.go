package token

// Claims returns the payload's members as jsonv parsed them (numbers as
// json.Number), or nil when the payload is not a JSON object. They are
// parsed once per decoded token and shared by verify, lint and anyone
// else: do not modify them.
func (d *Decoded) Claims() map[string]any { return d.claimsMap() }

// HeaderMembers returns the header's members as decode parsed them, or nil
// when the header is not a JSON object. Shared: do not modify them.
func (d *Decoded) HeaderMembers() map[string]any { return d.header }
