package notify

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Mailer delivers one email.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// Message is a plain-text email. MessageID is stable for one outbox row (the left part of the
// Message-ID header, e.g. "outbox-42"; the mailer adds "@domain" when it has no "@"), so a
// retried send carries the same ID and duplicates can be recognised.
type Message struct {
	To, Subject, Body, MessageID string
}

// compose renders m as an RFC 5322 message: UTF-8, quoted-printable body, encoded-word subject,
// CRLF line ends. from is the header value; domain completes a MessageID without "@".
func compose(from *mail.Address, m Message, domain string, date time.Time) ([]byte, error) {
	to, err := parseAddress(m.To)
	if err != nil {
		return nil, err
	}
	if m.MessageID == "" {
		return nil, fmt.Errorf("notify: message to %s has no Message-ID", to)
	}
	id := m.MessageID
	if !strings.Contains(id, "@") {
		id += "@" + domain
	}
	if strings.ContainsAny(id, "<> \t\r\n") {
		return nil, fmt.Errorf("notify: bad Message-ID %q", m.MessageID)
	}
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String())
	header("To", (&mail.Address{Address: to}).String())
	header("Subject", encodeSubject(m.Subject))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", "<"+id+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(m.Body, "\r\n", "\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	return b.Bytes(), nil
}

// encodeSubject returns the subject as RFC 2047 encoded-words when it is not plain ASCII,
// folded between words so that no header line gets too long.
func encodeSubject(s string) string {
	s = strings.Join(strings.Fields(s), " ") // no CR or LF can reach the header
	enc := mime.QEncoding.Encode("UTF-8", s)
	if enc == s {
		return s
	}
	// Encoded words carry their spaces as "_": the only spaces are between words.
	return strings.ReplaceAll(enc, " ", "\r\n ")
}

// NewLogMailer returns a mailer that only logs what it would send (recipient, subject,
// Message-ID), for development and tests without a mail folder.
func NewLogMailer(log *slog.Logger) Mailer { return logMailer{log: log} }

type logMailer struct{ log *slog.Logger }

func (l logMailer) Send(ctx context.Context, m Message) error {
	l.log.InfoContext(ctx, "email not sent (log mailer)", "to", m.To, "subject", m.Subject, "message_id", m.MessageID)
	return nil
}
