package web

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/notify"
	staffdir "github.com/motlan/portal/services/staff"
)

// Small adapters between services, so none of them imports another it need not know.

// processingDays gives casework the catalogue's legal processing times.
type processingDays struct{ cat *catalogue.Service }

func (p processingDays) ProcessingDays(ctx context.Context, code string) (int, error) {
	proc, err := p.cat.Get(ctx, code)
	if err != nil {
		return 0, err
	}
	return proc.ProcessingDays, nil
}

// caseNotifier turns casework's changes into citizen notifications, in the same transaction.
type caseNotifier struct {
	cat    *catalogue.Service
	notify *notify.Service
}

func (n caseNotifier) CaseChanged(ctx context.Context, tx pgx.Tx, ch casework.Change) error {
	c := notify.Change{CaseID: ch.CaseID, CaseCode: ch.CaseCode, CitizenID: ch.CitizenID, ProcedureCode: ch.ProcedureCode,
		FromStatus: ch.FromStatus, ToStatus: ch.ToStatus, Reason: ch.Reason, DueOn: ch.DueOn, EventID: ch.EventID}
	if p, err := n.cat.Get(ctx, ch.ProcedureCode); err == nil {
		c.ProcedureNameVI, c.ProcedureNameEN = p.NameVI, p.NameEN
	}
	if ch.Action == casework.RequestPayment && ch.Amount > 0 {
		c.Reason = fmt.Sprintf("%s – %d đồng", c.Reason, ch.Amount)
	}
	return n.notify.CaseChanged(ctx, tx, c)
}

// reminder emails an agency's officers about their cases due soon (through the outbox).
type reminder struct {
	pool      *pgxpool.Pool
	directory *staffdir.Service
	notify    *notify.Service
	now       func() time.Time
}

func (r reminder) RemindOfficers(ctx context.Context, agency string, due []casework.CaseRef) error {
	to, err := r.directory.OfficerEmails(ctx, agency)
	if err != nil || len(to) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString("Các hồ sơ sắp đến hạn / Cases due soon:\n\n")
	for _, c := range due {
		fmt.Fprintf(&b, "- %s (%s): hạn / due %s\n", c.Code, c.ProcedureCode, c.DueOn.Format("02/01/2006"))
	}
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("reminder: %w", err)
	}
	defer tx.Rollback(ctx)
	err = r.notify.RemindStaff(ctx, tx, to, fmt.Sprintf("[Một Lần] %d hồ sơ sắp đến hạn / cases due soon", len(due)), b.String(),
		"remind:"+agency+":"+r.now().Format("2006-01-02"))
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}
