package payment_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestPayerPage: a signed redirect opens the payer's page with the order and the four buttons;
// a tampered, expired, malformed or unknown one shows the gateway's refusal with its code.
func TestPayerPage(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		e := setup(t)
		resp, page := e.get(t, e.payURL(e.newOrder("ML20261205000001")))
		require.Equal(t, http.StatusOK, resp.StatusCode)
		for _, want := range []string{
			"Cổng thanh toán VNPAY — bản mô phỏng (không dùng tiền thật)",
			`data-testid="sim-tmn">MOTLAN01<`,
			`data-testid="sim-amount">50.000 VND<`,
			`data-testid="sim-order-info">Thanh toan le phi ho so H01.2026.000001<`,
			`data-testid="sim-expire">09:15:00 05/12/2026<`,
			`data-testid="sim-pay-success">Thanh toán thành công<`,
			`data-testid="sim-pay-failure">Thanh toán thất bại (không đủ số dư)<`,
			`data-testid="sim-pay-cancel">Hủy giao dịch<`,
			`data-testid="sim-pay-later">Thanh toán sau<`,
			`name="viewport" content="width=device-width, initial-scale=1"`,
		} {
			require.Contains(t, page, want)
		}
		require.NotContains(t, page, "<script")
		csp := resp.Header.Get("Content-Security-Policy")
		require.Contains(t, csp, "form-action 'self' https://portal.example")
		got, ok := e.sim.Transaction(tmn, "ML20261205000001")
		require.True(t, ok)
		require.Equal(t, paymentsim.StatusPending, got.Status)
		require.Equal(t, int64(50_000), got.AmountVND)
	})
	refused := func(t *testing.T, e *env, u, code, message string) {
		t.Helper()
		resp, page := e.get(t, u)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Contains(t, page, `data-testid="sim-error-code">`+code+`<`)
		require.Contains(t, page, message)
		require.NotContains(t, page, "sim-pay-success")
	}
	t.Run("ErrTamperedAmount", func(t *testing.T) {
		e := setup(t)
		u := strings.Replace(e.payURL(e.newOrder("ML1")), "vnp_Amount=5000000", "vnp_Amount=100", 1)
		refused(t, e, u, "97", "Sai chữ ký")
		_, ok := e.sim.Transaction(tmn, "ML1")
		require.False(t, ok)
	})
	t.Run("ErrExpired", func(t *testing.T) {
		e := setup(t)
		o := e.newOrder("ML1")
		e.clock.Add(16 * time.Minute)
		refused(t, e, e.payURL(o), "11", "Giao dịch đã quá thời gian chờ thanh toán")
	})
	t.Run("ErrUnknownMerchant", func(t *testing.T) {
		e := setup(t)
		q := e.newOrder("ML1").params()
		q.Set(vnpay.ParamTmnCode, "OTHER001")
		refused(t, e, e.url+vnpay.PayPath+"?"+vnpay.SignParams(secret, q), "02", "chưa được phê duyệt")
	})
	for name, edit := range map[string]func(url.Values){
		"ErrVersion":   func(q url.Values) { q.Set(vnpay.ParamVersion, "2.0.0") },
		"ErrCommand":   func(q url.Values) { q.Set(vnpay.ParamCommand, "querydr") },
		"ErrCurrency":  func(q url.Values) { q.Set(vnpay.ParamCurrCode, "USD") },
		"ErrAmount":    func(q url.Values) { q.Set(vnpay.ParamAmount, "5000050") },
		"ErrZero":      func(q url.Values) { q.Set(vnpay.ParamAmount, "0") },
		"ErrReturnURL": func(q url.Values) { q.Set(vnpay.ParamReturnURL, "/payments/return") },
		"ErrScheme":    func(q url.Values) { q.Set(vnpay.ParamReturnURL, "javascript:alert(1)") },
		"ErrTxnRef":    func(q url.Values) { q.Set(vnpay.ParamTxnRef, "ML 1") },
		"ErrNoExpiry":  func(q url.Values) { q.Del(vnpay.ParamExpireDate) },
	} {
		t.Run(name, func(t *testing.T) {
			e := setup(t)
			q := e.newOrder("ML1").params()
			edit(q)
			refused(t, e, e.url+vnpay.PayPath+"?"+vnpay.SignParams(secret, q), "03", "Dữ liệu gửi sang không đúng định dạng")
		})
	}
	t.Run("ReopenedShowsTheSameTransaction", func(t *testing.T) {
		e := setup(t)
		o := e.newOrder("ML1")
		_, first := e.get(t, e.payURL(o))
		_, second := e.get(t, e.payURL(o))
		require.Equal(t, hidden(t, first, "token"), hidden(t, second, "token"))
		require.Len(t, e.sim.Transactions(tmn), 1)
	})
	t.Run("ErrOtherAmountSameRef", func(t *testing.T) {
		e := setup(t)
		o := e.newOrder("ML1")
		e.open(t, o)
		o.amount = 60_000
		refused(t, e, e.payURL(o), "94", "Giao dịch đã tồn tại")
	})
	t.Run("ErrAlreadyPaid", func(t *testing.T) {
		e := setup(t)
		o := e.newOrder("ML1")
		e.open(t, o)
		require.NoError(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess))
		refused(t, e, e.payURL(o), "94", "Giao dịch đã tồn tại")
	})
}

// TestChoose: each button records its outcome, sends the IPN before the redirect (signed,
// verified by the merchant), and sends the browser back to vnp_ReturnUrl with the same signed
// result; "pay later" sends no IPN and returns status 01 without a response code.
func TestChoose(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		outcome        paymentsim.Outcome
		code, status   string
		word           string
		bankTranNoSent bool
	}{
		{paymentsim.OutcomeSuccess, "00", "00", paymentsim.StatusPaid, true},
		{paymentsim.OutcomeFailure, "51", "02", paymentsim.StatusFailed, false},
		{paymentsim.OutcomeCancel, "24", "02", paymentsim.StatusFailed, false},
	} {
		t.Run(string(c.outcome), func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			o := e.newOrder("ML20261205000001")
			e.clock.Add(2 * time.Minute)
			resp, form := e.choose(t, o, c.outcome)
			require.Equal(t, http.StatusSeeOther, resp.StatusCode)

			// The IPN arrived before the redirect, signed.
			ipns := e.merchant.received()
			require.Len(t, ipns, 1)
			require.True(t, ipns[0].SignedOK)
			q := ipns[0].Query
			require.Equal(t, tmn, q.Get(vnpay.ParamTmnCode))
			require.Equal(t, "ML20261205000001", q.Get(vnpay.ParamTxnRef))
			require.Equal(t, "5000000", q.Get(vnpay.ParamAmount))
			require.Equal(t, c.code, q.Get(vnpay.ParamResponseCode))
			require.Equal(t, c.status, q.Get(vnpay.ParamTransactionStatus))
			require.Equal(t, "14000001", q.Get(vnpay.ParamTransactionNo))
			require.Equal(t, "NCB", q.Get(vnpay.ParamBankCode))
			require.Equal(t, "ATM", q.Get(vnpay.ParamCardType))
			require.Equal(t, "20261205090200", q.Get(vnpay.ParamPayDate))
			require.Equal(t, "Thanh toan le phi ho so H01.2026.000001", q.Get(vnpay.ParamOrderInfo))
			require.Equal(t, c.bankTranNoSent, q.Get(vnpay.ParamBankTranNo) == "VNP14000001")

			// The browser goes back with the same signed parameters.
			loc, err := url.Parse(resp.Header.Get("Location"))
			require.NoError(t, err)
			require.Equal(t, "https://portal.example/payments/return", loc.Scheme+"://"+loc.Host+loc.Path)
			back := loc.Query()
			require.True(t, vnpay.Verify(secret, back))
			require.Equal(t, vnpay.HashData(q), vnpay.HashData(back))

			got, ok := e.sim.Transaction(tmn, "ML20261205000001")
			require.True(t, ok)
			require.Equal(t, c.word, got.Status)
			require.Equal(t, c.code, got.ResponseCode)
			require.Len(t, got.IPNs, 1)
			require.Equal(t, vnpay.IPNConfirmed, got.IPNs[0].RspCode)

			// A second press (a double click) goes to the same place and sends nothing more;
			// the page of a settled transaction is refused.
			again := e.post(t, form)
			require.Equal(t, http.StatusSeeOther, again.StatusCode)
			require.Equal(t, resp.Header.Get("Location"), again.Header.Get("Location"))
			require.Len(t, e.merchant.received(), 1)
			page, _ := e.get(t, e.payURL(o))
			require.Equal(t, http.StatusBadRequest, page.StatusCode)
		})
	}
	t.Run("later", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		o := e.newOrder("ML1")
		resp, _ := e.choose(t, o, paymentsim.OutcomeLater)
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Empty(t, e.merchant.received())
		loc, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(t, err)
		back := loc.Query()
		require.True(t, vnpay.Verify(secret, back))
		require.Equal(t, "01", back.Get(vnpay.ParamTransactionStatus))
		require.Empty(t, back.Get(vnpay.ParamResponseCode))
		require.Equal(t, "ML1", back.Get(vnpay.ParamTxnRef))
		require.Equal(t, "5000000", back.Get(vnpay.ParamAmount))
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Equal(t, paymentsim.StatusPending, got.Status)

		// The payer comes back later through the same link and pays.
		resp, _ = e.choose(t, o, paymentsim.OutcomeSuccess)
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Len(t, e.merchant.received(), 1)
	})
	t.Run("ErrToken", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		a, b := e.newOrder("ML1"), e.newOrder("ML2")
		_, pageA := e.get(t, e.payURL(a))
		e.open(t, b)
		// A's form token does not settle B.
		r, err := e.client.PostForm(e.url+vnpay.PayPath, url.Values{"tmn": {tmn}, "ref": {"ML2"},
			"token": {hidden(t, pageA, "token")}, "choice": {"success"}})
		require.NoError(t, err)
		_ = r.Body.Close()
		require.Equal(t, http.StatusBadRequest, r.StatusCode)
		got, _ := e.sim.Transaction(tmn, "ML2")
		require.Equal(t, paymentsim.StatusPending, got.Status)
		require.Empty(t, e.merchant.received())
	})
	t.Run("ExpiredWhileOnThePage", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		o := e.newOrder("ML1")
		e.open(t, o)
		e.clock.Add(20 * time.Minute)
		require.NoError(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess))
		ipns := e.merchant.received()
		require.Len(t, ipns, 1)
		require.Equal(t, "11", ipns[0].Query.Get(vnpay.ParamResponseCode))
		require.Equal(t, "02", ipns[0].Query.Get(vnpay.ParamTransactionStatus))
	})
}

// TestComplete: the Go API settles like the page and refuses what the page refuses.
func TestComplete(t *testing.T) {
	t.Parallel()
	e := setup(t)
	require.ErrorIs(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess), paymentsim.ErrNotFound)
	e.open(t, e.newOrder("ML1"))
	require.Error(t, e.sim.Complete(bg, tmn, "ML1", "maybe"))
	require.NoError(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess))
	require.ErrorIs(t, e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeFailure), paymentsim.ErrSettled)

	q, ok := e.sim.IPNQuery(tmn, "ML1")
	require.True(t, ok)
	require.True(t, vnpay.Verify(secret, q))
	require.Equal(t, vnpay.HashData(e.merchant.received()[0].Query), vnpay.HashData(q))
	back, ok := e.sim.ReturnURL(tmn, "ML1")
	require.True(t, ok)
	require.True(t, strings.HasPrefix(back, "https://portal.example/payments/return?"))

	var refusal *paymentsim.Refusal
	_, err := e.sim.Open(e.payURL(e.newOrder("ML1")))
	require.ErrorAs(t, err, &refusal)
	require.Equal(t, "94", refusal.Code)
}
