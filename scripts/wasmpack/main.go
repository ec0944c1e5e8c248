// Command wasmpack rewrites the data section of a wasm file written by the
// Go linker so that it compresses better, leaving the memory image it
// makes byte for byte the same.
//
// The linker writes the program's data as some 75,000 small segments; their
// headers break up the runs brotli and gzip would find. wasmpack rebuilds
// the memory image the segments make and writes it again as one segment per
// stretch of data, cut only at runs of at least 1 KiB of zeros (memory
// starts zeroed). Measured on the playground: 93 kB less brotli.
//
// It also blanks what the runtime keeps only to print stack traces: the
// files and lines of its PC table (see pclntab.go), unless told -keep-lines.
//
//	go run ./scripts/wasmpack [-keep-lines] FILE.wasm
//
// It refuses, and exits 1 so that make build fails, rather than ship a wasm
// it could not pack: a file it does not understand (any segment other than
// active, memory 0, at an i32.const offset), a PC table it cannot read, or
// a Go release whose PC table it was not checked against (knownGo).
//
//	go run ./scripts/wasmpack -check [FILE.wasm]
//
// first runs the probe check (alone, without a file): it builds
// testdata/probe for js/wasm, runs it under node before and after packing,
// and refuses to go on unless both runs agree (but for the file and line,
// which must be gone). make build runs it once per toolchain and version of
// wasmpack.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
)

// minZeroRun is the shortest run of zeros worth a new segment header.
const minZeroRun = 1024

func main() {
	keepLines := flag.Bool("keep-lines", false, "keep the files and lines of stack traces (and pack only the data)")
	check := flag.Bool("check", false, "first run the probe check: the probe must run alike before and after packing")
	probe := flag.String("probe", "./scripts/wasmpack/testdata/probe", "the probe's package, for -check")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmpack [-keep-lines] FILE.wasm | wasmpack -check [FILE.wasm]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *check && flag.NArg() == 0 {
		if err := run("", false, true, *probe); err != nil {
			fmt.Fprintf(os.Stderr, "wasmpack: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *keepLines, *check, *probe); err != nil {
		fmt.Fprintf(os.Stderr, "wasmpack: %v\n", err)
		os.Exit(1)
	}
}

// run packs the file called name in place, after the checks; with no name
// it only checks.
func run(name string, keepLines, check bool, probe string) error {
	if !keepLines {
		if err := checkGoVersion(goVersion()); err != nil {
			return err
		}
	}
	if check && !keepLines {
		if _, err := probeCheck(probe); err != nil {
			return fmt.Errorf("probe check: %w", err)
		}
	}
	if name == "" {
		return nil
	}
	in, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	out, err := Pack(in, keepLines)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(name, out, 0o644)
}

const (
	sectionData      = 11
	sectionDataCount = 12
)

// Pack returns module with its data section rewritten and, unless
// keepLines, the files and lines of its PC table blanked.
func Pack(module []byte, keepLines bool) ([]byte, error) {
	if len(module) < 8 || !bytes.Equal(module[:4], []byte("\x00asm")) {
		return nil, errors.New("not a wasm module")
	}
	out := append([]byte(nil), module[:8]...)
	var segments []segment
	var packed []segment
	r := reader{b: module[8:]}
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		body := r.bytes(int(r.u32()))
		if r.err != nil {
			break
		}
		switch id {
		case sectionData:
			var err error
			if segments, err = readData(body); err != nil {
				return nil, err
			}
			base, mem := image(segments)
			if !keepLines {
				if _, err := dropLines(mem); err != nil {
					return nil, fmt.Errorf("the PC table's files and lines: %w (-keep-lines leaves them)", err)
				}
			}
			packed = repack(base, mem)
			body = writeData(packed)
		case sectionDataCount:
			// The count comes before the data section; it is patched below.
		}
		out = append(out, id)
		out = appendU32(out, uint32(len(body)))
		out = append(out, body...)
	}
	if r.err != nil {
		return nil, r.err
	}
	if segments == nil {
		return nil, errors.New("no data section")
	}
	return patchDataCount(out, len(packed))
}

// segment is an active data segment of memory 0.
type segment struct {
	offset uint32
	data   []byte
}

func readData(body []byte) ([]segment, error) {
	r := reader{b: body}
	n := r.u32()
	segs := make([]segment, 0, min(int(n), len(body)))
	for i := uint32(0); i < n && r.err == nil; i++ {
		if kind := r.u32(); kind != 0 {
			return nil, fmt.Errorf("data segment %d is of kind %d, not active in memory 0", i, kind)
		}
		if r.byte() != 0x41 { // i32.const
			return nil, fmt.Errorf("data segment %d has an offset that is not an i32.const", i)
		}
		off := r.s32()
		if r.byte() != 0x0b { // end
			return nil, fmt.Errorf("data segment %d has an offset expression longer than one i32.const", i)
		}
		segs = append(segs, segment{uint32(off), r.bytes(int(r.u32()))})
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("bytes after the last data segment")
	}
	return segs, r.err
}

// image lays the segments out as memory: in order, so a later segment
// overwrites an earlier one as instantiation would.
func image(segs []segment) (base uint32, mem []byte) {
	if len(segs) == 0 {
		return 0, nil
	}
	base, end := segs[0].offset, uint32(0)
	for _, s := range segs {
		base = min(base, s.offset)
		end = max(end, s.offset+uint32(len(s.data)))
	}
	mem = make([]byte, end-base)
	for _, s := range segs {
		copy(mem[s.offset-base:], s.data)
	}
	return base, mem
}

// repack cuts the memory image mem, which starts at base, into segments.
func repack(base uint32, mem []byte) []segment {
	var out []segment
	for i := 0; i < len(mem); {
		for i < len(mem) && mem[i] == 0 {
			i++
		}
		start, zeros := i, 0
		for ; i < len(mem) && zeros < minZeroRun; i++ {
			if mem[i] == 0 {
				zeros++
			} else {
				zeros = 0
			}
		}
		if end := i - zeros; end > start {
			out = append(out, segment{base + uint32(start), mem[start:end]})
		}
	}
	return out
}

func writeData(segs []segment) []byte {
	b := appendU32(nil, uint32(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendS32(b, int32(s.offset))
		b = append(b, 0x0b)
		b = appendU32(b, uint32(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

// patchDataCount sets the DataCount section, where there is one, to n.
func patchDataCount(module []byte, n int) ([]byte, error) {
	out := append([]byte(nil), module[:8]...)
	r := reader{b: module[8:]}
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		body := r.bytes(int(r.u32()))
		if id == sectionDataCount {
			body = appendU32(nil, uint32(n))
		}
		out = append(out, id)
		out = appendU32(out, uint32(len(body)))
		out = append(out, body...)
	}
	return out, r.err
}

// reader reads the wasm binary format; the first error sticks.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("the module ends early")

func (r *reader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = cmp(r.err, errShort)
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = cmp(r.err, errShort)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	var v uint32
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint32(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
	}
	r.err = cmp(r.err, errors.New("a LEB128 number is too long"))
	return 0
}

func (r *reader) s32() int32 {
	var v int64
	shift := 0
	for ; shift < 35; shift += 7 {
		c := r.byte()
		v |= int64(c&0x7f) << shift
		if c&0x80 == 0 {
			if shift+7 < 64 && c&0x40 != 0 {
				v |= -1 << (shift + 7)
			}
			return int32(v)
		}
	}
	r.err = cmp(r.err, errors.New("a LEB128 number is too long"))
	return 0
}

func cmp(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendS32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
