package jwterr

import (
	"encoding/json"
	"errors"
)

// JSON explains a JSON decoding error about what (e.g. "the header"),
// pointing at the byte where it went wrong. An *Error is already explained
// and comes back as it is.
func JSON(err error, what string, part Part) *Error {
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The decoder counts the offending byte as read; point at it.
		at := max(int(se.Offset)-1, 0)
		if se.Error() == "unexpected end of JSON input" {
			at = int(se.Offset)
		}
		return New(BadJSON, "%s is not valid JSON: %v at offset %d", what, se, at).In(part).At(at)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return New(BadJSON, "%s: member %q has the wrong type (a JSON %s)", what, te.Field, te.Value).In(part).At(int(te.Offset))
	}
	return New(BadJSON, "%s is not valid JSON: %v", what, err).In(part)
}
