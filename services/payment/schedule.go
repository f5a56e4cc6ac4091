package payment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
)

// scheduleRequester names the portal as who asked for a schedule item.
const scheduleRequester = "system"

// DueWithApplication is what the procedure's fee schedule makes due with an online application
// to an agency of provinceCode on a day: charges other than taxes, not exempt, with a known
// positive amount. It reads on the pool: call it before a transaction, not inside one
// (cases.Charges says why); DueWithApplicationTx reads in one.
func (s *Service) DueWithApplication(ctx context.Context, procedureCode, provinceCode string, on time.Time) ([]catalogue.Fee, error) {
	return dueWithApplicationOf(ctx, s.deps.Fees, procedureCode, provinceCode, on)
}

// TxFees is a fee schedule that can be read in a caller's transaction (*catalogue.Service).
type TxFees interface {
	In(tx pgx.Tx) catalogue.InTx
}

// DueWithApplicationTx is DueWithApplication read in tx, the submission's transaction, when the
// schedule can be (TxFees): the read takes no other connection of the pool and no transaction
// of its own.
func (s *Service) DueWithApplicationTx(ctx context.Context, tx pgx.Tx, procedureCode, provinceCode string, on time.Time) ([]catalogue.Fee, error) {
	fees := s.deps.Fees
	if f, ok := fees.(TxFees); ok {
		fees = f.In(tx)
	}
	return dueWithApplicationOf(ctx, fees, procedureCode, provinceCode, on)
}

func dueWithApplicationOf(ctx context.Context, schedule Fees, procedureCode, provinceCode string, on time.Time) ([]catalogue.Fee, error) {
	fees, err := schedule.Fees(ctx, procedureCode, provinceCode, catalogue.ChannelOnline, on)
	if err != nil {
		return nil, fmt.Errorf("payment: charges of %s in %q: %w", procedureCode, provinceCode, err)
	}
	var due []catalogue.Fee
	for _, f := range fees {
		if dueWithApplication(f) {
			due = append(due, f)
		}
	}
	return due, nil
}

// RecordTx records, inside the submission's transaction, the items DueWithApplication gave for
// the case. Idempotent per case and schedule item.
func (s *Service) RecordTx(ctx context.Context, tx pgx.Tx, caseID int64, due []catalogue.Fee) error {
	const op = "payment.schedule"
	c, err := s.deps.Cases.Get(ctx, tx, caseID)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	st, now := storeOf(tx), s.cfg.Now()
	for _, f := range due {
		if !dueWithApplication(f) {
			continue
		}
		it, added, err := st.addItem(ctx, newItem{caseID: c.ID, caseCode: c.Code, agency: c.AgencyCode, citizenID: c.CitizenID,
			kind: f.Kind, name: bilingual(f.Name), recipient: recipientOf(f), amount: *f.AmountVND,
			reason: strings.TrimSpace(f.LegalBasis.VI), source: SourceSchedule, by: scheduleRequester, scheduleItem: f.Item, at: now})
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if !added {
			continue
		}
		err = st.event(ctx, now, event{kind: evItemRequested, source: srcSystem, itemID: it.ID, caseID: c.ID,
			detail: map[string]any{"schedule_item": f.Item, "amount_vnd": it.AmountVnd, "kind": it.Kind}})
		if err != nil {
			return err
		}
	}
	return nil
}

// dueWithApplication is the rule of a charge paid with an online application: not a tax (the
// tax authority notifies those later), not exempt, with a known amount above zero, within
// what an item may be.
func dueWithApplication(f catalogue.Fee) bool {
	return !f.Tax() && !f.Exempt && f.AmountVND != nil && *f.AmountVND > 0 && *f.AmountVND <= MaxAmountVND
}

// recipientOf is who collects a charge; the agency handling the case when the schedule does
// not say.
func recipientOf(f catalogue.Fee) forms.Text {
	if strings.TrimSpace(f.Recipient.VI) == "" {
		return forms.Text{VI: "Cơ quan giải quyết hồ sơ", EN: "The agency handling the case"}
	}
	return bilingual(f.Recipient)
}

// bilingual trims a text and gives its English the Vietnamese when it has none.
func bilingual(t forms.Text) forms.Text {
	t.VI, t.EN = strings.TrimSpace(t.VI), strings.TrimSpace(t.EN)
	if t.EN == "" {
		t.EN = t.VI
	}
	return t
}
