package web

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

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

// agencyProvinces gives casework's deadline sweep the province of an agency, for its office hours.
type agencyProvinces struct{ cat *catalogue.Service }

func (a agencyProvinces) AgencyProvince(ctx context.Context, code string) (string, error) {
	agency, err := a.cat.Agency(ctx, code)
	if err != nil {
		return "", err
	}
	return agency.ProvinceCode, nil
}

// caseNotifier turns casework's changes into citizen notifications, in the same transaction.
type caseNotifier struct {
	cat    *catalogue.Service
	notify *notify.Service
}

func (n caseNotifier) CaseChanged(ctx context.Context, tx pgx.Tx, ch casework.Change) error {
	c := notify.Change{CaseID: ch.CaseID, CaseCode: ch.CaseCode, CitizenID: ch.CitizenID, ProcedureCode: ch.ProcedureCode,
		FromStatus: int(ch.FromStatus), ToStatus: int(ch.ToStatus), Reason: ch.Reason, DueOn: ch.DueOn, EventID: ch.EventID,
		DraftDueAt: ch.DraftDueAt}
	if p, err := n.cat.Get(ctx, ch.ProcedureCode); err == nil {
		c.ProcedureNameVI, c.ProcedureNameEN = p.NameVI, p.NameEN
	}
	if ch.Action == casework.RequestPayment && ch.Amount > 0 {
		c.Reason = fmt.Sprintf("%s – %d đồng", c.Reason, ch.Amount)
	}
	return n.notify.CaseChanged(ctx, tx, c)
}

// dueReminder hands casework's deadline sweep to notify, which writes the reminders.
type dueReminder struct{ reminders *notify.Reminders }

func (r dueReminder) RemindOfficers(ctx context.Context, agency string, due []casework.CaseRef) error {
	cases := make([]notify.DueCase, len(due))
	for i, c := range due {
		cases[i] = notify.DueCase{Code: c.Code, ProcedureCode: c.ProcedureCode, DueOn: c.DueOn}
	}
	return r.reminders.RemindOfficers(ctx, agency, cases)
}

var _ casework.Reminder = dueReminder{}
