package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Set by TestMain before any test runs, and read-only afterwards.
var (
	// repoRoot is the folder that holds go.mod, above e2e/.
	repoRoot string
	// baseURL is where the server serves the page, with a trailing slash.
	baseURL string
	// browserCtx owns the one browser of the run. Each test opens its own
	// tab as a child of it, so that tests do not pay for a browser start.
	browserCtx context.Context
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run does the work of TestMain, so that the deferred clean-ups run before
// os.Exit.
func run(m *testing.M) int {
	root, err := findRepoRoot()
	if err != nil {
		return setupFailed(err)
	}
	repoRoot = root

	webDir := os.Getenv("E2E_WEB_DIR")
	if webDir == "" {
		webDir = filepath.Join(root, "web")
	}
	if webDir, err = filepath.Abs(webDir); err != nil {
		return setupFailed(err)
	}
	if _, err := os.Stat(filepath.Join(webDir, "playground.wasm")); err != nil {
		return setupFailed(fmt.Errorf("%s/playground.wasm is missing: run `make build` first (%v)", webDir, err))
	}

	tmp, err := os.MkdirTemp("", "jwt-playground-e2e-")
	if err != nil {
		return setupFailed(err)
	}
	defer os.RemoveAll(tmp)

	srv, err := startServer(root, webDir, tmp)
	if err != nil {
		return setupFailed(err)
	}
	baseURL = srv.url
	code := 0
	defer func() {
		if err := srv.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			if code == 0 {
				code = 1
			}
		}
	}()

	ctx, stopBrowser, err := startBrowser(filepath.Join(tmp, "chromium-profile"))
	if err != nil {
		return setupFailed(err)
	}
	defer stopBrowser()
	browserCtx = ctx

	code = m.Run()
	return code
}

// setupFailed reports an error of the set-up, before any test ran.
func setupFailed(err error) int {
	fmt.Fprintln(os.Stderr, "e2e setup failed:", err)
	return 1
}

// findRepoRoot walks up from the working directory, which go test sets to the
// package folder, to the folder with go.mod.
func findRepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod in %s or above it", dir)
		}
	}
}

// server is the running file server of serve/.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
	done   chan error // gets the result of cmd.Wait
}

// servingLine is the one line that serve prints on stdout when it listens.
var servingLine = regexp.MustCompile(`^serving (.+) at (http://127\.0\.0\.1:\d+/?)$`)

// serveBin is the server binary the harness built, for tests that start
// more instances of it.
var serveBin string

// startServer builds ./serve into tmp and starts it on a free port. Building
// first, instead of go run, means the signal of stop reaches the server and
// not the go tool.
func startServer(root, webDir, tmp string) (*server, error) {
	serveBin = filepath.Join(tmp, "serve")
	build := exec.Command("go", "build", "-o", serveBin, "./serve")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./serve: %v\n%s", err, out)
	}
	return launch(serveBin, webDir, true)
}

// launch starts the server binary on a free port of 127.0.0.1, serving dir
// (with its request log on stderr unless quiet), and waits for the line
// that says where it listens.
func launch(bin, dir string, quiet bool) (*server, error) {
	args := []string{"-addr", "127.0.0.1:0", "-dir", dir}
	if quiet {
		args = append(args, "-quiet")
	}
	s := &server{stderr: &lockedBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stderr = s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start serve: %v", err)
	}

	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		// Keep reading so that a later write of the server never blocks on
		// a full pipe; Wait must only run once the pipe is drained.
		io.Copy(io.Discard, stdout)
		s.done <- s.cmd.Wait()
	}()

	fail := func(format string, args ...any) (*server, error) {
		s.cmd.Process.Kill()
		<-s.done
		msg := fmt.Sprintf(format, args...)
		if e := s.stderr.String(); e != "" {
			msg += "\nserve stderr:\n" + e
		}
		return nil, errors.New(msg)
	}
	select {
	case line, ok := <-lines:
		if !ok {
			return fail("serve exited before it printed its address")
		}
		m := servingLine.FindStringSubmatch(line)
		if m == nil {
			return fail("serve printed %q, want `serving <dir> at http://127.0.0.1:PORT/`", line)
		}
		s.url = strings.TrimSuffix(m[2], "/") + "/"
		return s, nil
	case <-time.After(30 * time.Second):
		return fail("serve printed no `serving ... at URL` line within 30s")
	}
}

// stop sends SIGTERM, as a user or a service manager would, and waits for
// the server to exit. A server that ignores the signal is an error.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("signal serve: %v", err)
	}
	select {
	case <-s.done:
		return nil
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("serve did not exit within 10s of SIGTERM; killed it")
	}
}

// startBrowser starts the one headless Chromium of the run, with a fresh
// profile in profileDir. The returned func stops it.
func startBrowser(profileDir string) (context.Context, func(), error) {
	output := &lockedBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.NoSandbox, // we run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Keep the browser off the network: the page only talks to
		// 127.0.0.1, and the machine has no way out.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profileDir),
		chromedp.CombinedOutput(output),
	)
	if path := browserPath(); path != "" {
		opts = append(opts, chromedp.ExecPath(path))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	stop := func() {
		cancelBrowser()
		cancelAlloc() // waits until the browser process is gone
	}
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start browser %q: %v\nbrowser output:\n%s", browserPath(), err, output.Tail(4000))
	}
	return ctx, stop, nil
}

// browserPath is $CHROMIUM, else Debian's chromium, else "" to let chromedp
// look on PATH.
func browserPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// lockedBuffer is a bytes.Buffer that a process can write to while another
// goroutine reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Tail returns at most the last n bytes, as the end of a browser log is where
// the reason for a failure is.
func (b *lockedBuffer) Tail(n int) string {
	s := b.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}
