// Serve is a small static file server for the JWT playground.
//
// It serves the files of one folder, read-only, with strict security
// headers, and is meant for local development and tests:
//
//	go run ./serve [-addr 127.0.0.1:8080] [-dir web] [-quiet]
//
// Once listening, it prints exactly one line to standard output,
//
//	serving DIR at http://HOST:PORT/
//
// with the port actually bound, so that -addr 127.0.0.1:0 can be used
// and the URL read back by scripts. Requests are logged to standard
// error without their query strings, since those may hold tokens.
// SIGINT or SIGTERM shuts the server down cleanly with exit status 0.
//
// Only GET and HEAD are allowed. A directory is served as its
// index.html, never listed; names starting with a dot are never served,
// not even behind a symlink; and files are opened through an [os.Root],
// so neither ".." nor a symlink can reach outside the folder. If the
// client accepts it, a precompressed FILE.br or FILE.gz is sent in place
// of FILE, unless it is older than FILE (left from an earlier build);
// text files without one (HTML, JavaScript, CSS, JSON, SVG) are
// compressed on the fly, each once per modification.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Server limits. They are generous for a folder of static files on
// loopback yet bound what a slow or hostile client can hold on to.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	// writeTimeout leaves room for the multi-megabyte wasm file on a
	// slow link.
	writeTimeout    = 60 * time.Second
	idleTimeout     = 120 * time.Second
	maxHeaderBytes  = 16 << 10
	shutdownTimeout = 5 * time.Second
)

// errUsage reports bad command-line arguments, already explained to the
// user; main exits with status 2 for it, as the flag package does.
var errUsage = errors.New("usage")

// main runs the server and maps errors to the conventional exit codes.
func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	addr  string
	dir   string
	quiet bool
}

// parseFlags parses the command-line arguments args, writing any
// complaint to stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen `address`; loopback only by default, port 0 picks a free port")
	flags.StringVar(&c.dir, "dir", "web", "`folder` to serve")
	flags.BoolVar(&c.quiet, "quiet", false, "do not log requests")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, errUsage
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return c, errUsage
	}
	return c, nil
}

// run serves until ctx is done or a SIGINT or SIGTERM arrives, then
// shuts down. It returns nil after a clean shutdown.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(c.dir)
	if err != nil {
		return err
	}
	defer root.Close()

	var h http.Handler = newHandler(root)
	if !c.quiet {
		h = logRequests(h, log.New(stderr, "", log.LstdFlags))
	}
	srv := newServer(h, stderr, defaultLimits)

	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	// Tests and the Makefile parse this line: keep its format.
	if _, err := fmt.Fprintf(stdout, "serving %s at http://%s/\n", c.dir, ln.Addr()); err != nil {
		ln.Close()
		return err
	}
	return serve(ctx, srv, ln, stderr)
}

// limits are the timeouts and sizes a server enforces on its clients.
// They are a parameter of newServer so that tests can shrink them.
type limits struct {
	readHeaderTimeout time.Duration
	readTimeout       time.Duration
	writeTimeout      time.Duration
	idleTimeout       time.Duration
	maxHeaderBytes    int
}

// defaultLimits are the limits the command runs with.
var defaultLimits = limits{
	readHeaderTimeout: readHeaderTimeout,
	readTimeout:       readTimeout,
	writeTimeout:      writeTimeout,
	idleTimeout:       idleTimeout,
	maxHeaderBytes:    maxHeaderBytes,
}

// newServer returns a server for h with every timeout in l set, since
// the zero values mean "wait forever".
func newServer(h http.Handler, stderr io.Writer, l limits) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.readHeaderTimeout,
		ReadTimeout:       l.readTimeout,
		WriteTimeout:      l.writeTimeout,
		IdleTimeout:       l.idleTimeout,
		MaxHeaderBytes:    l.maxHeaderBytes,
		ErrorLog:          log.New(stderr, "serve: ", log.LstdFlags),
	}
}

// serve runs srv on ln until it fails, ctx is done, or a SIGINT or
// SIGTERM arrives; in the last two cases it shuts srv down, letting
// requests in flight finish for a while.
func serve(ctx context.Context, srv *http.Server, ln net.Listener, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Restore default signal handling, so that a second Ctrl-C kills a
	// shutdown that hangs.
	stop()
	fmt.Fprintln(stderr, "shutting down")

	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
