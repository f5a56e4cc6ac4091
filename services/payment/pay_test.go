package payment_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestPay: the citizen's own due item gives the gateway's signed redirect with every field the
// protocol asks for; a second click gives the same URL; an order near its end is replaced.
func TestPay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		id, items := e.awaiting(t, fee("Lệ phí đăng ký cư trú (thường trú)", 10000))
		code := e.caseOf(t, id).Code
		u, err := e.svc.Pay(ctx, e.owner, items[0].ID, "203.0.113.7", "vi")
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(u, e.gateway+vnpay.PayPath+"?"), u)
		q := query(t, u)
		require.True(t, vnpay.Verify(secret, q), "signed with the merchant's secret")
		now := e.clock.Now()
		ref := q.Get(vnpay.ParamTxnRef)
		require.Regexp(t, `^ML20261203[0-9]{8}$`, ref)
		for k, want := range map[string]string{
			vnpay.ParamVersion: "2.1.0", vnpay.ParamCommand: "pay", vnpay.ParamTmnCode: tmn, vnpay.ParamAmount: "1000000",
			vnpay.ParamCurrCode: "VND", vnpay.ParamIPAddr: "203.0.113.7", vnpay.ParamLocale: "vn",
			vnpay.ParamOrderType: "other", vnpay.ParamReturnURL: returnURL,
			vnpay.ParamCreateDate: vnpay.FormatDate(now), vnpay.ParamExpireDate: vnpay.FormatDate(now.Add(payment.DefaultExpiry)),
			vnpay.ParamOrderInfo: "Thanh toan Le phi dang ky cu tru thuong tru ho so " + code,
		} {
			require.Equal(t, want, q.Get(k), k)
		}
		txn, err := e.sim.Open(u)
		require.NoError(t, err, "the gateway takes it")
		require.EqualValues(t, 10000, txn.AmountVND)

		e.clock.Add(time.Minute)
		again, err := e.svc.Pay(ctx, e.owner, items[0].ID, "198.51.100.1", "en")
		require.NoError(t, err)
		require.Equal(t, u, again, "a second click resumes the same order, same signature")
		orders := e.orders(t, id)
		require.Len(t, orders, 1)
		require.Equal(t, payment.OrderPending, orders[0].State)
		require.Equal(t, ref, orders[0].TxnRef)
		require.Equal(t, []string{"item_requested", "order_created"}, e.events(t, id))
	})

	t.Run("Replaced", func(t *testing.T) {
		t.Parallel()
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		u1, err := e.svc.Pay(ctx, e.owner, items[0].ID, "203.0.113.7", "en")
		require.NoError(t, err)
		require.Equal(t, "en", query(t, u1).Get(vnpay.ParamLocale))
		e.clock.Add(payment.DefaultExpiry - payment.DefaultExpiry/3 + time.Second) // less than a third left
		u2, err := e.svc.Pay(ctx, e.owner, items[0].ID, "203.0.113.7", "en")
		require.NoError(t, err)
		require.NotEqual(t, query(t, u1).Get(vnpay.ParamTxnRef), query(t, u2).Get(vnpay.ParamTxnRef))
		orders := e.orders(t, id)
		require.Len(t, orders, 2)
		require.Equal(t, payment.OrderPending, orders[0].State, "the new one, newest first")
		require.Equal(t, payment.OrderExpired, orders[1].State, "the old one, replaced")
		require.Equal(t, []string{"item_requested", "order_created", "expired", "order_created"}, e.events(t, id))
	})

	t.Run("ErrNotTheirs", func(t *testing.T) {
		t.Parallel()
		_, items := e.awaiting(t, fee("Lệ phí", 10000))
		_, err := e.svc.Pay(ctx, e.stranger, items[0].ID, "203.0.113.7", "vi")
		requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)
		_, err = e.svc.Pay(ctx, e.owner, 999999, "203.0.113.7", "vi")
		requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)
	})

	t.Run("ErrNotDue", func(t *testing.T) {
		t.Parallel()
		_, items := e.awaiting(t, fee("Lệ phí", 10000), fee("Phí", 5000))
		require.NoError(t, e.svc.Waive(ctx, officer, items[0].ID, "Miễn theo luật"))
		_, err := e.svc.Pay(ctx, e.owner, items[0].ID, "203.0.113.7", "vi")
		requireFault(t, err, fault.ECONFLICT, payment.MsgItemNotDue)
	})

	t.Run("ErrCaseClosed", func(t *testing.T) {
		t.Parallel()
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		_, err := e.work.Do(ctx, officer, id, 2, casework.Stop, casework.Input{Reason: "Người nộp không bổ sung"})
		require.NoError(t, err)
		_, err = e.svc.Pay(ctx, e.owner, items[0].ID, "203.0.113.7", "vi")
		requireFault(t, err, fault.ECONFLICT, payment.MsgCaseClosed)
		require.Equal(t, payment.ItemCancelled, e.item(t, id, items[0].ID).State, "shown as nothing to pay any more")
		require.Empty(t, e.orders(t, id))
	})
}

// signedIPN is a notification signed with the merchant's secret, as the gateway would send it.
func signedIPN(params map[string]string) url.Values {
	q := url.Values{}
	for k, v := range params {
		q.Set(k, v)
	}
	q.Set(vnpay.ParamSecureHash, vnpay.Sign(secret, vnpay.HashData(q)))
	return q
}

// TestIPN: the gateway's notification of a success pays the item and, with the last item,
// moves the case on; a failure is recorded and leaves the item due; a wrong amount, a bad
// signature and an unknown order are refused with the protocol's codes and change nothing.
func TestIPN(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)

	t.Run("PaidOneByOne", func(t *testing.T) {
		t.Parallel()
		id, items := e.awaiting(t, fee("Lệ phí", 10000), fee("Phí", 20000))
		ref1 := e.pay(t, items[0].ID)
		e.complete(t, ref1, paymentsim.OutcomeSuccess)
		require.Equal(t, []string{vnpay.IPNConfirmed}, rspCodes(e.gatewayTxn(t, ref1)))
		it := e.item(t, id, items[0].ID)
		require.Equal(t, payment.ItemPaid, it.State)
		require.Equal(t, ref1, it.TxnRef)
		require.Equal(t, e.gatewayTxn(t, ref1).TransactionNo, it.TransactionNo)
		require.Equal(t, paymentsim.BankCode, it.BankCode)
		require.Equal(t, payment.ConfirmedByIPN, it.ConfirmedBy)
		require.NotNil(t, it.PaidAt)
		require.Equal(t, status.Payment, e.caseOf(t, id).Status, "one item is still due")

		ref2 := e.pay(t, items[1].ID)
		e.complete(t, ref2, paymentsim.OutcomeSuccess)
		c := e.caseOf(t, id)
		require.Equal(t, status.Processing, c.Status, "the last item paid: back to processing")
		require.NotNil(t, c.PaidAt)
		require.Equal(t, []string{"request_payment by staff", "confirm_payment by system"}, e.caseSteps(t, id))
		require.Equal(t, []string{"item_requested", "item_requested",
			"order_created", "ipn_received", "paid", "item_paid",
			"order_created", "ipn_received", "paid", "item_paid"}, e.events(t, id))
		o := e.orders(t, id)[0]
		require.Equal(t, payment.OrderPaid, o.State)
		require.Equal(t, vnpay.RespSuccess, o.ResponseCode)
		require.Equal(t, payment.GatewayPaid, o.GatewayStatus())
	})

	t.Run("Failed", func(t *testing.T) {
		t.Parallel()
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeCancel)
		require.Equal(t, []string{vnpay.IPNConfirmed}, rspCodes(e.gatewayTxn(t, ref)), "a failure is confirmed too")
		o := e.orders(t, id)[0]
		require.Equal(t, payment.OrderFailed, o.State)
		require.Equal(t, vnpay.RespCancelled, o.ResponseCode)
		require.Equal(t, payment.ItemDue, e.item(t, id, items[0].ID).State)
		require.Equal(t, status.Payment, e.caseOf(t, id).Status)

		// The citizen tries again: a new order, which pays.
		ref2 := e.pay(t, items[0].ID)
		require.NotEqual(t, ref, ref2)
		e.complete(t, ref2, paymentsim.OutcomeSuccess)
		require.Equal(t, status.Processing, e.caseOf(t, id).Status)
	})

	t.Run("ErrWrongAmount", func(t *testing.T) {
		e := setup(t) // its own gateway: the fault is the gateway's
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{WrongAmount: true})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		require.Equal(t, vnpay.IPNInvalidAmount, rspCodes(e.gatewayTxn(t, ref))[0])
		e.requireUnpaid(t, id, items[0].ID)
		require.Contains(t, e.events(t, id), "ipn_wrong_amount")
	})

	t.Run("ErrBadSignature", func(t *testing.T) {
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{BadSignature: true})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		require.Equal(t, vnpay.IPNInvalidSignature, rspCodes(e.gatewayTxn(t, ref))[0])
		e.requireUnpaid(t, id, items[0].ID)
		var n int
		require.NoError(t, e.pool.QueryRow(ctx, `SELECT count(*) FROM payment_events WHERE kind = 'ipn_invalid_signature'
			AND detail->>'vnp_TxnRef' = $1`, ref).Scan(&n))
		require.Equal(t, 1, n, "the refused notification is recorded")
	})

	t.Run("ErrUnknownOrder", func(t *testing.T) {
		t.Parallel()
		q := signedIPN(map[string]string{vnpay.ParamTmnCode: tmn, vnpay.ParamTxnRef: "ML2026120399999999",
			vnpay.ParamAmount: "1000000", vnpay.ParamResponseCode: "00", vnpay.ParamTransactionStatus: "00", vnpay.ParamTransactionNo: "1"})
		require.Equal(t, vnpay.Answer(vnpay.IPNOrderNotFound), e.svc.HandleIPN(ctx, q))
		q = signedIPN(map[string]string{vnpay.ParamTmnCode: "OTHER001", vnpay.ParamTxnRef: "ML1", vnpay.ParamAmount: "100"})
		require.Equal(t, vnpay.IPNOrderNotFound, e.svc.HandleIPN(ctx, q).RspCode, "another merchant's")
		q.Set(vnpay.ParamSecureHash, strings.Repeat("0", 128))
		require.Equal(t, vnpay.Answer(vnpay.IPNInvalidSignature), e.svc.HandleIPN(ctx, q))
		q.Del(vnpay.ParamSecureHash)
		require.Equal(t, vnpay.IPNInvalidSignature, e.svc.HandleIPN(ctx, q).RspCode, "unsigned")
	})

	t.Run("ErrDatabase", func(t *testing.T) {
		e := setup(t)
		_, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{LoseIPN: true})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		q, ok := e.sim.IPNQuery(tmn, ref)
		require.True(t, ok)
		e.pool.Close()
		require.Equal(t, vnpay.Answer(vnpay.IPNOther), e.svc.HandleIPN(ctx, q))
	})
}

// requireUnpaid: the item is due, its order pending, the case still waiting for payment.
func (e *env) requireUnpaid(t *testing.T, caseID, itemID int64) {
	t.Helper()
	require.Equal(t, payment.ItemDue, e.item(t, caseID, itemID).State)
	require.Equal(t, payment.OrderPending, e.orders(t, caseID)[0].State)
	require.Equal(t, status.Payment, e.caseOf(t, caseID).Status)
	require.Equal(t, []string{"request_payment by staff"}, e.caseSteps(t, caseID))
}

// rspCodes are the merchant's answers to a transaction's IPN calls, in order.
func rspCodes(txn paymentsim.Transaction) []string {
	var out []string
	for _, a := range txn.IPNs {
		out = append(out, a.RspCode)
	}
	return out
}
