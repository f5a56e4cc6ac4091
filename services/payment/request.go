package payment

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/payment/internal/paydb"
)

// Limits of an item.
const (
	MaxItemText  = 200               // runes of a name or a recipient
	MaxAmountVND = 1_000_000_000_000 // đồng, one item
	MaxItems     = 20                // items in one request
)

// systemActor is who moves a case on when its last item is paid or waived: the payment
// platform, not a person (casework.ConfirmPayment is a system step).
var systemActor = casework.Actor{Kind: casework.KindSystem, ID: "payment", Name: "Cổng thanh toán"}

// checkItems validates what an officer asks for and returns it cleaned: trimmed, the English
// filled from the Vietnamese where left empty.
func checkItems(items []NewItem) ([]NewItem, error) {
	const op = "payment.items"
	if len(items) > MaxItems {
		return nil, fault.New(fault.EINVALID, MsgItemInvalid, op)
	}
	out := make([]NewItem, len(items))
	for i, it := range items {
		name := bilingual(forms.Text{VI: it.NameVI, EN: it.NameEN})
		recipient := bilingual(forms.Text{VI: it.RecipientVI, EN: it.RecipientEN})
		switch {
		case !slices.Contains(catalogue.FeeKinds(), it.Kind),
			!textOK(name.VI), !textOK(name.EN), !textOK(recipient.VI), !textOK(recipient.EN),
			it.AmountVND < 1 || it.AmountVND > MaxAmountVND:
			return nil, fault.New(fault.EINVALID, MsgItemInvalid, op)
		}
		out[i] = NewItem{Kind: it.Kind, NameVI: name.VI, NameEN: name.EN, RecipientVI: recipient.VI,
			RecipientEN: recipient.EN, AmountVND: it.AmountVND}
	}
	return out, nil
}

func textOK(s string) bool { return s != "" && utf8.RuneCountInString(s) <= MaxItemText }

// Request is an officer's request for payment (casework.RequestPayment, 4 → 6) with its items
// and reason, in one transaction: the case's step and its items commit together. The case's
// amount is the sum of the items still due, the new ones included. A request without new items
// is allowed when items are due already (the fee due with the application); without either it
// is refused (MsgNoItems). Who may ask, in which status, at which version: casework decides.
func (s *Service) Request(ctx context.Context, a casework.Actor, caseID int64, version int, reason string, items []NewItem) (cases.Case, error) {
	const op = "payment.request"
	clean, err := checkItems(items)
	if err != nil {
		return cases.Case{}, err
	}
	var out cases.Case
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The case's lock first, so the items due are read as the step will leave them.
		c, err := s.deps.Cases.Lock(ctx, tx, caseID)
		if err != nil {
			return err
		}
		st := storeOf(tx)
		n, total, err := st.due(ctx, caseID)
		if err != nil {
			return err
		}
		for _, it := range clean {
			total += it.AmountVND
		}
		// Without any amount, casework still judges the actor, the status and the version
		// first; its refusal of the amount is then ours of the items.
		out, err = s.deps.Casework.DoTx(ctx, tx, a, caseID, version, casework.RequestPayment,
			casework.Input{Reason: reason, Amount: total})
		if n == 0 && len(clean) == 0 && fault.Message(err) == casework.MsgAmount {
			return fault.New(fault.EINVALID, MsgNoItems, op)
		}
		if err != nil {
			return err
		}
		now := s.cfg.Now()
		for _, it := range clean {
			row, _, err := st.addItem(ctx, newItem{caseID: c.ID, caseCode: c.Code, agency: c.AgencyCode, citizenID: c.CitizenID,
				kind: it.Kind, name: forms.Text{VI: it.NameVI, EN: it.NameEN}, recipient: forms.Text{VI: it.RecipientVI, EN: it.RecipientEN},
				amount: it.AmountVND, reason: strings.TrimSpace(reason), source: SourceOfficer, by: a.ID, at: now})
			if err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
			err = st.event(ctx, now, event{kind: evItemRequested, source: srcOfficer, itemID: row.ID, caseID: c.ID,
				detail: map[string]any{"by": a.ID, "name": a.Name, "amount_vnd": row.AmountVnd, "kind": row.Kind}})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return cases.Case{}, err
	}
	return out, nil
}

// Waive exempts a due item, for an officer or supervisor of the case's agency, with the reason
// (the exemption by law the applicant is entitled to). A case waiting for payment whose last
// due item this was moves back to processing, in the same transaction.
func (s *Service) Waive(ctx context.Context, a casework.Actor, itemID int64, reason string) error {
	const op = "payment.waive"
	reason = strings.TrimSpace(reason)
	switch {
	case a.Kind != casework.KindStaff || (a.Role != casework.RoleOfficer && a.Role != casework.RoleSupervisor) || a.ID == "":
		return fault.New(fault.EFORBIDDEN, casework.MsgForbidden, op)
	case reason == "":
		return fault.New(fault.EINVALID, MsgReason, op)
	case utf8.RuneCountInString(reason) > casework.MaxReason:
		return fault.New(fault.EINVALID, casework.MsgReasonTooLong, op)
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		st := storeOf(tx)
		it, err := st.lockItem(ctx, itemID)
		if err != nil {
			return err
		}
		if it.AgencyCode != a.AgencyCode {
			return errNotFound
		}
		if it.State != ItemDue {
			return fault.New(fault.ECONFLICT, MsgItemNotDue, op)
		}
		c, err := s.deps.Cases.Lock(ctx, tx, it.CaseID)
		if err != nil {
			return err
		}
		now := s.cfg.Now()
		if _, err := st.q.ItemWaive(ctx, paydb.ItemWaiveParams{WaivedBy: &a.ID, WaivedReason: &reason, At: now, ID: it.ID}); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		err = st.event(ctx, now, event{kind: evItemWaived, source: srcOfficer, itemID: it.ID, caseID: it.CaseID,
			detail: map[string]any{"by": a.ID, "name": a.Name, "reason": reason, "case_status": int(c.Status)}})
		if err != nil {
			return err
		}
		return s.confirmIfSettled(ctx, tx, st, it.CaseID)
	})
}

// confirmIfSettled moves a case waiting for payment back to processing when nothing is due any
// more (casework.ConfirmPayment, by the payment platform), inside tx. The caller holds the
// locks of the items it changed; the case's lock is taken here, after them.
func (s *Service) confirmIfSettled(ctx context.Context, tx pgx.Tx, st store, caseID int64) error {
	c, err := s.deps.Cases.Lock(ctx, tx, caseID)
	if err != nil {
		return err
	}
	if c.Status != status.Payment {
		return nil
	}
	n, _, err := st.due(ctx, caseID)
	if err != nil || n > 0 {
		return err
	}
	if _, err := s.deps.Casework.DoTx(ctx, tx, systemActor, caseID, c.Version, casework.ConfirmPayment, casework.Input{}); err != nil {
		return fmt.Errorf("payment: confirm case %s: %w", c.Code, err)
	}
	return nil
}

// resumeWindow is how far back resumeAfterWithdrawal looks for items settled while a
// withdrawal was asked.
const resumeWindow = 90 * 24 * time.Hour

// resumeAfterWithdrawal moves on the cases back waiting for payment (a withdrawal asked at 6,
// then refused) whose items were all paid or waived while the withdrawal was asked: no
// notification or waiver will come for them any more. It returns how many it moved.
func (s *Service) resumeAfterWithdrawal(ctx context.Context) (int, error) {
	ids, err := storeOf(s.pool).q.CasesSettledDuringWithdrawal(ctx, s.cfg.Now().Add(-resumeWindow))
	if err != nil {
		return 0, fmt.Errorf("payment: resume: %w", err)
	}
	moved := 0
	for _, id := range ids {
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			c, err := s.deps.Cases.Lock(ctx, tx, id)
			if err != nil || c.Status != status.Payment {
				return err
			}
			st := storeOf(tx)
			if n, _, err := st.due(ctx, id); err != nil || n > 0 {
				return err
			}
			moved++
			return s.confirmIfSettled(ctx, tx, st, id)
		})
		if err != nil {
			return moved, err
		}
	}
	return moved, nil
}
