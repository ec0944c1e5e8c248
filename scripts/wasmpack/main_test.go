package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// module makes a wasm module of a DataCount and a data section.
func module(segs []segment) []byte {
	m := []byte("\x00asm\x01\x00\x00\x00")
	count := appendU32(nil, uint32(len(segs)))
	m = append(appendU32(append(m, sectionDataCount), uint32(len(count))), count...)
	data := writeData(segs)
	return append(appendU32(append(m, sectionData), uint32(len(data))), data...)
}

func TestPackKeepsTheMemoryImage(t *testing.T) {
	zeros := make([]byte, 3000)
	segs := []segment{
		{1024, []byte("hello")},
		{1029, append(append([]byte("world"), zeros...), "after a long run of zeros"...)},
		{1029 + 5 + 10, []byte{0, 0, 7}}, // overwrites inside the zeros: later wins
		{70000, []byte{0, 0, 1, 2, 0, 3}},
		{90000, zeros},
	}
	out, err := Pack(module(segs), true)
	if err != nil {
		t.Fatal(err)
	}
	// Read the result back: the DataCount must match, and the image too.
	r := reader{b: out[8:]}
	var count uint32
	var got []segment
	for len(r.b) > 0 {
		id := r.byte()
		body := r.bytes(int(r.u32()))
		switch id {
		case sectionDataCount:
			count = (&reader{b: body}).u32()
		case sectionData:
			if got, err = readData(body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if int(count) != len(got) {
		t.Errorf("DataCount says %d, the data section has %d segments", count, len(got))
	}
	if len(got) != 3 {
		t.Errorf("got %d segments, want 3 (cut at the long run of zeros, none for zeros alone)", len(got))
	}
	wantBase, want := image(segs)
	gotBase, img := image(got)
	// Leading and trailing zeros need no segment: compare as memory.
	mem := func(base uint32, img []byte) []byte {
		m := make([]byte, 100000)
		copy(m[base:], img)
		return m
	}
	if !bytes.Equal(mem(gotBase, img), mem(wantBase, want)) {
		t.Error("the packed segments make another memory image")
	}
}

func TestPackRefusesWhatItDoesNotKnow(t *testing.T) {
	passive := []byte("\x00asm\x01\x00\x00\x00\x0b\x04\x01\x01\x01x")
	for name, m := range map[string][]byte{
		"not wasm":        []byte("hello world"),
		"no data section": []byte("\x00asm\x01\x00\x00\x00"),
		"passive segment": passive,
		"cut short":       module([]segment{{8, []byte("abc")}})[:20],
	} {
		if _, err := Pack(m, true); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestStrippedProgramRunsAlike is the probe check that make build runs
// (wasmpack -check): the probe runs alike before and after Pack, but for
// the file and line of runtime.Caller, which must be gone.
func TestStrippedProgramRunsAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a wasm program")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node to run wasm with")
	}
	if _, err := probeCheck("./testdata/probe"); err != nil {
		t.Fatal(err)
	}
}

func TestCheckGoVersion(t *testing.T) {
	for _, tc := range []struct {
		version string
		ok      bool
	}{
		{"go1.26", true},
		{"go1.26.8", true},
		{"go1.26rc1", true},
		{"go1.27.0", false},
		{"go1.2", false},
		{"go1.260", false},
		{"go1.25.3", false},
		{"devel go1.27-1f2e3d4 Mon Jan 5 2026", false},
		{"", false},
	} {
		err := checkGoVersion(tc.version)
		if (err == nil) != tc.ok {
			t.Errorf("checkGoVersion(%q) = %v, want ok %v", tc.version, err, tc.ok)
		}
		if err != nil && !errors.Is(err, errUnknownGo) {
			t.Errorf("checkGoVersion(%q) = %v, want errUnknownGo", tc.version, err)
		}
	}
}

// TestRunRefusesLoudly: what wasmpack cannot pack fails the build (an error,
// so exit 1) and leaves the file as it was, instead of a line on stderr and
// an unpacked wasm shipped.
func TestRunRefusesLoudly(t *testing.T) {
	noPCTable := module([]segment{{1024, []byte("data, but no Go PC table")}})
	for _, tc := range []struct {
		name    string
		module  []byte
		version string
		want    error
	}{
		{"an unknown Go release", noPCTable, "go1.99.1", errUnknownGo},
		{"no PC table to blank", noPCTable, "go1.26.8", nil},
		{"not wasm", []byte("hello world"), "go1.26.8", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(v func() string) { goVersion = v }(goVersion)
			goVersion = func() string { return tc.version }
			name := filepath.Join(t.TempDir(), "x.wasm")
			if err := os.WriteFile(name, tc.module, 0o644); err != nil {
				t.Fatal(err)
			}
			err := run(name, false, false, "")
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Fatalf("run = %v, want an error (%v)", err, tc.want)
			}
			if got := must(os.ReadFile(name)); !bytes.Equal(got, tc.module) {
				t.Error("the refused file was changed")
			}
		})
	}
	// -keep-lines packs the data alone, which needs no PC table and no
	// known release.
	defer func(v func() string) { goVersion = v }(goVersion)
	goVersion = func() string { return "go1.99.1" }
	name := filepath.Join(t.TempDir(), "x.wasm")
	if err := os.WriteFile(name, noPCTable, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(name, true, false, ""); err != nil {
		t.Errorf("run -keep-lines: %v", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
