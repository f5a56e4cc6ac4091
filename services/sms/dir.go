package sms

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/motlan/portal/services/spool"
)

// NewDirGateway returns the development gateway: each message becomes a text file in dir
// (created when missing), named by its ID, holding a "To:" line, a blank line and the text.
// Sending an ID again leaves the file as it is, like a gateway that drops a duplicate.
func NewDirGateway(dir string) Gateway { return dirGateway{dir: spool.Dir(dir)} }

type dirGateway struct{ dir spool.Dir }

func (d dirGateway) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if m.ID == "" || m.To == "" {
		return errors.New("sms: message without ID or recipient")
	}
	body := fmt.Sprintf("To: %s\n\n%s\n", strings.TrimSpace(m.To), m.Text)
	if err := d.dir.WriteOnce(m.ID, ".txt", []byte(body)); err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	return nil
}
