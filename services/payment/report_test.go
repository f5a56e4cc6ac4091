package payment_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestReport: the supervisor's figures per Vietnam day, and the transactions whose states read
// as the gateway's own report reads them.
func TestReport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	day1 := e.clock.Now() // Thursday 3 December 2026, 09:00 in Vietnam

	// Day 1: one paid, one failed, one left pending.
	_, a := e.awaiting(t, fee("Lệ phí", 10000))
	e.complete(t, e.pay(t, a[0].ID), paymentsim.OutcomeSuccess)
	_, b := e.awaiting(t, fee("Lệ phí", 20000))
	e.complete(t, e.pay(t, b[0].ID), paymentsim.OutcomeFailure)
	_, c := e.awaiting(t, fee("Lệ phí", 30000))
	pending := e.pay(t, c[0].ID)

	// Day 2, after midnight in Vietnam (17:00 UTC on day 1): a payment for a stopped case, refunded.
	e.clock.Add(15*time.Hour + 30*time.Minute)
	id, d := e.awaiting(t, fee("Lệ phí", 40000))
	ref := e.pay(t, d[0].ID)
	_, err := e.work.Do(ctx, officer, id, 2, casework.Stop, casework.Input{Reason: "Dừng"})
	require.NoError(t, err)
	e.complete(t, ref, paymentsim.OutcomeSuccess)
	_, err = e.svc.RequestRefunds(ctx)
	require.NoError(t, err)

	// Another agency's payments are not in this one's report.
	other := e.newCaseOf(t, police2)
	_, err = e.svc.Request(ctx, officer2, other, 1, "Lệ phí", []payment.NewItem{fee("Lệ phí", 70000)})
	require.NoError(t, err)
	e.complete(t, e.pay(t, e.items(t, other)[0].ID), paymentsim.OutcomeSuccess)

	report, err := e.svc.Report(ctx, police, day1, e.clock.Now())
	require.NoError(t, err)
	require.Equal(t, []payment.DayReport{
		{Day: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), PaidCount: 1, PaidVND: 10000, PendingCount: 1, FailedCount: 1},
		{Day: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), PaidCount: 1, PaidVND: 40000, RefundCount: 1, RefundVND: 40000},
	}, report)
	only2, err := e.svc.Report(ctx, police, e.clock.Now(), e.clock.Now())
	require.NoError(t, err)
	require.Equal(t, report[1:], only2)

	txns, err := e.svc.Transactions(ctx, police, day1, e.clock.Now())
	require.NoError(t, err)
	require.Len(t, txns, 4)
	for i, o := range txns {
		if i > 0 {
			require.Less(t, txns[i-1].TxnRef, o.TxnRef, "sorted by reference")
		}
		g := e.gatewayTxn(t, o.TxnRef)
		require.Equal(t, g.Status, o.GatewayStatus(), o.TxnRef)
		require.Equal(t, g.AmountVND, o.AmountVND)
		require.Equal(t, g.Refunded, o.RefundedVND(), o.TxnRef)
		require.Equal(t, g.TransactionNo, o.TransactionNo, "a failure's number is kept too")
		require.Equal(t, g.ResponseCode, o.ResponseCode)
		require.Equal(t, g.BankCode, o.BankCode)
		if o.State == payment.OrderPaid {
			require.True(t, g.PayDate.Equal(*o.PaidAt))
		}
		require.Equal(t, police, o.AgencyCode)
	}
	require.Equal(t, payment.GatewayPending, txns[2].GatewayStatus(), pending)
	all, err := e.svc.Transactions(ctx, "", day1, e.clock.Now())
	require.NoError(t, err)
	require.Len(t, all, 5, "every agency's, as the gateway's report of the one merchant")

	_, err = e.svc.Report(ctx, police, e.clock.Now(), day1.AddDate(0, 0, -1))
	requireFault(t, err, fault.EINVALID, payment.MsgRange)
	_, err = e.svc.Transactions(ctx, police, day1, day1.AddDate(2, 0, 0))
	requireFault(t, err, fault.EINVALID, payment.MsgRange)
}
