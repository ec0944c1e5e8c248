package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// distVitals serves make dist's output with a serve of its own and
// measures the vitals on it in b.
func distVitals(ctx context.Context, c config, p plan, b *browser, tmp, benchURL string) (*vitalsResult, error) {
	dist, err := filepath.Abs(c.dist)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dist, "index.html")); err != nil {
		return nil, fmt.Errorf("%w: %s/index.html is missing: run `make dist` first", errNoVitals, dist)
	}
	pg, err := startPlayground(ctx, dist, tmp)
	if err != nil {
		return nil, err
	}
	defer pg.stop()
	v, err := measureVitals(ctx, c, p, b, pg.url, benchURL)
	if err != nil {
		return nil, err
	}
	if p.weighWasmpack {
		if v.Wasmpack, err = weighWasmpack(ctx, c, tmp); err != nil {
			return nil, fmt.Errorf("weighing wasmpack: %w", err)
		}
	}
	return v, nil
}

// onlyVitals measures the vitals alone and writes their section into the
// report at out, in place of its previous version.
func onlyVitals(ctx context.Context, c config, p plan, out string) error {
	if err := staleDist(c.web, c.dist); err != nil {
		return err
	}
	res := &results{Plan: p, Started: time.Now()}
	tmp, err := os.MkdirTemp("", "jwt-playground-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bs, err := startBenchServer(c.jose)
	if err != nil {
		return err
	}
	defer bs.close()
	b, err := startBrowser(ctx, c.chromium, filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	defer b.stop()
	if res.Vitals, err = distVitals(ctx, c, p, b, tmp, bs.url); err != nil {
		return err
	}
	if err := saveVitals(c, res); err != nil {
		return err
	}
	old, err := os.ReadFile(out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var section strings.Builder
	writeVitals(&section, res)
	if err := os.WriteFile(out, []byte(spliceSection(string(old), section.String())), 0o644); err != nil {
		return err
	}
	log.Printf("wrote the vitals section into %s", out)
	return nil
}

// saveVitals writes res.Vitals to c.vitalsJSON if asked, and reads the
// earlier run to compare with from c.before if there is one.
func saveVitals(c config, res *results) error {
	if res.Vitals == nil {
		return nil
	}
	if c.vitalsJSON != "" {
		b, err := json.MarshalIndent(res.Vitals, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.vitalsJSON, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if c.before == "" {
		return nil
	}
	b, err := os.ReadFile(c.before)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var before vitalsResult
	if err := json.Unmarshal(b, &before); err != nil {
		return fmt.Errorf("%s: %w", c.before, err)
	}
	res.VitalsBefore = &before
	return nil
}

// spliceSection puts section, a level-2 Markdown section, into report in
// place of the section of the same heading; without one, before the
// method section, or else at the end.
func spliceSection(report, section string) string {
	heading, _, _ := strings.Cut(section, "\n")
	lines := strings.SplitAfter(report, "\n")
	start, end := -1, len(lines)
	for i, l := range lines {
		t := strings.TrimRight(l, "\n")
		switch {
		case start < 0 && t == heading:
			start = i
		case start >= 0 && strings.HasPrefix(t, "## "):
			end = i
		}
		if start >= 0 && end < len(lines) {
			break
		}
	}
	if start < 0 {
		start, end = len(lines), len(lines)
		for i, l := range lines {
			if strings.HasPrefix(l, methodHeading) {
				start, end = i, i
				break
			}
		}
	}
	head := strings.Join(lines[:start], "")
	if head != "" && !strings.HasSuffix(head, "\n\n") {
		head += "\n"
	}
	tail := strings.Join(lines[end:], "")
	if tail != "" && !strings.HasSuffix(section, "\n\n") {
		section += "\n"
	}
	return head + section + tail
}

// wasmpackWeight is what wasmpack changes in the wasm: bytes raw and
// brotli, and the time V8 takes to compile the module (under node, which
// for a module this size is mostly decoding and validating it: functions
// are compiled lazily).
type wasmpackWeight struct {
	Raw, Brotli            [2]int64   // the linker's, then wasmpack's
	CompileMs              [2]float64 // medians
	CompileRuns            int
	LinkerFile, PackedFile string `json:"-"`
}

// weighWasmpack builds the wasm as make build does but without wasmpack,
// and has wasmcost.mjs weigh it against the packed one in c.web.
func weighWasmpack(ctx context.Context, c config, tmp string) (*wasmpackWeight, error) {
	linker := filepath.Join(tmp, "linker.wasm")
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w -X main.version="+gitDescribe(), "-o", linker, "./wasm/bridge")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %v\n%s", err, out)
	}
	packed := filepath.Join(c.web, "playground.wasm")
	const runs = 5
	out, err := exec.CommandContext(ctx, "node", "scripts/bench/wasmcost.mjs", fmt.Sprint(runs), linker, packed).Output()
	if err != nil {
		return nil, fmt.Errorf("node wasmcost.mjs: %w", exitDetail(err))
	}
	var files []struct {
		Raw, Brotli int64
		CompileMs   float64
	}
	if err := json.Unmarshal(out, &files); err != nil || len(files) != 2 {
		return nil, fmt.Errorf("wasmcost.mjs printed %q: %v", truncate(string(out), 200), err)
	}
	w := &wasmpackWeight{CompileRuns: runs}
	for i, f := range files {
		w.Raw[i], w.Brotli[i], w.CompileMs[i] = f.Raw, f.Brotli, f.CompileMs
	}
	log.Printf("vitals: wasmpack: raw %d → %d bytes, brotli %d → %d, compile %.0f → %.0f ms",
		w.Raw[0], w.Raw[1], w.Brotli[0], w.Brotli[1], w.CompileMs[0], w.CompileMs[1])
	return w, nil
}

// exitDetail adds a failed command's stderr to its error.
func exitDetail(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return fmt.Errorf("%v\n%s", err, ee.Stderr)
	}
	return err
}

// staleDist returns an error when a file of the page's sources (web/, its
// tests aside) is newer than make dist's output in dist, which -only
// vitals measures as it is: it would measure the page as it was.
func staleDist(web, dist string) error {
	built, err := os.Stat(filepath.Join(dist, "index.html"))
	if err != nil {
		return fmt.Errorf("%s: %w: run `make dist` first", dist, err)
	}
	return filepath.WalkDir(web, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "test" {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(built.ModTime()) {
			return fmt.Errorf("%s is newer than %s/index.html: run `make dist` first, or the page measured is an older one", path, dist)
		}
		return nil
	})
}
