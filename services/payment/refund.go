package payment

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/payment/internal/paydb"
	"github.com/motlan/portal/services/vnpay"
)

// Refund requests.
const (
	refundBatch       = 100
	refundMaxAttempts = 5               // refusals before a refund fails for an operator to look at
	refundCreateBy    = "motlan-portal" // vnp_CreateBy: who asks
)

// RequestRefunds asks the gateway to refund every paid order flagged for refund and returns how
// many it accepted. A refusal counts an attempt; after five the refund fails for good. A
// gateway that does not answer, or whose answer's signature does not hold, counts nothing: the
// next run asks again. Each refund is asked under its row's lock, so two runs never ask twice.
func (s *Service) RequestRefunds(ctx context.Context) (int, error) {
	ids, err := storeOf(s.pool).q.RefundsDue(ctx, refundBatch)
	if err != nil {
		return 0, fmt.Errorf("payment: refunds: %w", err)
	}
	accepted := 0
	var errs []error
	for _, id := range ids {
		ok, err := s.requestRefund(ctx, id)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			accepted++
		}
	}
	return accepted, errors.Join(errs...)
}

func (s *Service) requestRefund(ctx context.Context, orderID int64) (bool, error) {
	accepted := false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		st := storeOf(tx)
		r, err := st.q.RefundForUpdate(ctx, orderID)
		if errors.Is(err, pgx.ErrNoRows) { // another run holds it
			return nil
		}
		if err != nil {
			return fmt.Errorf("payment: refund %d: %w", orderID, err)
		}
		if r.State != RefundDue {
			return nil
		}
		req := vnpay.RefundRequest{
			RequestID: requestID(), Version: vnpay.Version, Command: vnpay.CommandRefund, TmnCode: s.cfg.TmnCode,
			TransactionType: vnpay.RefundFull, TxnRef: r.TxnRef, Amount: vnpay.FormatAmount(r.AmountVnd),
			OrderInfo: "Hoan tien giao dich " + r.TxnRef + " ho so " + ascii(r.CaseCode), TransactionNo: deref(r.TransactionNo),
			TransactionDate: vnpay.FormatDate(r.CreateDate), CreateBy: refundCreateBy, CreateDate: vnpay.FormatDate(s.cfg.Now()),
			IPAddr: s.cfg.ServerIP,
		}
		req.Sign(s.cfg.HashSecret)
		var ans vnpay.RefundResponse
		if err := s.callAPI(ctx, req, &ans); err != nil {
			return fmt.Errorf("payment: refund %s: %w", r.TxnRef, err)
		}
		if !ans.Verify(s.cfg.HashSecret) {
			return fmt.Errorf("payment: refund %s: the answer's signature does not hold", r.TxnRef)
		}
		now := s.cfg.Now()
		ev := event{orderID: orderID, itemID: r.ItemID, caseID: r.CaseID, source: srcSystem,
			detail: map[string]any{"vnp_ResponseCode": ans.ResponseCode, "vnp_Message": ans.Message,
				"vnp_TransactionStatus": ans.TransactionStatus, "amount_vnd": r.AmountVnd}}
		if ans.ResponseCode == vnpay.APIOK {
			accepted = true
			if err := st.q.RefundRequested(ctx, ans.ResponseCode, &now, orderID); err != nil {
				return fmt.Errorf("payment: refund %s: %w", r.TxnRef, err)
			}
			ev.kind = evRefundAsked
			return st.event(ctx, now, ev)
		}
		after, err := st.q.RefundRefused(ctx, paydb.RefundRefusedParams{ResponseCode: ans.ResponseCode, At: now,
			MaxAttempts: refundMaxAttempts, OrderID: orderID})
		if err != nil {
			return fmt.Errorf("payment: refund %s: %w", r.TxnRef, err)
		}
		ev.kind = evRefundFailed
		ev.detail.(map[string]any)["attempts"] = after.Attempts
		ev.detail.(map[string]any)["state"] = after.State
		s.cfg.Log.WarnContext(ctx, "payment: refund refused", "txn_ref", r.TxnRef, "code", ans.ResponseCode, "attempts", after.Attempts)
		return st.event(ctx, now, ev)
	})
	return accepted, err
}
