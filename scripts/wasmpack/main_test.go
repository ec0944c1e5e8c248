package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestStrippedProgramRunsAlike builds testdata/probe for wasm, as make
// build does, runs it under node before and after Pack, and expects the
// same output but for the file and line of runtime.Caller, which must be
// gone.
func TestStrippedProgramRunsAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a wasm program")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node to run wasm with")
	}
	goroot := strings.TrimSpace(string(must(exec.Command("go", "env", "GOROOT").Output())))
	dir := t.TempDir()
	wasm := filepath.Join(dir, "probe.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./testdata/probe")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the probe: %v\n%s", err, out)
	}
	run := func() []string {
		out, err := exec.Command(filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec"), wasm).CombinedOutput()
		if err != nil {
			t.Fatalf("running the probe: %v\n%s", err, out)
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n")
	}
	before := run()
	packed, err := Pack(must(os.ReadFile(wasm)), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wasm, packed, 0o644); err != nil {
		t.Fatal(err)
	}
	after := run()
	if len(before) < 2 || before[len(before)-1] != "where: true true" {
		t.Fatalf("the probe's output before packing ends unexpectedly:\n%s", strings.Join(before, "\n"))
	}
	if strings.Join(after[:len(after)-1], "\n") != strings.Join(before[:len(before)-1], "\n") {
		t.Errorf("the packed probe ran differently:\nbefore:\n%s\nafter:\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
	}
	if last := after[len(after)-1]; last != "where: false false" {
		t.Errorf("the packed probe still knows its file and line: %q", last)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
