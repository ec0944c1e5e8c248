package jwe

// direct is "dir" (RFC 7518 §4.5): the shared key is the CEK itself (fits
// checks its size against enc's), and the encrypted key part is empty.
type direct struct{}

func (direct) method() string { return "direct" }
func (direct) kind() keyKind  { return keyKind{kty: "oct"} }

func (direct) decryptKey(_ *Token, k *Key, _ contentCipher) ([]byte, error) {
	return k.Secret, nil
}

func (direct) encryptKey(_ map[string]any, k *Key, _ contentCipher) ([]byte, []byte, []member, error) {
	return k.Secret, nil, nil, nil
}
