package jwe

import (
	"bytes"
	"compress/flate"
	"io"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// inflate undoes "zip": "DEF" (RFC 7516 §4.1.3, raw DEFLATE of RFC 1951),
// reading at most one byte past limits.MaxTokenBytes: a few kilobytes can
// inflate to gigabytes, so the output is capped as it streams, never
// after.
func inflate(data []byte) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(data))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, limits.MaxTokenBytes+1))
	if len(out) > limits.MaxTokenBytes {
		return nil, jwterr.New(jwterr.TooLarge, "the plaintext inflates (zip: DEF) to more than %d bytes, the token size limit: refused before the rest is inflated", limits.MaxTokenBytes).In(jwterr.PartToken).AtStep(jwterr.StepDecompress)
	}
	if err != nil {
		return nil, stepErr(jwterr.StepDecompress, "the plaintext decrypted, but it is not valid DEFLATE data although the header says \"zip\": \"DEF\": %v", err)
	}
	return out, nil
}

// deflate compresses the plaintext for "zip": "DEF".
func deflate(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}
