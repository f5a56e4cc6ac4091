package notify

import (
	"context"
	"fmt"
	"net/mail"
	"time"

	"github.com/motlan/portal/services/spool"
)

// NewDirMailer returns a development mailer that writes each message as an RFC 5322 .eml file
// into dir (created when missing), named by its MessageID. Sending a MessageID again leaves the
// existing file as it is, like a server that drops a duplicate.
func NewDirMailer(dir string) Mailer { return dirMailer{dir: spool.Dir(dir)} }

type dirMailer struct{ dir spool.Dir }

var devFrom = &mail.Address{Name: "Một Lần", Address: "no-reply@localhost"}

func (d dirMailer) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	raw, err := compose(devFrom, m, "localhost", time.Now())
	if err != nil {
		return err
	}
	if err := d.dir.WriteOnce(m.MessageID, ".eml", raw); err != nil {
		return fmt.Errorf("notify: mail: %w", err)
	}
	return nil
}
