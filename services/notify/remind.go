package notify

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Officers finds whom a reminder goes to: the addresses of an agency's active officers and
// supervisors (services/staff).
type Officers interface {
	OfficerEmails(ctx context.Context, agency string) ([]string, error)
}

// DueCase is a case an agency's officers are reminded of.
type DueCase struct {
	Code          string
	ProcedureCode string
	DueOn         time.Time
}

// Reminders emails agencies' officers the list of their cases due soon. The deadline sweep
// (services/casework) decides which cases; Reminders decides who hears of them and what the
// email says.
type Reminders struct {
	notify   *Service
	officers Officers
}

// NewReminders returns the reminders, written through svc's outbox to the officers that
// officers names.
func NewReminders(svc *Service, officers Officers) *Reminders {
	return &Reminders{notify: svc, officers: officers}
}

// RemindOfficers queues one email to each of the agency's officers listing the cases due, in
// its own transaction. An agency without officers with an address gets nothing, and no error.
// The outbox key holds the agency and the day, so a second reminder the same day sends nothing
// more.
func (r *Reminders) RemindOfficers(ctx context.Context, agency string, due []DueCase) error {
	if len(due) == 0 {
		return nil
	}
	to, err := r.officers.OfficerEmails(ctx, agency)
	if err != nil {
		return fmt.Errorf("notify: remind %s: %w", agency, err)
	}
	if len(to) == 0 {
		return nil
	}
	subject, body := reminderText(due)
	key := "remind:" + agency + ":" + r.notify.now().Format("2006-01-02")

	tx, err := r.notify.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("notify: remind %s: %w", agency, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := r.notify.RemindStaff(ctx, tx, to, subject, body, key); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("notify: remind %s: %w", agency, err)
	}
	return nil
}

// reminderText is the email of a reminder, in Vietnamese and English: one line per case.
func reminderText(due []DueCase) (subject, body string) {
	var b strings.Builder
	b.WriteString("Các hồ sơ sắp đến hạn / Cases due soon:\n\n")
	for _, c := range due {
		fmt.Fprintf(&b, "- %s (%s): hạn / due %s\n", c.Code, c.ProcedureCode, c.DueOn.Format("02/01/2006"))
	}
	return fmt.Sprintf("[Một Lần] %d hồ sơ sắp đến hạn / cases due soon", len(due)), b.String()
}
