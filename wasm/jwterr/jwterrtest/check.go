// Package jwterrtest checks the errors of the core in tests: that they are
// *jwterr.Error values with the right code, part, offset and message.
package jwterrtest

import (
	"errors"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// NoOffset marks an error that must not carry an offset.
const NoOffset = -1

// As checks that err is a *jwterr.Error with a code and a message.
func As(t testing.TB, err error) *jwterr.Error {
	t.Helper()
	var e *jwterr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *jwterr.Error", err, err)
	}
	if e.Code == "" || e.Message == "" {
		t.Fatalf("error %#v lacks a code or a message", e)
	}
	return e
}

// Check checks err's code, part and offset, and that its message holds
// every string of want.
func Check(t testing.TB, err error, code jwterr.Code, part jwterr.Part, offset int, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	e := As(t, err)
	if e.Code != code {
		t.Errorf("code = %q, want %q (message %q)", e.Code, code, e.Message)
	}
	if e.Part != part {
		t.Errorf("part = %q, want %q", e.Part, part)
	}
	switch {
	case offset == NoOffset && e.Offset != nil:
		t.Errorf("offset = %d, want none", *e.Offset)
	case offset != NoOffset && e.Offset == nil:
		t.Errorf("offset = none, want %d", offset)
	case offset != NoOffset && *e.Offset != offset:
		t.Errorf("offset = %d, want %d", *e.Offset, offset)
	}
	for _, w := range want {
		if !strings.Contains(e.Message, w) {
			t.Errorf("message %q does not contain %q", e.Message, w)
		}
	}
}
