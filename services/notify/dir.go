package notify

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// NewDirMailer returns a development mailer that writes each message as an RFC 5322 .eml file
// into dir (created when missing), named by its MessageID. Sending a MessageID again leaves the
// existing file as it is, like a server that drops a duplicate.
func NewDirMailer(dir string) Mailer { return dirMailer{dir: dir} }

type dirMailer struct{ dir string }

var devFrom = &mail.Address{Name: "Một Lần", Address: "no-reply@localhost"}

func (d dirMailer) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	raw, err := compose(devFrom, m, "localhost", time.Now())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.dir, 0o750); err != nil {
		return fmt.Errorf("notify: mail dir: %w", err)
	}
	path := filepath.Join(d.dir, fileName(m.MessageID)+".eml")
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("notify: mail dir: %w", err)
	}
	// Write aside, then rename: a reader never sees half a message.
	tmp, err := os.CreateTemp(d.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("notify: mail dir: %w", err)
	}
	// After the rename there is nothing left to remove; before it, the error being returned
	// already says what went wrong, and a stray .tmp-* file is harmless.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(raw); err != nil {
		_ = tmp.Close() // the write error is the one worth reporting
		return fmt.Errorf("notify: mail dir: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("notify: mail dir: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("notify: mail dir: %w", err)
	}
	return nil
}

// fileName keeps letters, digits and . _ - @ of a Message-ID, so it cannot leave the folder.
func fileName(id string) string {
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
