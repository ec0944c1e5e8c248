package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStaleDist: -only vitals refuses a dist/ older than a source in web/
// (it would measure the page as it was), but not one older than a test.
func TestStaleDist(t *testing.T) {
	root := t.TempDir()
	web, dist := filepath.Join(root, "web"), filepath.Join(root, "dist")
	write := func(path string, at time.Time) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	if err := staleDist(web, dist); err == nil || !strings.Contains(err.Error(), "make dist") {
		t.Errorf("no dist: %v, want an error that says to run make dist", err)
	}
	write(filepath.Join(web, "app.js"), now.Add(-2*time.Hour))
	write(filepath.Join(web, "learn", "lessons.js"), now.Add(-2*time.Hour))
	write(filepath.Join(web, "test", "app.test.mjs"), now)
	write(filepath.Join(dist, "index.html"), now.Add(-time.Hour))
	if err := staleDist(web, dist); err != nil {
		t.Errorf("dist newer than every source: %v", err)
	}
	write(filepath.Join(web, "learn", "lessons.js"), now)
	if err := staleDist(web, dist); err == nil || !strings.Contains(err.Error(), "lessons.js") {
		t.Errorf("a source newer than dist: %v, want an error naming it", err)
	}
}
