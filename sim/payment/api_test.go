package payment_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// queryRequest is a signed querydr for a transaction created at created.
func (e *env) queryRequest(id, ref string, created time.Time) vnpay.QueryRequest {
	r := vnpay.QueryRequest{RequestID: id, Version: vnpay.Version, Command: vnpay.CommandQueryDR, TmnCode: tmn,
		TxnRef: ref, OrderInfo: "Truy van " + ref, TransactionDate: vnpay.FormatDate(created),
		CreateDate: vnpay.FormatDate(e.clock.Now()), IPAddr: "127.0.0.1"}
	r.Sign(secret)
	return r
}

// refundRequest is a signed refund of amount đồng.
func (e *env) refundRequest(id, ref string, created time.Time, kind string, amount int64) vnpay.RefundRequest {
	r := vnpay.RefundRequest{RequestID: id, Version: vnpay.Version, Command: vnpay.CommandRefund, TmnCode: tmn,
		TransactionType: kind, TxnRef: ref, Amount: vnpay.FormatAmount(amount), OrderInfo: "Hoan tien " + ref,
		TransactionDate: vnpay.FormatDate(created), CreateBy: "motlan-portal", CreateDate: vnpay.FormatDate(e.clock.Now()), IPAddr: "127.0.0.1"}
	r.Sign(secret)
	return r
}

func (e *env) postAPI(t *testing.T, req, resp any) {
	t.Helper()
	body, err := json.Marshal(req)
	require.NoError(t, err)
	r, err := http.Post(e.url+vnpay.APIPath, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer r.Body.Close()
	require.Equal(t, http.StatusOK, r.StatusCode)
	require.NoError(t, json.NewDecoder(r.Body).Decode(resp))
}

func (e *env) query(t *testing.T, req vnpay.QueryRequest) vnpay.QueryResponse {
	t.Helper()
	var resp vnpay.QueryResponse
	e.postAPI(t, req, &resp)
	return resp
}

func (e *env) refund(t *testing.T, req vnpay.RefundRequest) vnpay.RefundResponse {
	t.Helper()
	var resp vnpay.RefundResponse
	e.postAPI(t, req, &resp)
	return resp
}

// TestQueryDR: the transaction query answers a transaction's state, signed, and refuses a bad
// signature (97), a replayed request ID (94), an unknown transaction (91) and merchant (02).
func TestQueryDR(t *testing.T) {
	t.Parallel()
	e := setup(t)
	created := e.clock.Now()
	paid, pending := e.newOrder("ML1"), e.newOrder("ML2")
	e.open(t, paid)
	e.open(t, pending)
	e.clock.Add(time.Minute)
	require.NoError(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess))

	t.Run("Paid", func(t *testing.T) {
		resp := e.query(t, e.queryRequest("q1", "ML1", created))
		require.True(t, resp.Verify(secret))
		require.Equal(t, vnpay.APIOK, resp.ResponseCode)
		require.Equal(t, vnpay.CommandQueryDR, resp.Command)
		require.Equal(t, "ML1", resp.TxnRef)
		require.Equal(t, "5000000", resp.Amount)
		require.Equal(t, vnpay.TxnSuccess, resp.TransactionStatus)
		require.Equal(t, "14000001", resp.TransactionNo)
		require.Equal(t, "20261205090100", resp.PayDate)
		require.Equal(t, "NCB", resp.BankCode)
		require.Equal(t, "01", resp.TransactionType)
	})
	t.Run("Pending", func(t *testing.T) {
		resp := e.query(t, e.queryRequest("q2", "ML2", created))
		require.True(t, resp.Verify(secret))
		require.Equal(t, vnpay.APIOK, resp.ResponseCode)
		require.Equal(t, vnpay.TxnPending, resp.TransactionStatus)
		require.Empty(t, resp.TransactionNo)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		resp := e.query(t, e.queryRequest("q3", "ML9", created))
		require.True(t, resp.Verify(secret))
		require.Equal(t, vnpay.APINotFound, resp.ResponseCode)
		// The reference with another transaction date is another transaction.
		resp = e.query(t, e.queryRequest("q4", "ML1", created.Add(time.Second)))
		require.Equal(t, vnpay.APINotFound, resp.ResponseCode)
	})
	t.Run("ErrSignature", func(t *testing.T) {
		req := e.queryRequest("q5", "ML1", created)
		req.TxnRef = "ML2"
		resp := e.query(t, req)
		require.Equal(t, vnpay.APIInvalidSign, resp.ResponseCode)
		require.Empty(t, resp.TransactionStatus)
		require.True(t, resp.Verify(secret))
	})
	t.Run("ErrDuplicateRequestID", func(t *testing.T) {
		require.Equal(t, vnpay.APIOK, e.query(t, e.queryRequest("q6", "ML1", created)).ResponseCode)
		resp := e.query(t, e.queryRequest("q6", "ML1", created))
		require.Equal(t, vnpay.APIDuplicate, resp.ResponseCode)
		require.Empty(t, resp.TransactionStatus)
	})
	t.Run("ErrMerchant", func(t *testing.T) {
		req := e.queryRequest("q7", "ML1", created)
		req.TmnCode = "OTHER001"
		req.Sign(secret)
		require.Equal(t, "02", e.query(t, req).ResponseCode)
	})
	t.Run("ErrFormat", func(t *testing.T) {
		req := e.queryRequest("q8", "ML1", created)
		req.Version = "2.0.0"
		req.Sign(secret)
		require.Equal(t, "03", e.query(t, req).ResponseCode)
		r, err := http.Post(e.url+vnpay.APIPath, "application/json", bytes.NewReader([]byte("{")))
		require.NoError(t, err)
		defer r.Body.Close()
		var resp vnpay.QueryResponse
		require.NoError(t, json.NewDecoder(r.Body).Decode(&resp))
		require.Equal(t, "03", resp.ResponseCode)
	})
}

// TestRefund: a paid transaction is refunded in full or in parts up to what was paid; the
// query then says 05 and the transaction records it; other requests are refused with their
// codes.
func TestRefund(t *testing.T) {
	t.Parallel()
	setupPaid := func(t *testing.T) (*env, time.Time) {
		e := setup(t)
		created := e.clock.Now()
		e.open(t, e.newOrder("ML1"))
		require.NoError(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess))
		return e, created
	}
	t.Run("Full", func(t *testing.T) {
		t.Parallel()
		e, created := setupPaid(t)
		resp := e.refund(t, e.refundRequest("f1", "ML1", created, vnpay.RefundFull, 50_000))
		require.True(t, resp.Verify(secret))
		require.Equal(t, vnpay.APIOK, resp.ResponseCode)
		require.Equal(t, vnpay.TxnRefund, resp.TransactionStatus)
		require.Equal(t, "5000000", resp.Amount)
		require.Equal(t, "14000001", resp.TransactionNo)
		q := e.query(t, e.queryRequest("f2", "ML1", created))
		require.Equal(t, vnpay.TxnRefund, q.TransactionStatus)
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Equal(t, paymentsim.StatusRefunded, got.Status)
		require.Equal(t, int64(50_000), got.Refunded)
		require.Len(t, got.Refunds, 1)
		require.Equal(t, "motlan-portal", got.Refunds[0].CreateBy)
		// Nothing is left to refund.
		require.Equal(t, "04", e.refund(t, e.refundRequest("f3", "ML1", created, vnpay.RefundFull, 50_000)).ResponseCode)
		require.Equal(t, "02", e.refund(t, e.refundRequest("f4", "ML1", created, vnpay.RefundPartial, 1)).ResponseCode)
	})
	t.Run("Partial", func(t *testing.T) {
		t.Parallel()
		e, created := setupPaid(t)
		require.Equal(t, vnpay.APIOK, e.refund(t, e.refundRequest("p1", "ML1", created, vnpay.RefundPartial, 20_000)).ResponseCode)
		require.Equal(t, "02", e.refund(t, e.refundRequest("p2", "ML1", created, vnpay.RefundPartial, 30_001)).ResponseCode)
		require.Equal(t, "04", e.refund(t, e.refundRequest("p3", "ML1", created, vnpay.RefundFull, 50_000)).ResponseCode)
		require.Equal(t, vnpay.APIOK, e.refund(t, e.refundRequest("p4", "ML1", created, vnpay.RefundPartial, 30_000)).ResponseCode)
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Equal(t, int64(50_000), got.Refunded)
	})
	t.Run("ErrMoreThanPaid", func(t *testing.T) {
		t.Parallel()
		e, created := setupPaid(t)
		require.Equal(t, "02", e.refund(t, e.refundRequest("m1", "ML1", created, vnpay.RefundPartial, 60_000)).ResponseCode)
		require.Equal(t, "93", e.refund(t, e.refundRequest("m2", "ML1", created, vnpay.RefundFull, 60_000)).ResponseCode)
		require.Equal(t, "93", e.refund(t, e.refundRequest("m3", "ML1", created, vnpay.RefundPartial, 0)).ResponseCode)
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Zero(t, got.Refunded)
		require.Equal(t, paymentsim.StatusPaid, got.Status)
	})
	t.Run("ErrNotPaid", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		created := e.clock.Now()
		e.open(t, e.newOrder("ML1"))
		e.open(t, e.newOrder("ML2"))
		require.NoError(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeFailure))
		require.Equal(t, vnpay.APIRefundRefused, e.refund(t, e.refundRequest("n1", "ML1", created, vnpay.RefundFull, 50_000)).ResponseCode)
		require.Equal(t, vnpay.APIRefundRefused, e.refund(t, e.refundRequest("n2", "ML2", created, vnpay.RefundFull, 50_000)).ResponseCode)
		require.Equal(t, vnpay.APINotFound, e.refund(t, e.refundRequest("n3", "ML3", created, vnpay.RefundFull, 50_000)).ResponseCode)
	})
	t.Run("ErrRequest", func(t *testing.T) {
		t.Parallel()
		e, created := setupPaid(t)
		bad := e.refundRequest("e1", "ML1", created, vnpay.RefundFull, 50_000)
		bad.Amount = "100"
		resp := e.refund(t, bad)
		require.Equal(t, vnpay.APIInvalidSign, resp.ResponseCode)
		require.True(t, resp.Verify(secret))
		require.Equal(t, vnpay.APIOK, e.refund(t, e.refundRequest("e2", "ML1", created, vnpay.RefundPartial, 1_000)).ResponseCode)
		require.Equal(t, vnpay.APIDuplicate, e.refund(t, e.refundRequest("e2", "ML1", created, vnpay.RefundPartial, 1_000)).ResponseCode)
		require.Equal(t, "03", e.refund(t, e.refundRequest("e3", "ML1", created, "01", 1_000)).ResponseCode)
		wrongNo := e.refundRequest("e4", "ML1", created, vnpay.RefundPartial, 1_000)
		wrongNo.TransactionNo = "99999999"
		wrongNo.Sign(secret)
		require.Equal(t, vnpay.APINotFound, e.refund(t, wrongNo).ResponseCode)
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Equal(t, int64(1_000), got.Refunded)
	})
}
