package payment

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/payment/internal/paydb"
)

// outcome is a verified answer of the gateway about an order: a notification's (IPN) or a
// transaction query's.
type outcome struct {
	success       bool
	responseCode  string // vnp_ResponseCode of the payment, when the gateway gave one
	transactionNo string
	bankCode      string
	payDate       time.Time // zero: not given
	by            string    // ConfirmedByIPN or ConfirmedByQuery; also the event's source
}

// settleable reports whether an order may still take a verified outcome: pending, or expired
// unanswered (a late payment is still applied).
func settleable(state string) bool { return state == OrderPending || state == OrderExpired }

// settle applies a verified outcome to an order, inside tx, the order's item locked (it) and
// then the order (o). A failure marks the order failed. A success marks it paid and then pays
// its item when the item is due and its case open, moving the case on from 6 when nothing is due
// any more; otherwise (the item paid by another order, waived or cancelled, or the case ended)
// the money is flagged for refund.
func (s *Service) settle(ctx context.Context, tx pgx.Tx, st store, it itemRow, o orderRow, out outcome) error {
	now := s.cfg.Now()
	ids := event{orderID: o.ID, itemID: it.ID, caseID: it.CaseID, source: out.by}
	if !out.success {
		if err := st.settleOrder(ctx, o.ID, OrderFailed, out.responseCode, now, out.transactionNo, out.bankCode); err != nil {
			return err
		}
		ids.kind, ids.detail = evFailed, map[string]any{"response_code": out.responseCode, "was": o.State}
		return st.event(ctx, now, ids)
	}
	paidAt := out.payDate
	if paidAt.IsZero() {
		paidAt = now
	}
	err := st.q.OrderPaid(ctx, paydb.OrderPaidParams{TransactionNo: &out.transactionNo, BankCode: out.bankCode,
		ResponseCode: out.responseCode, PaidAt: &paidAt, ConfirmedBy: &out.by, At: now, ID: o.ID})
	if err != nil {
		return fmt.Errorf("payment: order %s paid: %w", o.TxnRef, err)
	}
	ids.kind, ids.detail = evPaid, map[string]any{"transaction_no": out.transactionNo, "bank_code": out.bankCode,
		"pay_date": paidAt, "confirmed_by": out.by, "was": o.State}
	if err := st.event(ctx, now, ids); err != nil {
		return err
	}
	c, err := s.deps.Cases.Lock(ctx, tx, it.CaseID)
	if err != nil {
		return err
	}
	if it.State == ItemDue && status.Open.Has(c.Status) {
		if _, err := st.q.ItemPay(ctx, paydb.ItemPayParams{OrderID: &o.ID, PaidAt: &now, At: now, ID: it.ID}); err != nil {
			return fmt.Errorf("payment: item %d paid: %w", it.ID, err)
		}
		if err := s.holdReceipt(ctx, tx, it, c, now); err != nil { // held.go
			return err
		}
		ids.kind, ids.detail = evItemPaid, map[string]any{"txn_ref": o.TxnRef, "case_status": int(c.Status)}
		if err := st.event(ctx, now, ids); err != nil {
			return err
		}
		return s.confirmIfSettled(ctx, tx, st, it.CaseID)
	}
	reason := refundReason(it.State)
	if it.State == ItemDue { // the case ended: nothing is to pay for it any more
		if _, err := st.q.ItemCancel(ctx, it.ID, now); err != nil {
			return fmt.Errorf("payment: item %d cancelled: %w", it.ID, err)
		}
		ids.kind, ids.detail = evItemCancelled, map[string]any{"case_status": int(c.Status)}
		if err := st.event(ctx, now, ids); err != nil {
			return err
		}
	}
	if _, err := st.q.RefundFlag(ctx, paydb.RefundFlagParams{OrderID: o.ID, AmountVnd: o.AmountVnd, Reason: reason, At: now}); err != nil {
		return fmt.Errorf("payment: refund of %s: %w", o.TxnRef, err)
	}
	ids.kind, ids.detail = evRefundFlagged, map[string]any{"reason": reason, "amount_vnd": o.AmountVnd, "case_status": int(c.Status)}
	return st.event(ctx, now, ids)
}

// refundReason says why the money of a paid order is not kept, from its item's state.
func refundReason(itemState string) string {
	switch itemState {
	case ItemPaid:
		return "item_paid"
	case ItemWaived:
		return "item_waived"
	case ItemCancelled:
		return "item_cancelled"
	}
	return "case_closed"
}
