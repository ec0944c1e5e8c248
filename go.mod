module github.com/jwt-playground/jwt-playground

go 1.26.8

require (
	filippo.io/mldsa v1.0.0
	github.com/andybalholm/brotli v1.2.8
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/golang-jwt/jwt/v5 v5.3.1
	github.com/syumai/tinyutil v0.3.2
)

require github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
