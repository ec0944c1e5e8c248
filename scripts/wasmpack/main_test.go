package main

import (
	"bytes"
	"testing"
)

// module makes a wasm module of a DataCount and a data section.
func module(segs []segment) []byte {
	m := []byte("\x00asm\x01\x00\x00\x00")
	count := appendU32(nil, uint32(len(segs)))
	m = append(appendU32(append(m, sectionDataCount), uint32(len(count))), count...)
	data := writeData(segs)
	return append(appendU32(append(m, sectionData), uint32(len(data))), data...)
}

func TestPackKeepsTheMemoryImage(t *testing.T) {
	zeros := make([]byte, 3000)
	segs := []segment{
		{1024, []byte("hello")},
		{1029, append(append([]byte("world"), zeros...), "after a long run of zeros"...)},
		{1029 + 5 + 10, []byte{0, 0, 7}}, // overwrites inside the zeros: later wins
		{70000, []byte{0, 0, 1, 2, 0, 3}},
		{90000, zeros},
	}
	out, err := Pack(module(segs))
	if err != nil {
		t.Fatal(err)
	}
	// Read the result back: the DataCount must match, and the image too.
	r := reader{b: out[8:]}
	var count uint32
	var got []segment
	for len(r.b) > 0 {
		id := r.byte()
		body := r.bytes(int(r.u32()))
		switch id {
		case sectionDataCount:
			count = (&reader{b: body}).u32()
		case sectionData:
			if got, err = readData(body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if int(count) != len(got) {
		t.Errorf("DataCount says %d, the data section has %d segments", count, len(got))
	}
	if len(got) != 3 {
		t.Errorf("got %d segments, want 3 (cut at the long run of zeros, none for zeros alone)", len(got))
	}
	wantBase, want := image(segs)
	gotBase, img := image(got)
	// Leading and trailing zeros need no segment: compare as memory.
	mem := func(base uint32, img []byte) []byte {
		m := make([]byte, 100000)
		copy(m[base:], img)
		return m
	}
	if !bytes.Equal(mem(gotBase, img), mem(wantBase, want)) {
		t.Error("the packed segments make another memory image")
	}
}

func TestPackRefusesWhatItDoesNotKnow(t *testing.T) {
	passive := []byte("\x00asm\x01\x00\x00\x00\x0b\x04\x01\x01\x01x")
	for name, m := range map[string][]byte{
		"not wasm":        []byte("hello world"),
		"no data section": []byte("\x00asm\x01\x00\x00\x00"),
		"passive segment": passive,
		"cut short":       module([]segment{{8, []byte("abc")}})[:20],
	} {
		if _, err := Pack(m); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
