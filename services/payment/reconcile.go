package payment

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/vnpay"
)

// reconcileBatch is how many orders one Reconcile asks about, oldest first; the next run
// takes the rest.
const reconcileBatch = 200

// Reconcile asks the gateway (querydr) about every order pending longer than QueryAfter, and
// about orders replaced before an answer once their window has closed, and applies the answers
// as a verified IPN would; it returns how many orders it settled.
//
// A success (00, transaction status 00, the order's amount) marks the order paid (confirmed by
// query); a failure (status 02 and the like) failed; an order the gateway does not know (91),
// or still shows unfinished (01), once its window has closed for QueryAfter, expired. Anything
// else leaves it as it is, for the next run. An answer whose signature does not hold is not
// believed. The gateway is asked outside any transaction; the answer is applied under the
// item's and the order's locks, to an order that is still unsettled (an IPN may have come
// meanwhile). It also moves on a case back waiting for a payment that was made while a
// withdrawal was asked and then refused.
func (s *Service) Reconcile(ctx context.Context) (int, error) {
	now := s.cfg.Now()
	orders, err := storeOf(s.pool).q.OrdersToReconcile(ctx, now.Add(-s.cfg.QueryAfter), reconcileBatch)
	if err != nil {
		return 0, fmt.Errorf("payment: reconcile: %w", err)
	}
	settled := 0
	var errs []error
	for _, o := range orders {
		ans, err := s.query(ctx, o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		changed, err := s.applyQuery(ctx, o, ans)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if changed {
			settled++
		}
	}
	if _, err := s.resumeAfterWithdrawal(ctx); err != nil {
		errs = append(errs, err)
	}
	return settled, errors.Join(errs...)
}

// query asks the gateway about an order and checks the answer's signature.
func (s *Service) query(ctx context.Context, o orderRow) (vnpay.QueryResponse, error) {
	req := vnpay.QueryRequest{
		RequestID: requestID(), Version: vnpay.Version, Command: vnpay.CommandQueryDR, TmnCode: s.cfg.TmnCode,
		TxnRef: o.TxnRef, OrderInfo: "Truy van giao dich " + o.TxnRef, TransactionDate: vnpay.FormatDate(o.CreateDate),
		CreateDate: vnpay.FormatDate(s.cfg.Now()), IPAddr: s.cfg.ServerIP,
	}
	req.Sign(s.cfg.HashSecret)
	var ans vnpay.QueryResponse
	if err := s.callAPI(ctx, req, &ans); err != nil {
		return ans, fmt.Errorf("payment: query %s: %w", o.TxnRef, err)
	}
	if !ans.Verify(s.cfg.HashSecret) {
		return ans, fmt.Errorf("payment: query %s: the answer's signature does not hold", o.TxnRef)
	}
	return ans, nil
}

// applyQuery applies a verified query answer about o; changed reports whether the order's state
// changed.
func (s *Service) applyQuery(ctx context.Context, found orderRow, ans vnpay.QueryResponse) (bool, error) {
	changed := false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		st := storeOf(tx)
		it, err := st.lockItem(ctx, found.ItemID)
		if err != nil {
			return err
		}
		o, err := st.lockOrder(ctx, found.ID)
		if err != nil {
			return err
		}
		now := s.cfg.Now()
		if err := st.q.OrderQueried(ctx, o.ID, &now); err != nil {
			return fmt.Errorf("payment: order %s queried: %w", o.TxnRef, err)
		}
		detail := queryDetail(ans)
		if err := st.event(ctx, now, event{kind: evQueryAnswer, source: srcQuery, orderID: o.ID, itemID: it.ID, caseID: it.CaseID, detail: detail}); err != nil {
			return err
		}
		if !settleable(o.State) {
			return nil
		}
		closed := now.After(o.ExpireAt.Add(s.cfg.QueryAfter))
		switch {
		case ans.ResponseCode == vnpay.APINotFound && now.After(o.ExpireAt),
			ans.ResponseCode == vnpay.APIOK && ans.TransactionStatus == vnpay.TxnPending && closed:
			if o.State == OrderExpired {
				return nil
			}
			changed = true
			if err := st.settleOrder(ctx, o.ID, OrderExpired, o.ResponseCode, now, "", ""); err != nil {
				return err
			}
			return st.event(ctx, now, event{kind: evExpired, source: srcQuery, orderID: o.ID, itemID: it.ID, caseID: it.CaseID, detail: detail})
		case ans.ResponseCode != vnpay.APIOK || ans.TransactionStatus == vnpay.TxnPending:
			return nil
		}
		amount, err := vnpay.ParseAmount(ans.Amount)
		if ans.TxnRef != o.TxnRef || err != nil || amount != o.AmountVnd {
			s.cfg.Log.ErrorContext(ctx, "payment: query answer about another order or amount", "txn_ref", o.TxnRef,
				"answer_txn_ref", ans.TxnRef, "answer_amount", ans.Amount)
			return nil
		}
		out := outcome{success: ans.TransactionStatus == vnpay.TxnSuccess, transactionNo: ans.TransactionNo,
			bankCode: ans.BankCode, by: ConfirmedByQuery}
		if out.success {
			if out.transactionNo == "" {
				return nil
			}
			out.responseCode = vnpay.RespSuccess
			if d, err := vnpay.ParseDate(ans.PayDate); err == nil {
				out.payDate = d
			}
		}
		changed = true
		return s.settle(ctx, tx, st, it, o, out)
	})
	return changed, err
}

// queryDetail is a query's answer for an event, without its hash.
func queryDetail(a vnpay.QueryResponse) map[string]string {
	return map[string]string{
		"vnp_ResponseCode": a.ResponseCode, "vnp_Message": a.Message, "vnp_TxnRef": a.TxnRef, "vnp_Amount": a.Amount,
		"vnp_BankCode": a.BankCode, "vnp_PayDate": a.PayDate, "vnp_TransactionNo": a.TransactionNo,
		"vnp_TransactionType": a.TransactionType, "vnp_TransactionStatus": a.TransactionStatus,
	}
}
