// Command dist builds the playground for static hosting from the web
// folder (after `make build`):
//
//   - a folder any static host or CDN can serve as it is: assets under
//     content-hashed names (app.0123456789.js) with the references to them
//     rewritten, .gz and .br variants, asset-manifest.json, sw-assets.js
//     for the service worker, and _headers for Netlify and Cloudflare
//     Pages;
//   - in it, one self-contained page (jwt-playground.html) that works when
//     opened from a file, with no server.
//
// Usage:
//
//	go run ./scripts/dist -web web -out dist
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.web, "web", "web", "the web folder to build from")
	flag.StringVar(&cfg.out, "out", "dist", "the folder to write; it is replaced whole")
	flag.StringVar(&cfg.single, "single", "jwt-playground.html", "the name of the single-file page in the output")
	keep := flag.String("keep", "sw.js,embed.js,screenshot*.png",
		"comma-separated patterns of base names that keep their names, for URLs that must not change (pages always keep theirs)")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	cfg.keep = strings.Split(*keep, ",")
	if err := build(cfg, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "dist: %v\n", err)
		os.Exit(1)
	}
}
