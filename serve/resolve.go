package main

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// Errors from resolve. Both map to 404, like a name that does not exist.
var (
	// errHidden reports a name that is, or passes through, a name
	// starting with a dot, once its symlinks are followed.
	errHidden = errors.New("hidden name")
	// errEscapes reports a symlink leading outside the root.
	errEscapes = errors.New("path escapes the root")
	// errLoop reports a chain of more symlinks than maxSymlinks.
	errLoop = errors.New("too many symlinks")
)

// maxSymlinks bounds the symlinks followed for one name, as the kernel's
// own limit does (40 on Linux), so that a loop ends.
const maxSymlinks = 40

// resolve returns the name that name, relative to the root, stands for
// once every symlink in it is followed: the physical path relative to the
// root. It fails with errHidden if any element it passes through starts
// with a dot, and with errEscapes if a symlink is absolute or climbs above
// the root. requestName already refuses dot names in the URL; this refuses
// them behind a symlink too ("config -> .git/config"), which os.Root alone
// would follow, since it only keeps names inside the root.
//
// It looks at the file system through the os.Root, and opening the result
// goes through it again, so a symlink swapped in between can still not
// reach outside the root.
func (h *fileHandler) resolve(name string) (string, error) {
	var done []string // elements resolved so far, none a symlink
	todo := strings.Split(filepath.ToSlash(name), "/")
	links := 0
	for len(todo) > 0 {
		elem := todo[0]
		todo = todo[1:]
		switch {
		case elem == "" || elem == ".":
			continue
		case elem == "..":
			if len(done) == 0 {
				return "", errEscapes
			}
			done = done[:len(done)-1]
			continue
		case elem[0] == '.':
			return "", errHidden
		}
		next := filepath.Join(filepath.Join(done...), elem)
		fi, err := h.root.Lstat(next)
		if err != nil {
			return "", err
		}
		if fi.Mode().Type() != fs.ModeSymlink {
			done = append(done, elem)
			continue
		}
		if links++; links > maxSymlinks {
			return "", errLoop
		}
		target, err := h.root.Readlink(next)
		if err != nil {
			return "", err
		}
		target = filepath.ToSlash(target)
		if strings.HasPrefix(target, "/") || filepath.VolumeName(target) != "" {
			return "", errEscapes
		}
		// The target replaces the link, relative to the link's folder.
		todo = append(strings.Split(target, "/"), todo...)
	}
	if len(done) == 0 {
		return ".", nil
	}
	return filepath.Join(done...), nil
}
