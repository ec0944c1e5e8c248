package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
)

// knownGo are the Go releases whose PC table wasmpack was checked against:
// the _func offsets in pclntab.go read from their runtime/runtime2.go, and
// the probe run alike before and after packing. A release not listed may
// move a field, and blanking the wrong bytes breaks the program only when
// it panics or grows a stack, so an unknown release is refused outright.
var knownGo = []string{"go1.26"}

// goRelease takes the release out of a version: go1.26 of go1.26.8 or
// go1.26rc1. A devel toolchain has none.
var goRelease = regexp.MustCompile(`^(go1\.\d+)(?:\D|$)`)

// errUnknownGo says the toolchain is not one of knownGo.
var errUnknownGo = errors.New("a Go release wasmpack does not know")

// checkGoVersion refuses a toolchain version (such as "go1.26.8") whose
// release is not in knownGo. make build runs wasmpack with the go command
// that linked the wasm, so runtime.Version is that toolchain's.
func checkGoVersion(version string) error {
	if m := goRelease.FindStringSubmatch(version); m != nil && slices.Contains(knownGo, m[1]) {
		return nil
	}
	return fmt.Errorf("%w: %s (known: %s). Check the _func offsets of pclntab.go against that release's runtime/runtime2.go and "+
		"cmd/link/internal/ld/pcln.go, run `go test ./scripts/wasmpack`, then add it to knownGo in scripts/wasmpack/probe.go; "+
		"or pass -keep-lines, which packs only the data segments", errUnknownGo, version, strings.Join(knownGo, ", "))
}

// errProbe says the probe ran differently once packed.
var errProbe = errors.New("the packed probe ran differently")

// probeCheck builds the probe program (testdata/probe) for js/wasm as make
// build builds the playground, runs it under node before and after Pack,
// and expects the same output but for the file and line of
// runtime.Caller, which must be gone. It returns the probe's output.
func probeCheck(probeDir string) ([]string, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	execJS := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	if _, err := exec.LookPath("node"); err != nil {
		return nil, fmt.Errorf("the probe check runs wasm under node, which is not on PATH: %w", err)
	}
	dir, err := os.MkdirTemp("", "wasmpack-probe-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "probe.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, probeDir)
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the probe: %v\n%s", err, out)
	}
	run := func() ([]string, error) {
		out, err := exec.Command(execJS, wasm).CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("running the probe: %v\n%s", err, out)
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n"), nil
	}
	before, err := run()
	if err != nil {
		return nil, err
	}
	if len(before) < 2 || before[len(before)-1] != "where: true true" {
		return nil, fmt.Errorf("the probe's output before packing ends unexpectedly:\n%s", strings.Join(before, "\n"))
	}
	in, err := os.ReadFile(wasm)
	if err != nil {
		return nil, err
	}
	packed, err := Pack(in, false)
	if err != nil {
		return nil, fmt.Errorf("packing the probe: %w", err)
	}
	if err := os.WriteFile(wasm, packed, 0o644); err != nil {
		return nil, err
	}
	after, err := run()
	if err != nil {
		return nil, fmt.Errorf("once packed: %w", err)
	}
	if strings.Join(after[:len(after)-1], "\n") != strings.Join(before[:len(before)-1], "\n") {
		return nil, fmt.Errorf("%w:\nbefore:\n%s\nafter:\n%s", errProbe, strings.Join(before, "\n"), strings.Join(after, "\n"))
	}
	if last := after[len(after)-1]; last != "where: false false" {
		return nil, fmt.Errorf("%w: it still knows its file and line: %q", errProbe, last)
	}
	return after, nil
}

// goVersion is the toolchain's version, a variable for tests.
var goVersion = runtime.Version
