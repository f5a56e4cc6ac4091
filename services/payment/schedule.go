package payment

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
)

// scheduleRequester names the portal as who asked for a schedule item.
const scheduleRequester = "system"

// AddScheduleItemsTx records, inside the submission's transaction, the items the procedure's
// fee schedule makes due with an online application in the case's province: charges other than
// taxes, not exempt, with a known positive amount. Idempotent per case and schedule item.
func (s *Service) AddScheduleItemsTx(ctx context.Context, tx pgx.Tx, caseID int64) error {
	const op = "payment.schedule"
	c, err := s.deps.Cases.Get(ctx, tx, caseID)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	province := ""
	if s.deps.ProvinceOf != nil {
		if province, err = s.deps.ProvinceOf(ctx, c.AgencyCode); err != nil {
			return fmt.Errorf("%s: province of %s: %w", op, c.AgencyCode, err)
		}
	}
	fees, err := s.deps.Fees.Fees(ctx, c.ProcedureCode, province, catalogue.ChannelOnline, c.SubmittedAt)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	st, now := storeOf(tx), s.cfg.Now()
	for _, f := range fees {
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
