// Bench measures the JWT playground in headless Chromium and writes what it
// finds to a Markdown report:
//
//	go run ./scripts/bench [-out BENCHMARKS.md] [-smoke]
//
// In one browser run it measures
//
//  1. the JavaScript API (globalThis.jwtPlayground, the Go core in wasm)
//     against jose, the npm package on WebCrypto, on the same keys and
//     tokens: decode (over distinct tokens, and of one token over and over),
//     verify and sign (verifyAsync and encodeAsync, which hand RSA, ECDSA and
//     EdDSA to WebCrypto, and the synchronous, pure-Go verify and encode) and
//     key generation, for all 13 algorithms;
//  2. what a person feels on the real page: keystroke to verdict (the
//     badge's change, which the page makes once its verify promise
//     resolves, and the frame after it) while typing into the token box,
//     the payload editor and the key box, and the longest main-thread block
//     while RSA 4096 is generated from the page's Generate button;
//  3. load: the bytes of each asset the page loads (raw, gzip, brotli, as
//     served) and the time from navigation to ready, cold and warm;
//  4. the worst inputs within the limits (worst.mjs, the wasm under node):
//     what one keystroke costs for each, against a budget;
//  5. the Learn page's secret cracker: candidates per second in its worker;
//  6. opening the page as Lighthouse and axe-core judge it (vitals.go), on
//     make dist's output: the median of Lighthouse runs with its mobile and
//     desktop presets, axe-core's violations on the pages people land on, in
//     light and dark, loads cold and warm with the main thread's long tasks,
//     and what wasmpack costs and saves.
//
// The playground is served by the real serve binary, built into a
// temporary folder. A second server on 127.0.0.1 serves the bench page (the
// files in page/) and jose's browser build under /jose/. The bench page
// imports jwt.js across origins from the playground's server, which allows
// it (Access-Control-Allow-Origin: *), so the wasm is fetched, compiled and
// run exactly as shipped, while jose loads from the bench origin.
//
// The report states the goals and whether each row meets them, but nothing
// asserts them: the tool fails only when the harness breaks (a JavaScript
// error, a missing result, a timeout). -smoke runs one algorithm per family
// with tiny batches and writes to a temporary file, for CI.
//
// -only vitals measures section 6 alone, -only api section 1 and -only
// typing section 2 (each with its rows of the goals), and writes it into
// the report in place of its previous version, leaving the rest of the
// report as it is.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// errUsage reports bad command-line arguments, already explained.
var errUsage = errors.New("usage")

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		log.Print(err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	out      string
	smoke    bool
	web      string
	jose     string
	chromium string
	timeout  time.Duration
	// only names the one section to measure (one of onlySections), or is
	// empty.
	only string
	// dist is make dist's output, which the vitals are measured on.
	dist string
	// lighthouse is the folder of lighthouse.mjs and its npm packages.
	lighthouse string
	// before is the JSON of an earlier vitals run, shown beside this one;
	// vitalsJSON is where this run's are saved.
	before, vitalsJSON string
}

// parseFlags parses args, writing any complaint to stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	flags := flag.NewFlagSet("bench", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&c.out, "out", "", "write the report to `file` (default BENCHMARKS.md, or a temporary file with -smoke)")
	flags.BoolVar(&c.smoke, "smoke", false, "one algorithm per family, tiny batches: check the harness, not the figures")
	flags.StringVar(&c.web, "web", "web", "the playground's `folder`, built (make build)")
	flags.StringVar(&c.jose, "jose", "scripts/interop/node_modules/jose", "the installed jose npm `package` (npm ci --prefix scripts/interop)")
	flags.StringVar(&c.chromium, "chromium", defaultChromium(), "the Chromium `binary`; empty lets chromedp look on PATH")
	flags.DurationVar(&c.timeout, "timeout", 0, "give up after `duration` (default 45m, or 5m with -smoke)")
	flags.StringVar(&c.only, "only", "", "measure only `section` (vitals, api or typing) and write it into -out in place of its previous version")
	flags.StringVar(&c.dist, "dist", "dist", "make dist's output `folder`, on which the vitals are measured")
	flags.StringVar(&c.lighthouse, "lighthouse", "scripts/bench/lighthouse", "the `folder` of lighthouse.mjs, with lighthouse and axe-core installed (npm ci --prefix)")
	flags.StringVar(&c.before, "before", "scripts/bench/vitals-before.json", "an earlier vitals run (`file`, from -vitals-json) to show beside this one; ignored if missing")
	flags.StringVar(&c.vitalsJSON, "vitals-json", "", "also save this run's vitals as JSON to `file`")
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
	if c.only != "" && !slices.Contains(onlySections, c.only) {
		fmt.Fprintf(stderr, "-only %q: the sections measured alone are %s\n", c.only, strings.Join(onlySections, ", "))
		return c, errUsage
	}
	return c, nil
}

// onlySections are the sections -only measures alone.
var onlySections = []string{"vitals", "api", "typing"}

// defaultChromium is $CHROMIUM, else Debian's chromium, else "".
func defaultChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// run measures everything the plan asks for and writes the report.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	p := fullPlan
	if c.smoke {
		p = smokePlan
	}
	if c.timeout == 0 {
		c.timeout = p.timeout
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	out, err := outputPath(c)
	if err != nil {
		return err
	}
	switch c.only {
	case "vitals":
		return onlyVitals(ctx, c, p, out)
	case "api":
		return onlyAPI(ctx, c, p, out)
	case "typing":
		return onlyTyping(ctx, c, p, out)
	}
	res, err := measure(ctx, c, p)
	if err != nil {
		return err
	}
	if err := saveVitals(c, res); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(renderReport(res)), 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s", out)
	return nil
}

// outputPath is -out, else BENCHMARKS.md, else for a smoke run a new
// temporary file, so that a smoke run never overwrites the report.
func outputPath(c config) (string, error) {
	switch {
	case c.out != "":
		return c.out, nil
	case !c.smoke:
		return "BENCHMARKS.md", nil
	}
	f, err := os.CreateTemp("", "jwt-playground-bench-*.md")
	if err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// measure starts the servers and the browser, and runs every section.
func measure(ctx context.Context, c config, p plan) (*results, error) {
	res := &results{Plan: p, Started: time.Now()}
	res.Env = hostEnvironment()
	res.Env.JoseVersion = joseVersion(c.jose)
	res.markLoad("start")

	webDir, err := filepath.Abs(c.web)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(webDir, "playground.wasm")); err != nil {
		return nil, fmt.Errorf("%s/playground.wasm is missing: run `make build` first", webDir)
	}
	tmp, err := os.MkdirTemp("", "jwt-playground-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	pg, err := startPlayground(ctx, webDir, tmp)
	if err != nil {
		return nil, err
	}
	defer pg.stop()
	bs, err := startBenchServer(c.jose)
	if err != nil {
		return nil, err
	}
	defer bs.close()

	keys, err := makeKeys(p.keyAlgs())
	if err != nil {
		return nil, err
	}
	if err := inBrowser(ctx, c, p, tmp, pg.url, bs.url, keys, res); err != nil {
		return nil, err
	}

	res.markLoad("worst inputs")
	if res.Worst, err = measureWorst(ctx, webDir, tmp, p.worstRuns); err != nil {
		return nil, fmt.Errorf("worst inputs: %w", err)
	}
	log.Printf("timed %d worst inputs", len(res.Worst))

	res.markLoad("asset sizes")
	if res.Load.Assets, err = assetSizes(ctx, webDir, pg.url, res.Load.Resources, p.brotliQuality); err != nil {
		return nil, err
	}
	log.Printf("sizes of the %d files the page loaded (brotli quality %d)", len(res.Load.Assets), p.brotliQuality)
	res.markLoad("end")
	res.Finished = time.Now()
	return res, nil
}

// inBrowser runs the browser sections in one Chromium.
func inBrowser(ctx context.Context, c config, p plan, tmp, playgroundURL, benchURL string, keys map[string]keyMaterial, res *results) error {
	b, err := startBrowser(ctx, c.chromium, filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	defer b.stop()
	if res.Env.Chromium, err = b.version(); err != nil {
		return err
	}
	res.Env.ChromiumPath = c.chromium

	res.markLoad("API vs jose")
	if res.Micro, res.Env.CoreVersion, err = measureMicro(b, benchURL, playgroundURL, keys, p); err != nil {
		return fmt.Errorf("API vs jose: %w", err)
	}
	res.markLoad("typing")
	if res.Typing, res.Gen, err = measureTyping(b, playgroundURL, keys, p); err != nil {
		return fmt.Errorf("typing: %w", err)
	}
	res.markLoad("load")
	if res.Load, err = measureLoad(b, playgroundURL, p); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	res.markLoad("cracker")
	if res.Cracker, err = measureCracker(b, playgroundURL, p.crackerRuns); err != nil {
		return fmt.Errorf("cracker: %w", err)
	}
	res.markLoad("vitals")
	if res.Vitals, err = distVitals(ctx, c, p, b, tmp, benchURL); err != nil {
		return fmt.Errorf("vitals: %w", err)
	}
	return nil
}
