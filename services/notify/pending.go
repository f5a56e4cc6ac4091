package notify

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/pipeline"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/notify/internal/notifydb"
)

// Pending is a case change prepared before its case is written (PrepareCaseChange): once the
// case has its id, its code and its first event, Queue queues the change's rows in the pipeline
// of the case's writes.
type Pending interface {
	Queue(ctx context.Context, p *pipeline.Pipeline, caseID int64, code string, eventID int64) error
}

// PrepareCaseChange does, for a change whose case is not written yet (c has no CaseID, CaseCode
// or EventID), the part of CaseChanged that needs no case: it reads the citizen's contact (unless
// c carries it), reserves the ids of the email's and the text message's outbox rows, and queues
// their River jobs in tx. The rows themselves (and the in-app notification) wait for the
// Pending's Queue. A submission prepares its notice before it takes its agency's case-code
// counter, so that after the counter everything it writes goes in one round trip. The jobs are
// in tx: they exist only if tx commits, and then with their rows.
func (s *Service) PrepareCaseChange(ctx context.Context, tx pgx.Tx, c Change) (Pending, error) {
	const op = "notify.PrepareCaseChange"
	if c.CitizenID <= 0 || c.CaseID != 0 || c.EventID != 0 || c.CaseCode != "" {
		return nil, fault.New(fault.EINVALID, "error.invalid", op)
	}
	t, err := render(c) // for its kind: the texts are rendered again with the code
	if err != nil {
		return nil, fault.Wrap(fault.EINVALID, "error.invalid", op, err)
	}
	who, err := citizens.ContactOf(ctx, tx, c.CitizenID)
	if err != nil {
		return nil, fmt.Errorf("notify: prepare: %w", err)
	}
	_, texted := smsText[t.kind]
	pend := &pending{s: s, change: c, contact: who}
	email, sms := who.Email != "", who.Phone != "" && texted
	if !email && !sms {
		return pend, nil
	}
	ids, err := notifydb.New(tx).OutboxIDsReserve(ctx, email, sms)
	if err != nil {
		return nil, fmt.Errorf("notify: prepare: outbox ids: %w", err)
	}
	pend.emailID, pend.smsID = ids.EmailID, ids.SmsID
	if pend.emailID > 0 {
		if _, err := s.inserter.InsertTx(ctx, tx, SendEmailArgs{OutboxID: pend.emailID}, nil); err != nil {
			return nil, fmt.Errorf("notify: prepare: enqueue outbox %d: %w", pend.emailID, err)
		}
	}
	if pend.smsID > 0 {
		if _, err := s.inserter.InsertTx(ctx, tx, SendSMSArgs{OutboxID: pend.smsID}, nil); err != nil {
			return nil, fmt.Errorf("notify: prepare: enqueue sms outbox %d: %w", pend.smsID, err)
		}
	}
	return pend, nil
}

// pending is PrepareCaseChange's Pending.
type pending struct {
	s       *Service
	change  Change
	contact citizens.Contact
	emailID int64 // 0: no email
	smsID   int64 // 0: no text message
	queued  bool
}

// Queue queues, in p, the notification and the outbox rows whose jobs PrepareCaseChange queued,
// with the texts CaseChanged would write. Their errors are p's (Close); one is a conflict on an
// outbox key, which a new event cannot have (CaseChanged's rows for an event already written
// are skipped instead). A Pending is queued once.
func (pend *pending) Queue(ctx context.Context, p *pipeline.Pipeline, caseID int64, code string, eventID int64) error {
	const op = "notify.Queue"
	if pend.queued || caseID <= 0 || eventID <= 0 || code == "" {
		return fault.New(fault.EINVALID, "error.invalid", op)
	}
	pend.queued = true
	c := pend.change
	c.CaseID, c.CaseCode, c.EventID = caseID, code, eventID
	t, err := render(c)
	if err != nil {
		return fault.Wrap(fault.EINVALID, "error.invalid", op, err)
	}
	now := pend.s.now().UTC()
	link := caseLink(c.CaseCode)
	queueNotification(ctx, p, c, t, link, now)
	key := outboxKey(c)
	q := notifydb.New(p)
	if pend.emailID > 0 {
		q.OutboxInsertReserved(ctx, []notifydb.OutboxInsertReservedParams{{ID: pend.emailID, ToAddress: pend.contact.Email,
			Subject: emailSubject(t), BodyText: emailBody(t, pend.contact.FullName, pend.s.baseURL+link), DedupeKey: key, CreatedAt: now}})
	}
	if pend.smsID > 0 {
		text := caseSMS(t, c, pend.s.baseURL+link)
		if text == "" { // smsText has the kind: cannot happen, but a job without its row must not commit
			return fmt.Errorf("notify: case %s: no text message for kind %s", code, t.kind)
		}
		q.SMSOutboxInsertReserved(ctx, []notifydb.SMSOutboxInsertReservedParams{{ID: pend.smsID, ToNumber: pend.contact.Phone,
			BodyText: text, DedupeKey: key, CreatedAt: now}})
	}
	return nil
}
