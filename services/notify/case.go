package notify

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/pipeline"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/notify/internal/notifydb"
)

// Change is a status change of a case, as the cases service records it in case_events.
type Change struct {
	CaseID          int64
	CaseCode        string
	CitizenID       int64 // the case's owner, who is notified
	ProcedureCode   string
	ProcedureNameVI string
	ProcedureNameEN string
	FromStatus      int // 0 for the first event
	ToStatus        int // 1–10; equal to FromStatus for an apology with a new due date
	Reason          string
	DueOn           *time.Time // the (new) due date, shown where the status makes it relevant
	DraftDueAt      *time.Time // a draft of the result was sent (same status): the applicant answers by then
	EventID         int64      // the case_events row: makes the email idempotent
}

// CaseChanged tells the case's owner about c, inside the caller's transaction tx (the one that
// writes the case event): an in-app notification always, an email through the outbox when the
// citizen has a verified address, and a text message when they have a verified mobile number and
// the change needs them (smsText). Calling it again for the same event adds nothing.
func (s *Service) CaseChanged(ctx context.Context, tx pgx.Tx, c Change) error {
	const op = "notify.CaseChanged"
	if c.CaseID <= 0 || c.CitizenID <= 0 || c.EventID <= 0 || c.CaseCode == "" {
		return fault.New(fault.EINVALID, "error.invalid", op)
	}
	t, err := render(c)
	if err != nil {
		return fault.Wrap(fault.EINVALID, "error.invalid", op, err)
	}
	now := s.now().UTC()
	link := caseLink(c.CaseCode)
	p := pipeline.New(tx)
	queueNotification(ctx, p, c, t, link, now)
	p.Send(ctx)
	if err := p.Close(); err != nil {
		return fmt.Errorf("notify: case %s event %d: notification: %w", c.CaseCode, c.EventID, err)
	}

	who, err := citizens.ContactOf(ctx, tx, c.CitizenID)
	if err != nil {
		return fmt.Errorf("notify: case %s: %w", c.CaseCode, err)
	}
	key := outboxKey(c)
	if who.Email != "" {
		if err := s.queue(ctx, tx, who.Email, emailSubject(t), emailBody(t, who.FullName, s.baseURL+link), key, now); err != nil {
			return fmt.Errorf("notify: case %s event %d: %w", c.CaseCode, c.EventID, err)
		}
	}
	if text := caseSMS(t, c, s.baseURL+link); who.Phone != "" && text != "" {
		if err := s.queueSMS(ctx, tx, who.Phone, text, key, now); err != nil {
			return fmt.Errorf("notify: case %s event %d: %w", c.CaseCode, c.EventID, err)
		}
	}
	return nil
}

// queueNotification queues c's in-app notification in p.
func queueNotification(ctx context.Context, p *pipeline.Pipeline, c Change, t texts, link string, now time.Time) {
	notifydb.New(p).NotificationInsert(ctx, []notifydb.NotificationInsertParams{{CitizenID: c.CitizenID, CaseID: &c.CaseID,
		CaseEventID: &c.EventID, Kind: t.kind, TitleVi: t.titleVI, TitleEn: t.titleEN, BodyVi: t.bodyVI, BodyEn: t.bodyEN,
		Link: link, CreatedAt: now}})
}

// caseLink is the path of the case's page, which every message of a change links to.
func caseLink(code string) string { return "/cases/" + url.PathEscape(code) }

// outboxKey is the outbox key of c's email and text message: one of each per case event.
func outboxKey(c Change) string { return fmt.Sprintf("case:%d:event:%d", c.CaseID, c.EventID) }

// RemindStaff queues one email to each address in to (a reminder of cases due soon, say),
// inside the caller's transaction. The outbox key of each is dedupeKey + ":" + the address, so
// running the same reminder twice sends it once to each person.
func (s *Service) RemindStaff(ctx context.Context, tx pgx.Tx, to []string, subject, body, dedupeKey string) error {
	const op = "notify.RemindStaff"
	if dedupeKey == "" || strings.TrimSpace(subject) == "" {
		return fault.New(fault.EINVALID, "error.invalid", op)
	}
	now := s.now().UTC()
	for _, raw := range to {
		addr, err := parseAddress(raw)
		if err != nil {
			return fault.Wrap(fault.EINVALID, "error.invalid", op, err)
		}
		if err := s.queue(ctx, tx, addr, subject, body, dedupeKey+":"+strings.ToLower(addr), now); err != nil {
			return fmt.Errorf("notify: remind %s: %w", dedupeKey, err)
		}
	}
	return nil
}

// queue writes an outbox row and, when the row is new, the River job that sends it.
func (s *Service) queue(ctx context.Context, tx pgx.Tx, to, subject, body, key string, now time.Time) error {
	id, err := notifydb.New(tx).OutboxInsert(ctx, notifydb.OutboxInsertParams{ToAddress: to, Subject: subject,
		BodyText: body, DedupeKey: key, CreatedAt: now})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // already queued, with its job
	}
	if err != nil {
		return fmt.Errorf("outbox %s: %w", key, err)
	}
	if _, err := s.inserter.InsertTx(ctx, tx, SendEmailArgs{OutboxID: id}, nil); err != nil {
		return fmt.Errorf("enqueue outbox %d: %w", id, err)
	}
	return nil
}

// parseAddress accepts a bare address ("a@b.vn") or a named one ("An <a@b.vn>") and returns
// the bare address.
func parseAddress(raw string) (string, error) {
	a, err := mail.ParseAddress(raw)
	if err != nil {
		return "", fmt.Errorf("address %q: %w", raw, err)
	}
	if strings.ContainsAny(a.Address, " \t\r\n") {
		return "", fmt.Errorf("address %q: white space", raw)
	}
	return a.Address, nil
}
