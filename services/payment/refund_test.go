package payment_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestRefundWithdrawnCase: the citizen pays while the case ends (withdrawn, or stopped); the
// confirmed payment is flagged for refund, and the refund job asks the gateway once.
func TestRefundWithdrawnCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, end := range map[string]func(e *env, id int64){
		"Withdrawn": func(e *env, id int64) {
			owner := casework.Actor{Kind: casework.KindCitizen, CitizenID: e.owner, Name: "Nguyễn Văn An"}
			c, err := e.work.Do(ctx, owner, id, 2, casework.RequestWithdrawal, casework.Input{Reason: "Tôi không chuyển nhà nữa"})
			require.NoError(t, err)
			_, err = e.work.Do(ctx, officer, id, c.Version, casework.AcceptWithdrawal, casework.Input{})
			require.NoError(t, err)
		},
		"Stopped": func(e *env, id int64) {
			_, err := e.work.Do(ctx, officer, id, 2, casework.Stop, casework.Input{Reason: "Hồ sơ không đủ điều kiện"})
			require.NoError(t, err)
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			id, items := e.awaiting(t, fee("Lệ phí", 10000))
			ref := e.pay(t, items[0].ID) // the citizen is on the gateway's page…
			end(e, id)                   // …while the case ends
			require.Equal(t, status.Stopped, e.caseOf(t, id).Status)
			e.complete(t, ref, paymentsim.OutcomeSuccess)
			require.Equal(t, []string{vnpay.IPNConfirmed}, rspCodes(e.gatewayTxn(t, ref)), "the money is acknowledged")

			o := e.orders(t, id)[0]
			require.Equal(t, payment.OrderPaid, o.State)
			require.Equal(t, payment.RefundDue, o.Refund)
			it := e.item(t, id, items[0].ID)
			require.Equal(t, payment.ItemCancelled, it.State, "nothing to pay for an ended case")
			require.Equal(t, payment.RefundDue, it.Refund)
			require.Equal(t, status.Stopped, e.caseOf(t, id).Status)

			n, err := e.svc.RequestRefunds(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, n)
			txn := e.gatewayTxn(t, ref)
			require.EqualValues(t, 10000, txn.Refunded, "the gateway shows the refund")
			require.Equal(t, paymentsim.StatusRefunded, txn.Status)
			require.Len(t, txn.Refunds, 1)
			require.Equal(t, vnpay.RefundFull, txn.Refunds[0].Type)
			require.Equal(t, "motlan-portal", txn.Refunds[0].CreateBy)
			o = e.orders(t, id)[0]
			require.Equal(t, payment.RefundRequested, o.Refund)
			require.Equal(t, payment.GatewayRefunded, o.GatewayStatus())

			n, err = e.svc.RequestRefunds(ctx)
			require.NoError(t, err)
			require.Zero(t, n, "asked once")
			require.Len(t, e.gatewayTxn(t, ref).Refunds, 1)
			require.Equal(t, []string{"item_requested", "order_created", "ipn_received", "paid", "item_cancelled",
				"refund_flagged", "refund_requested"}, e.events(t, id))
		})
	}
}

// TestRefundRefused: a refund the gateway refuses is asked again on the next runs, and fails
// for good after five refusals; an answer that is not the gateway's counts nothing.
func TestRefundRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	id, items := e.awaiting(t, fee("Lệ phí", 10000))
	ref := e.pay(t, items[0].ID)
	_, err := e.work.Do(ctx, officer, id, 2, casework.Stop, casework.Input{Reason: "Dừng"})
	require.NoError(t, err)
	e.complete(t, ref, paymentsim.OutcomeSuccess)

	var calls atomic.Int64
	var forged atomic.Bool
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req vnpay.RefundRequest
		require.NoError(t, json.NewDecoder(r.Body).Decode(&req))
		require.True(t, req.Verify(secret))
		ans := vnpay.RefundResponse{ResponseID: "r", Command: vnpay.CommandRefund, ResponseCode: vnpay.APIRefundRefused,
			Message: "refused", TmnCode: tmn, TxnRef: req.TxnRef}
		ans.Sign(secret)
		if forged.Load() {
			ans.ResponseCode = vnpay.APIOK // changed after signing
		}
		_ = json.NewEncoder(w).Encode(ans)
	}))
	t.Cleanup(refusing.Close)
	svc := payment.New(e.pool, payment.Deps{Cases: e.cases, Casework: e.work},
		payment.Config{TmnCode: tmn, HashSecret: secret, APIURL: refusing.URL + vnpay.APIPath, Now: e.clock.Now})

	forged.Store(true)
	n, err := svc.RequestRefunds(ctx)
	require.Error(t, err)
	require.Zero(t, n)
	require.Equal(t, payment.RefundDue, e.orders(t, id)[0].Refund, "a forged answer changes nothing")
	forged.Store(false)
	for i := 1; i <= 5; i++ {
		n, err := svc.RequestRefunds(ctx)
		require.NoError(t, err)
		require.Zero(t, n)
		want := payment.RefundDue
		if i == 5 {
			want = payment.RefundFailed
		}
		require.Equal(t, want, e.orders(t, id)[0].Refund, "after %d refusals", i)
	}
	n, err = svc.RequestRefunds(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	require.EqualValues(t, 6, calls.Load(), "a failed refund is not asked again")
}
