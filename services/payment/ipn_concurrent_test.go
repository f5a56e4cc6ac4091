package payment_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestIPNConcurrentDuplicates: twenty copies of one notification arriving at once make one
// payment, one step of the case and one 00; the nineteen others are answered 02.
func TestIPNConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("Direct", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{LoseIPN: true}) // the gateway settles; the test sends the IPNs
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		q, ok := e.sim.IPNQuery(tmn, ref)
		require.True(t, ok)

		const copies = 20
		answers := make([]vnpay.IPNAnswer, copies)
		var start, done sync.WaitGroup
		start.Add(1)
		for i := range copies {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				answers[i] = e.svc.HandleIPN(ctx, q)
			}()
		}
		start.Done()
		done.Wait()
		count := map[string]int{}
		for _, a := range answers {
			count[a.RspCode]++
		}
		require.Equal(t, map[string]int{vnpay.IPNConfirmed: 1, vnpay.IPNAlreadyConfirmed: copies - 1}, count)
		e.requirePaidOnce(t, id, copies-1)
	})

	t.Run("ThroughGateway", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id, items := e.awaiting(t, fee("Lệ phí", 10000))
		e.sim.SetFaults(paymentsim.Faults{DuplicateIPN: 19})
		ref := e.pay(t, items[0].ID)
		e.complete(t, ref, paymentsim.OutcomeSuccess)
		count := map[string]int{}
		for _, c := range rspCodes(e.gatewayTxn(t, ref)) {
			count[c]++
		}
		require.Equal(t, map[string]int{vnpay.IPNConfirmed: 1, vnpay.IPNAlreadyConfirmed: 19}, count)
		require.EqualValues(t, 20, e.ipns.Load())
		e.requirePaidOnce(t, id, 19)
	})
}

// requirePaidOnce: the case's one item paid once, the case moved on once, every duplicate
// recorded.
func (e *env) requirePaidOnce(t *testing.T, caseID int64, duplicates int) {
	t.Helper()
	require.Equal(t, status.Processing, e.caseOf(t, caseID).Status)
	require.Equal(t, []string{"request_payment by staff", "confirm_payment by system"}, e.caseSteps(t, caseID))
	orders := e.orders(t, caseID)
	require.Len(t, orders, 1)
	require.Equal(t, payment.OrderPaid, orders[0].State)
	require.Empty(t, orders[0].Refund, "nothing to refund")
	kinds := map[string]int{}
	for _, k := range e.events(t, caseID) {
		kinds[k]++
	}
	require.Equal(t, map[string]int{"item_requested": 1, "order_created": 1, "ipn_received": 1, "paid": 1, "item_paid": 1,
		"ipn_duplicate": duplicates}, kinds)
}
