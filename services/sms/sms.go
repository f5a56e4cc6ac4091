// Package sms sends text messages through a gateway. The portal knows a gateway only by the
// Gateway interface: in development a sink writes each message to a file (like the mail folder),
// and a real gateway is another implementation chosen by configuration. Messages are written in
// Vietnamese without diacritics (Text), so each fits GSM-7: 160 characters a segment instead of
// UCS-2's 70, which is how Vietnamese carriers' brandname SMS are usually sent and billed, and
// which every handset shows.
package sms

import (
	"context"
	"log/slog"
)

// Message is one text message. ID is stable for one outbox row (e.g. "sms-42"), so a retried
// send carries the same ID and a gateway or sink can drop a duplicate.
type Message struct {
	ID   string
	To   string // +84xxxxxxxxx
	Text string // GSM-7 (Text makes it so)
}

// Gateway delivers one text message.
type Gateway interface {
	Send(ctx context.Context, m Message) error
}

// NewLogGateway returns a gateway that only logs what it would send (the recipient and ID, not
// the text, which may hold a code).
func NewLogGateway(log *slog.Logger) Gateway { return logGateway{log: log} }

type logGateway struct{ log *slog.Logger }

func (l logGateway) Send(ctx context.Context, m Message) error {
	l.log.InfoContext(ctx, "sms not sent (log gateway)", "to", m.To, "id", m.ID)
	return nil
}
