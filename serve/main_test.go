package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// servingLine matches the one line the server prints to stdout.
var servingLine = regexp.MustCompile(`^serving (.+) at (http://[^ ]+/)$`)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		want config
		err  error
	}{
		{nil, config{addr: "127.0.0.1:8080", dir: "web"}, nil},
		{[]string{"-addr", "127.0.0.1:0", "-dir", "x", "-quiet"}, config{addr: "127.0.0.1:0", dir: "x", quiet: true}, nil},
		{[]string{"-nope"}, config{}, errUsage},
		{[]string{"extra"}, config{}, errUsage},
		{[]string{"-h"}, config{}, flag.ErrHelp},
	}
	for _, tt := range tests {
		got, err := parseFlags(tt.args, io.Discard)
		if !errors.Is(err, tt.err) {
			t.Errorf("parseFlags(%q): error %v, want %v", tt.args, err, tt.err)
		}
		if tt.err == nil && got != tt.want {
			t.Errorf("parseFlags(%q) = %+v, want %+v", tt.args, got, tt.want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	writeFile(t, file, "x")
	tests := [][]string{
		{"-dir", filepath.Join(dir, "missing"), "-addr", "127.0.0.1:0"},
		{"-dir", file, "-addr", "127.0.0.1:0"},
		{"-dir", dir, "-addr", "not an address"},
	}
	for _, args := range tests {
		var stdout bytes.Buffer
		if err := run(context.Background(), args, &stdout, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
		if stdout.Len() != 0 {
			t.Errorf("run(%q) printed %q, want nothing", args, stdout.String())
		}
	}
}

// TestRun runs the server in-process, so that the race detector sees it,
// and stops it through the context.
func TestRun(t *testing.T) {
	dir := newTestRoot(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir, "-quiet"}, pw, io.Discard)
		pw.Close()
	}()

	url := readURL(t, pr, dir)
	get(t, url, "<h1>index</h1>")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

// TestBinary builds and runs the real command, as the Makefile does, and
// stops it with SIGTERM.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "serve")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	dir := newTestRoot(t)
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-dir", dir)
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stopped := false
	defer func() {
		if !stopped {
			cmd.Process.Kill()
			<-done
		}
	}()

	url := readURL(t, stdout, dir)
	get(t, url, "<h1>index</h1>")
	get(t, url+"index.html?token=eyJ.SECRET", "<h1>index</h1>")

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want status 0\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("still running 5s after SIGTERM\nstderr:\n%s", stderr.String())
	}
	log := stderr.String()
	if !strings.Contains(log, "shutting down") {
		t.Errorf("stderr %q does not say %q", log, "shutting down")
	}
	if !strings.Contains(log, "GET /index.html 200 ") {
		t.Errorf("stderr %q does not log the request", log)
	}
	if strings.Contains(log, "SECRET") {
		t.Errorf("stderr %q logs the query string", log)
	}
}

// readURL reads the first line the server prints, checks that it names
// dir, and returns its URL. Any further output fails the caller's test.
func readURL(t *testing.T, r io.Reader, dir string) string {
	t.Helper()
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, r)
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(10 * time.Second):
		t.Fatal("no serving line within 10s")
	}
	line, ok := strings.CutSuffix(line, "\n")
	m := servingLine.FindStringSubmatch(line)
	if !ok || m == nil {
		t.Fatalf("stdout line %q does not match %v", line, servingLine)
	}
	if m[1] != dir {
		t.Errorf("serving line names %q, want %q", m[1], dir)
	}
	if !strings.HasPrefix(m[2], "http://127.0.0.1:") || strings.HasSuffix(m[2], ":0/") {
		t.Errorf("serving line URL %q does not name the bound port", m[2])
	}
	return m[2]
}

// get fetches url and checks for a 200 whose body contains want.
func get(t *testing.T, url, want string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
		t.Errorf("GET %s: status %d, body %q; want 200 with %q", url, resp.StatusCode, body, want)
	}
}

// lockedBuffer is a bytes.Buffer safe to write from the goroutine that
// copies a child's stderr while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p under the lock.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns the contents so far.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
