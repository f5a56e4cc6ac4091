package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// NewSMTPMailer returns a mailer that submits each message to the server at addr (host:port)
// as from (e.g. "Một Lần <no-reply@motlan.gov.vn>"). It upgrades the connection with STARTTLS
// when the server offers it, and authenticates with PLAIN when user is set — which net/smtp
// refuses over an unencrypted connection to anything but localhost. A bad from is reported by
// every Send; check it at start-up with mail.ParseAddress.
func NewSMTPMailer(addr, from, user, password string) Mailer {
	m := &smtpMailer{addr: addr, user: user, password: password}
	m.from, m.err = mail.ParseAddress(from)
	if m.err != nil {
		m.err = fmt.Errorf("notify: SMTP_FROM %q: %w", from, m.err)
	}
	return m
}

type smtpMailer struct {
	addr, user, password string
	from                 *mail.Address
	err                  error
}

func (s *smtpMailer) Send(ctx context.Context, m Message) error {
	if s.err != nil {
		return s.err
	}
	domain := s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	raw, err := compose(s.from, m, domain, time.Now())
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(s.addr)
	if err != nil {
		return fmt.Errorf("notify: SMTP_ADDR %q: %w", s.addr, err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("notify: smtp dial: %w", err)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(time.Minute)
	}
	if err := conn.SetDeadline(deadline); err != nil {
		_ = conn.Close() // the deadline error is the one worth reporting
		return fmt.Errorf("notify: smtp deadline: %w", err)
	}
	// A cancelled context unblocks any read or write in progress. The error is dropped: it can
	// only mean the connection is already closed, and then nothing is left to unblock.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, host)
	if err != nil {
		_ = conn.Close() // the greeting error is the one worth reporting
		return fmt.Errorf("notify: smtp: %w", err)
	}
	// After QUIT the connection is already closed; on an earlier failure the error being
	// returned says what went wrong. Either way Close has nothing to add.
	defer func() { _ = c.Close() }()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return fmt.Errorf("notify: smtp starttls: %w", err)
		}
	}
	if s.user != "" {
		if err := c.Auth(smtp.PlainAuth("", s.user, s.password, host)); err != nil {
			return fmt.Errorf("notify: smtp auth: %w", err)
		}
	}
	to, err := parseAddress(m.To)
	if err != nil {
		return err
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("notify: smtp mail from: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("notify: smtp rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("notify: smtp data: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("notify: smtp data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("notify: smtp data: %w", err)
	}
	// The server has accepted the message: a failed QUIT must not make the job send it again.
	_ = c.Quit()
	return nil
}
