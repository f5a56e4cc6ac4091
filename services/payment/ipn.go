package payment

import (
	"context"
	"errors"
	"net/url"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/vnpay"
)

// HandleIPN applies a gateway notification exactly once and returns the merchant's answer:
// 97 bad signature, 01 unknown order, 04 amount differs, 02 already confirmed, 00 confirmed
// (a success or a failure recorded), 99 anything else.
//
// Every notification appends an event, refused ones included. The order's item is locked, then
// the order, then the case: concurrent copies of one notification wait for each other, the
// first applies it and the others find the order settled (02).
func (s *Service) HandleIPN(ctx context.Context, q url.Values) vnpay.IPNAnswer {
	code, err := s.handleIPN(ctx, q)
	if err != nil {
		s.cfg.Log.ErrorContext(ctx, "payment: IPN", "txn_ref", q.Get(vnpay.ParamTxnRef), "error", err)
		return vnpay.Answer(vnpay.IPNOther)
	}
	return vnpay.Answer(code)
}

func (s *Service) handleIPN(ctx context.Context, q url.Values) (string, error) {
	detail := gatewayDetail(q)
	refused := func(kind, code string) (string, error) {
		return code, storeOf(s.pool).event(ctx, s.cfg.Now(), event{kind: kind, source: srcIPN, detail: detail})
	}
	if !vnpay.Verify(s.cfg.HashSecret, q) {
		return refused(evIPNBadSig, vnpay.IPNInvalidSignature)
	}
	if q.Get(vnpay.ParamTmnCode) != s.cfg.TmnCode {
		return refused(evIPNUnknown, vnpay.IPNOrderNotFound)
	}
	found, err := storeOf(s.pool).orderByRef(ctx, q.Get(vnpay.ParamTxnRef))
	if errors.Is(err, errNotFound) {
		return refused(evIPNUnknown, vnpay.IPNOrderNotFound)
	}
	if err != nil {
		return "", err
	}
	var code string
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		st := storeOf(tx)
		it, err := st.lockItem(ctx, found.ItemID)
		if err != nil {
			return err
		}
		o, err := st.lockOrder(ctx, found.ID)
		if err != nil {
			return err
		}
		ids := event{orderID: o.ID, itemID: it.ID, caseID: it.CaseID, source: srcIPN, detail: detail}
		now := s.cfg.Now()
		amount, err := vnpay.ParseAmount(q.Get(vnpay.ParamAmount))
		switch {
		case err != nil || amount != o.AmountVnd:
			code, ids.kind = vnpay.IPNInvalidAmount, evIPNWrongAmount
			return st.event(ctx, now, ids)
		case !settleable(o.State):
			code, ids.kind = vnpay.IPNAlreadyConfirmed, evIPNDuplicate
			return st.event(ctx, now, ids)
		}
		ids.kind = evIPNReceived
		if err := st.event(ctx, now, ids); err != nil {
			return err
		}
		out := outcome{
			success:       q.Get(vnpay.ParamResponseCode) == vnpay.RespSuccess && q.Get(vnpay.ParamTransactionStatus) == vnpay.TxnSuccess,
			responseCode:  q.Get(vnpay.ParamResponseCode),
			transactionNo: q.Get(vnpay.ParamTransactionNo),
			bankCode:      q.Get(vnpay.ParamBankCode),
			by:            ConfirmedByIPN,
		}
		if out.success && out.transactionNo == "" {
			return errors.New("payment: IPN: a success without a transaction number")
		}
		if d, err := vnpay.ParseDate(q.Get(vnpay.ParamPayDate)); err == nil {
			out.payDate = d
		}
		code = vnpay.IPNConfirmed
		return s.settle(ctx, tx, st, it, o, out)
	})
	if err != nil {
		return "", err
	}
	return code, nil
}
