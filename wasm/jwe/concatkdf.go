package jwe

import (
	"crypto/sha256"
	"encoding/binary"
)

// concatKDF is the Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as
// RFC 7518 §4.6.2 uses it: size bytes from the shared secret z and the
// OtherInfo of algorithm ID, PartyUInfo, PartyVInfo and the key's length
// in bits, each of the first three prefixed with its 32-bit length.
func concatKDF(z []byte, algID string, apu, apv []byte, size int) []byte {
	var other []byte
	for _, field := range [][]byte{[]byte(algID), apu, apv} {
		other = binary.BigEndian.AppendUint32(other, uint32(len(field)))
		other = append(other, field...)
	}
	other = binary.BigEndian.AppendUint32(other, uint32(size*8))
	out := make([]byte, 0, size+sha256.Size)
	for counter := uint32(1); len(out) < size; counter++ {
		h := sha256.New()
		h.Write(binary.BigEndian.AppendUint32(nil, counter))
		h.Write(z)
		h.Write(other)
		out = h.Sum(out)
	}
	return out[:size]
}
