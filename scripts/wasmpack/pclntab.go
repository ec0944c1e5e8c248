package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// The runtime's PC table (pclntab) maps every instruction to its function,
// stack frame, stack maps, file and line. All but the files and lines the
// runtime needs to run: to unwind, collect garbage, grow stacks, recover
// from panics (which reads the inline tree), and even function names (it
// tells runtime and reflect frames by theirs). Files and lines it needs only
// to print a stack trace. dropLines blanks them: the file table and each
// function's file and line tables, a tenth of the playground's wasm after
// brotli. A crash then prints "?" for each frame's file and line, and still
// the function; nothing else changes, as the wasm bridge tests (under
// node) and the e2e tests, which use the stripped file, check.
//
// The layout is the Go 1.20+ one (magic 0xfffffff1), as written by
// cmd/link/internal/ld/pcln.go and read by runtime/symtab.go. Anything that
// does not look exactly like it is left alone.

// pcHeaderMagic starts runtime.pcHeader for the wasm port: the 1.20 magic,
// two zero pads, minLC 1 and a pointer size of 8.
var pcHeaderMagic = []byte{0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8}

// Offsets in runtime._func (runtime/runtime2.go).
const (
	funcPCSP      = 16
	funcPCFile    = 20
	funcPCLn      = 24
	funcNPCData   = 28
	funcCUOffset  = 32
	funcStartLine = 36
	funcSize      = 44 // then npcdata uint32 pcdata offsets
)

// pcln is the part of the memory image that holds the PC table.
type pcln struct {
	mem                                 []byte
	nfunc                               int
	cutab, filetab, pctab, functab, end int
}

// dropLines blanks the files and lines of the PC table in mem, the
// program's memory image, and returns how many bytes it zeroed.
func dropLines(mem []byte) (int, error) {
	t, err := findPCLN(mem)
	if err != nil {
		return 0, err
	}
	keep, drop, err := t.tables()
	if err != nil {
		return 0, err
	}
	zeroed := 0
	zero := func(b []byte) {
		for i := range b {
			if b[i] != 0 {
				b[i] = 0
				zeroed++
			}
		}
	}
	// The linker stores each distinct table once, so a file or line table
	// may also serve as some function's stack or pcdata table: those stay.
	kept := make([]bool, t.functab-t.pctab)
	for _, r := range keep {
		for i := r[0]; i < r[1]; i++ {
			kept[i] = true
		}
	}
	for _, r := range drop {
		for i := r[0]; i < r[1]; i++ {
			if !kept[i] {
				zero(t.mem[t.pctab+i : t.pctab+i+1])
			}
		}
	}
	for i := 0; i < t.nfunc; i++ {
		f := t.function(i)
		for _, field := range []int{funcPCFile, funcPCLn, funcCUOffset, funcStartLine} {
			zero(f[field : field+4])
		}
	}
	zero(t.mem[t.cutab:t.pctab]) // the CU and file tables
	return zeroed, nil
}

// findPCLN finds runtime.pcHeader in mem by its first bytes and reads
// where the tables it heads are, checking that they are in the order the
// linker writes them and inside mem.
func findPCLN(mem []byte) (*pcln, error) {
	at := bytes.Index(mem, pcHeaderMagic)
	if at < 0 {
		return nil, errors.New("no Go 1.20+ pcHeader for wasm")
	}
	if bytes.Contains(mem[at+1:], pcHeaderMagic) {
		return nil, errors.New("more than one pcHeader")
	}
	word := func(i int) int {
		if at+8*i+8 > len(mem) {
			return -1
		}
		return int(binary.LittleEndian.Uint64(mem[at+8*i:]))
	}
	t := &pcln{mem: mem, nfunc: word(1)}
	offs := []int{word(4), word(5), word(6), word(7), word(8)} // funcname, cu, filetab, pctab, pcln
	prev := 9 * 8                                              // the header's size
	for _, o := range offs {
		if o < prev || at+o > len(mem) {
			return nil, fmt.Errorf("pcHeader offsets %v out of order or out of the image", offs)
		}
		prev = o
	}
	t.cutab, t.filetab, t.pctab, t.functab = at+offs[1], at+offs[2], at+offs[3], at+offs[4]
	// functab: nfunc+1 pairs of uint32 (entry, offset of the _func from functab).
	t.end = t.functab + (t.nfunc+1)*8
	if t.nfunc <= 0 || t.end > len(mem) {
		return nil, fmt.Errorf("pcHeader says %d functions, which do not fit", t.nfunc)
	}
	for i := 0; i < t.nfunc; i++ {
		off := t.functab + int(binary.LittleEndian.Uint32(mem[t.functab+8*i+4:]))
		if off < t.end || off+funcSize > len(mem) {
			return nil, fmt.Errorf("function %d's _func lies outside the PC table", i)
		}
		if n := int(binary.LittleEndian.Uint32(mem[off+funcNPCData:])); off+funcSize+4*n > len(mem) {
			return nil, fmt.Errorf("function %d's pcdata runs off the image", i)
		}
	}
	return t, nil
}

// function returns the _func of function i and its pcdata offsets.
func (t *pcln) function(i int) []byte {
	off := t.functab + int(binary.LittleEndian.Uint32(t.mem[t.functab+8*i+4:]))
	n := int(binary.LittleEndian.Uint32(t.mem[off+funcNPCData:]))
	return t.mem[off : off+funcSize+4*n]
}

// tables returns the byte ranges, in pctab, of the tables the runtime
// needs (stack deltas and pcdata) and of those it does not (files, lines).
func (t *pcln) tables() (keep, drop [][2]int, err error) {
	pctab := t.mem[t.pctab:t.functab]
	add := func(list [][2]int, off uint32) ([][2]int, error) {
		if off == 0 {
			return list, nil
		}
		end, err := tableEnd(pctab, int(off))
		return append(list, [2]int{int(off), end}), err
	}
	for i := 0; i < t.nfunc && err == nil; i++ {
		f := t.function(i)
		u32 := func(at int) uint32 { return binary.LittleEndian.Uint32(f[at:]) }
		if keep, err = add(keep, u32(funcPCSP)); err != nil {
			break
		}
		for at := funcSize; at < len(f) && err == nil; at += 4 {
			keep, err = add(keep, u32(at))
		}
		for _, at := range []int{funcPCFile, funcPCLn} {
			if err == nil {
				drop, err = add(drop, u32(at))
			}
		}
	}
	return keep, drop, err
}

// tableEnd returns where the PC-value table at off in pctab ends: after the
// zero value delta that closes it (runtime.step).
func tableEnd(pctab []byte, off int) (int, error) {
	varint := func() (uint32, bool) {
		var v uint32
		for shift := 0; shift < 35; shift += 7 {
			if off >= len(pctab) {
				return 0, false
			}
			c := pctab[off]
			off++
			v |= uint32(c&0x7f) << shift
			if c&0x80 == 0 {
				return v, true
			}
		}
		return 0, false
	}
	for first := true; ; first = false {
		delta, ok := varint()
		if !ok {
			return 0, fmt.Errorf("a PC table at %d runs off pctab", off)
		}
		if delta == 0 && !first {
			return off, nil
		}
		if _, ok := varint(); !ok {
			return 0, fmt.Errorf("a PC table at %d runs off pctab", off)
		}
	}
}
