package payment_test

import (
	"context"
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

// TestReturnOf: the browser's return says which order and shows the portal's own state; it
// never marks anything paid, whatever it claims.
func TestReturnOf(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	id, items := e.awaiting(t, fee("Lệ phí", 10000))
	e.sim.SetFaults(paymentsim.Faults{LoseIPN: true})
	ref := e.pay(t, items[0].ID)
	e.complete(t, ref, paymentsim.OutcomeSuccess)
	back, ok := e.sim.ReturnURL(tmn, ref)
	require.True(t, ok)
	q := query(t, back)
	require.Equal(t, vnpay.RespSuccess, q.Get(vnpay.ParamResponseCode), "the browser brings a signed success")

	r, err := e.svc.ReturnOf(ctx, e.owner, q)
	require.NoError(t, err)
	require.True(t, r.SignatureOK)
	require.Equal(t, payment.OrderPending, r.OrderState, "the IPN was lost: still pending")
	require.Equal(t, vnpay.RespSuccess, r.GatewayCode)
	require.Equal(t, e.caseOf(t, id).Code, r.CaseCode)
	require.Equal(t, items[0].ID, r.Item.ID)
	require.Equal(t, payment.ItemDue, r.Item.State)
	e.requireUnpaid(t, id, items[0].ID)
	require.Equal(t, []string{"item_requested", "order_created"}, e.events(t, id), "nothing recorded")

	_, err = e.svc.ReturnOf(ctx, e.stranger, q)
	requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)

	tampered := query(t, back)
	tampered.Set(vnpay.ParamAmount, "100")
	r, err = e.svc.ReturnOf(ctx, e.owner, tampered)
	require.NoError(t, err)
	require.Equal(t, payment.Return{}, r, "a bad signature says nothing")

	// Once the IPN comes, the same return shows it paid.
	require.Equal(t, vnpay.IPNConfirmed, e.svc.HandleIPN(ctx, must(e.sim.IPNQuery(tmn, ref))).RspCode)
	r, err = e.svc.ReturnOf(ctx, e.owner, q)
	require.NoError(t, err)
	require.Equal(t, payment.OrderPaid, r.OrderState)
	require.Equal(t, payment.ItemPaid, r.Item.State)
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("not found")
	}
	return v
}

// TestReconcile: orders left pending are asked about once QueryAfter has passed: a lost IPN's
// payment is found and applied; a failure is recorded; an order the gateway never saw, or that
// stayed unfinished, expires once its window has closed; a notification arriving after the
// query is answered 02 and changes nothing.
func TestReconcile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("LostIPN", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{LoseIPN: true})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		require.Zero(t, e.ipns.Load(), "no IPN came")

		e.clock.Add(payment.DefaultQueryAfter - time.Second)
		n, err := e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "too early to ask")
		e.requireUnpaid(t, id, items[0].ID)

		e.clock.Add(time.Second)
		n, err = e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		it := e.item(t, id, items[0].ID)
		require.Equal(t, payment.ItemPaid, it.State)
		require.Equal(t, payment.ConfirmedByQuery, it.ConfirmedBy)
		require.Equal(t, e.gatewayTxn(t, ref).TransactionNo, it.TransactionNo)
		require.Equal(t, status.Processing, e.caseOf(t, id).Status)
		require.Equal(t, []string{"request_payment by staff", "confirm_payment by system"}, e.caseSteps(t, id))

		n, err = e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "nothing left to ask about")
	})

	t.Run("DelayedIPNAfterQuery", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{DelayIPN: true})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		e.clock.Add(payment.DefaultQueryAfter)
		n, err := e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		before := e.events(t, id)

		require.Equal(t, 1, e.sim.FlushDelayed(ctx))
		require.Equal(t, []string{vnpay.IPNAlreadyConfirmed}, rspCodes(e.gatewayTxn(t, ref)))
		require.Equal(t, append(before, "ipn_duplicate"), e.events(t, id), "recorded, nothing else")
		require.Equal(t, []string{"request_payment by staff", "confirm_payment by system"}, e.caseSteps(t, id))
		require.Equal(t, payment.ConfirmedByQuery, e.item(t, id, items[0].ID).ConfirmedBy)
	})

	t.Run("Failed", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{LoseIPN: true})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeFailure)
		e.clock.Add(payment.DefaultQueryAfter)
		n, err := e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Equal(t, payment.OrderFailed, e.orders(t, id)[0].State)
		require.Equal(t, payment.ItemDue, e.item(t, id, items[0].ID).State)
		require.Equal(t, status.Payment, e.caseOf(t, id).Status)
	})

	t.Run("Expired", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000), fee("Phí", 5000))
		later := e.pay(t, items[0].ID) // the payer chose "pay later": the gateway keeps it unfinished
		e.complete(t, later, paymentsim.OutcomeLater)
		_, err := e.svc.Pay(ctx, e.owner, items[1].ID, "203.0.113.7", "vi") // never opened at the gateway
		require.NoError(t, err)

		e.clock.Add(payment.DefaultQueryAfter)
		n, err := e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "within their windows, both stay pending")
		e.clock.Add(payment.DefaultExpiry - payment.DefaultQueryAfter + time.Second)
		n, err = e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n, "the one the gateway never saw expires")
		e.clock.Add(payment.DefaultQueryAfter)
		n, err = e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n, "the unfinished one expires once its window closed for QueryAfter")
		for _, o := range e.orders(t, id) {
			require.Equal(t, payment.OrderExpired, o.State, o.TxnRef)
			require.Equal(t, payment.GatewayPending, o.GatewayStatus())
		}
		n, err = e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "expired orders already asked about are not asked again")
		require.Equal(t, status.Payment, e.caseOf(t, id).Status)
	})

	t.Run("ReplacedOrderPaidLate", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{LoseIPN: true})
		old := e.pay(t, items[0].ID)
		e.complete(t, old, paymentsim.OutcomeSuccess) // paid, but the portal never heard
		e.clock.Add(payment.DefaultExpiry - payment.DefaultExpiry/3 + time.Second)
		e.sim.SetFaults(paymentsim.Faults{})
		replacement := e.pay(t, items[0].ID) // the payer started again: the old order is replaced
		require.NotEqual(t, old, replacement)
		e.complete(t, replacement, paymentsim.OutcomeSuccess)
		require.Equal(t, status.Processing, e.caseOf(t, id).Status)

		// The replaced order's window closes; reconciliation finds it was paid too: refund.
		e.clock.Add(payment.DefaultExpiry/3 + payment.DefaultQueryAfter)
		n, err := e.svc.Reconcile(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		orders := e.orders(t, id)
		require.Len(t, orders, 2)
		require.Equal(t, payment.OrderPaid, orders[1].State)
		require.Equal(t, payment.RefundDue, orders[1].Refund)
		require.EqualValues(t, 10000, orders[1].RefundVND)
		require.Empty(t, orders[0].Refund)
		require.Equal(t, payment.RefundDue, e.item(t, id, items[0].ID).Refund)
		require.Equal(t, replacement, e.item(t, id, items[0].ID).TxnRef, "the item stays paid by the first confirmed")
	})

	t.Run("ErrGatewayDown", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		down := payment.New(e.pool, payment.Deps{Cases: e.cases, Casework: e.work}, payment.Config{TmnCode: tmn, HashSecret: secret,
			PayURL: e.gateway + vnpay.PayPath, APIURL: "http://127.0.0.1:1" + vnpay.APIPath, Now: e.clock.Now})
		e.pay(t, items[0].ID)
		e.clock.Add(payment.DefaultQueryAfter)
		n, err := down.Reconcile(ctx)
		require.Error(t, err)
		require.Zero(t, n)
		e.requireUnpaid(t, id, items[0].ID)
		wrongSecret := payment.New(e.pool, payment.Deps{Cases: e.cases, Casework: e.work}, payment.Config{TmnCode: tmn,
			HashSecret: "not-the-secret", APIURL: e.gateway + vnpay.APIPath, Now: e.clock.Now})
		_, err = wrongSecret.Reconcile(ctx)
		require.Error(t, err, "the gateway refuses the request, unsigned for us: not believed")
		e.requireUnpaid(t, id, items[0].ID)
	})
}

// TestReconcileWithdrawalRefused: paid while a withdrawal was asked, the case comes back to 6
// when the withdrawal is refused; reconciliation moves it on, as the payment would have.
func TestReconcileWithdrawalRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	id, items := e.awaiting(t, fee("Lệ phí", 10000))
	owner := casework.Actor{Kind: casework.KindCitizen, CitizenID: e.owner, Name: "Nguyễn Văn An"}
	c, err := e.work.Do(ctx, owner, id, 2, casework.RequestWithdrawal, casework.Input{Reason: "Tôi muốn rút"})
	require.NoError(t, err)
	e.complete(t, e.pay(t, items[0].ID), paymentsim.OutcomeSuccess)
	require.Equal(t, payment.ItemPaid, e.item(t, id, items[0].ID).State, "paid while the case is still open")
	require.Equal(t, status.Withdrawal, e.caseOf(t, id).Status)

	n, err := e.svc.Reconcile(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	require.Equal(t, status.Withdrawal, e.caseOf(t, id).Status, "nothing to do while the withdrawal is asked")

	_, err = e.work.Do(ctx, officer, id, c.Version, casework.RejectWithdrawal, casework.Input{Reason: "Hồ sơ đã xử lý xong phần lớn"})
	require.NoError(t, err)
	require.Equal(t, status.Payment, e.caseOf(t, id).Status, "back waiting for a payment already made")
	_, err = e.svc.Reconcile(ctx)
	require.NoError(t, err)
	require.Equal(t, status.Processing, e.caseOf(t, id).Status)
	require.Equal(t, []string{"request_payment by staff", "request_withdrawal by citizen", "reject_withdrawal by staff",
		"confirm_payment by system"}, e.caseSteps(t, id))
}
