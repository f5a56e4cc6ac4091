package web

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/notify"
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

// officers tells casework who may be assigned an agency's cases (the staff directory).
type officers struct{ pool *pgxpool.Pool }

func (o officers) Officer(ctx context.Context, agency, login string) (string, bool, error) {
	var name string
	err := o.pool.QueryRow(ctx, `SELECT full_name FROM staff WHERE login = $1 AND agency_code = $2 AND disabled_at IS NULL
		AND roles && ARRAY['officer', 'supervisor']`, login, agency).Scan(&name)
	if err == pgx.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("officers: %w", err)
	}
	return name, true, nil
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
