// Package spool writes development messages (mails, text messages) into a folder, one file per
// message, the way the real gateways they stand for receive them: each message once, whole.
package spool

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Dir is a spool folder, created when missing.
type Dir string

// WriteOnce writes body as the file named by id (cleaned, so it stays in the folder) and ext.
// Writing an id again leaves the existing file as it is, like a gateway that drops a duplicate;
// the file is written aside and renamed, so a reader never sees half a message.
func (d Dir) WriteOnce(id, ext string, body []byte) error {
	dir := string(d)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("spool %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName(id)+ext)
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("spool %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("spool %s: %w", dir, err)
	}
	// After the rename there is nothing left to remove; before it, the error being returned
	// already says what went wrong, and a stray .tmp-* file is harmless.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(body); err != nil {
		_ = tmp.Close() // the write error is the one worth reporting
		return fmt.Errorf("spool %s: %w", dir, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("spool %s: %w", dir, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("spool %s: %w", dir, err)
	}
	return nil
}

// FileName keeps letters, digits and . _ - @ of an id, so it cannot leave the folder.
func FileName(id string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '@', r == '.':
			return r
		}
		return '_'
	}, id)
	if name = strings.TrimLeft(name, "."); name == "" {
		name = "_"
	}
	return name
}
