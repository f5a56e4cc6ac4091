package sms

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// NewDirGateway returns the development gateway: each message becomes a text file in dir
// (created when missing), named by its ID, holding a "To:" line, a blank line and the text.
// Sending an ID again leaves the file as it is, like a gateway that drops a duplicate.
func NewDirGateway(dir string) Gateway { return dirGateway{dir: dir} }

type dirGateway struct{ dir string }

func (d dirGateway) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if m.ID == "" || m.To == "" {
		return errors.New("sms: message without ID or recipient")
	}
	if err := os.MkdirAll(d.dir, 0o750); err != nil {
		return fmt.Errorf("sms: dir: %w", err)
	}
	path := filepath.Join(d.dir, fileName(m.ID)+".txt")
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sms: dir: %w", err)
	}
	tmp, err := os.CreateTemp(d.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("sms: dir: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // nothing left after the rename
	if _, err := fmt.Fprintf(tmp, "To: %s\n\n%s\n", strings.TrimSpace(m.To), m.Text); err != nil {
		_ = tmp.Close() // the write error is the one worth reporting
		return fmt.Errorf("sms: dir: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("sms: dir: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("sms: dir: %w", err)
	}
	return nil
}

// fileName keeps letters, digits and . _ - of an ID, so it cannot leave the folder.
func fileName(id string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			return r
		}
		return '_'
	}, id)
	if name = strings.TrimLeft(name, "."); name == "" {
		name = "_"
	}
	return name
}
