package payment_test

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// payWith sets the faults, pays an order through the page and returns the browser's return
// parameters.
func (e *env) payWith(t *testing.T, f paymentsim.Faults, ref string) url.Values {
	t.Helper()
	e.sim.SetFaults(f)
	resp, _ := e.choose(t, e.newOrder(ref), paymentsim.OutcomeSuccess)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	back := loc.Query()
	require.True(t, vnpay.Verify(secret, back), "the browser return is always true and signed")
	require.Equal(t, "00", back.Get(vnpay.ParamResponseCode))
	require.Equal(t, "5000000", back.Get(vnpay.ParamAmount))
	return back
}

// TestFaults: each switch does to the IPN what it says, and only to the IPN.
func TestFaults(t *testing.T) {
	t.Parallel()
	t.Run("LoseIPN", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.payWith(t, paymentsim.Faults{LoseIPN: true}, "ML1")
		require.Empty(t, e.merchant.received())
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Equal(t, 1, got.IPNLost)
		require.Empty(t, got.IPNs)
		require.Zero(t, e.sim.RetryIPNs(bg), "a lost IPN is not retried")
		require.Zero(t, e.sim.FlushDelayed(bg))
		require.Empty(t, e.merchant.received())
		// The gateway still knows it was paid: reconciliation finds it.
		resp := e.query(t, e.queryRequest("r1", "ML1", e.clock.Now()))
		require.Equal(t, vnpay.APIOK, resp.ResponseCode)
		require.Equal(t, vnpay.TxnSuccess, resp.TransactionStatus)
	})
	t.Run("DuplicateIPN", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.payWith(t, paymentsim.Faults{DuplicateIPN: 3}, "ML1")
		ipns := e.merchant.received()
		require.Len(t, ipns, 4)
		for _, in := range ipns {
			require.True(t, in.SignedOK)
			require.Equal(t, ipns[0].Query.Encode(), in.Query.Encode())
		}
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Len(t, got.IPNs, 4)
	})
	t.Run("DelayIPN", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.payWith(t, paymentsim.Faults{DelayIPN: true}, "ML1")
		e.payWith(t, paymentsim.Faults{DelayIPN: true}, "ML2")
		require.Empty(t, e.merchant.received())
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.True(t, got.IPNHeld)

		require.Equal(t, 2, e.sim.FlushDelayed(bg))
		ipns := e.merchant.received()
		require.Len(t, ipns, 2)
		require.True(t, ipns[0].SignedOK)
		require.Equal(t, "ML1", ipns[0].Query.Get(vnpay.ParamTxnRef))
		require.Equal(t, "ML2", ipns[1].Query.Get(vnpay.ParamTxnRef))
		got, _ = e.sim.Transaction(tmn, "ML1")
		require.False(t, got.IPNHeld)
		require.Zero(t, e.sim.FlushDelayed(bg))
		require.Len(t, e.merchant.received(), 2)
	})
	t.Run("DelayIPNByDuration", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.payWith(t, paymentsim.Faults{DelayIPN: true}, "ML1")
		e.clock.Add(20 * time.Second)
		e.payWith(t, paymentsim.Faults{DelayIPN: true}, "ML2")
		e.clock.Add(10 * time.Second)
		require.Equal(t, 1, e.sim.FlushDelayedOlderThan(bg, 30*time.Second))
		ipns := e.merchant.received()
		require.Len(t, ipns, 1)
		require.Equal(t, "ML1", ipns[0].Query.Get(vnpay.ParamTxnRef))
		e.clock.Add(20 * time.Second)
		require.Equal(t, 1, e.sim.FlushDelayedOlderThan(bg, 30*time.Second))
		require.Len(t, e.merchant.received(), 2)
	})
	t.Run("WrongAmount", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.payWith(t, paymentsim.Faults{WrongAmount: true}, "ML1")
		ipns := e.merchant.received()
		require.Len(t, ipns, 1)
		require.True(t, ipns[0].SignedOK, "signed correctly")
		require.Equal(t, "5100000", ipns[0].Query.Get(vnpay.ParamAmount))
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Equal(t, int64(50_000), got.AmountVND)
		require.Equal(t, int64(51_000), got.IPNs[0].AmountVND)
	})
	t.Run("BadSignature", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.payWith(t, paymentsim.Faults{BadSignature: true}, "ML1")
		ipns := e.merchant.received()
		require.Len(t, ipns, 1)
		require.False(t, ipns[0].SignedOK)
		require.NotEmpty(t, ipns[0].Query.Get(vnpay.ParamSecureHash))
		require.Equal(t, "5000000", ipns[0].Query.Get(vnpay.ParamAmount))
	})
	t.Run("Cleared", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.sim.SetFaults(paymentsim.Faults{LoseIPN: true, DuplicateIPN: 2})
		require.Equal(t, paymentsim.Faults{LoseIPN: true, DuplicateIPN: 2}, e.sim.CurrentFaults())
		e.payWith(t, paymentsim.Faults{}, "ML1")
		require.Len(t, e.merchant.received(), 1)
	})
}

// TestRetryIPN: an IPN without a 00 or 02 answer is called again on RetryIPNs, at most three
// more times; an answer of 00 or 02 stops the retries.
func TestRetryIPN(t *testing.T) {
	t.Parallel()
	t.Run("UntilAnswered", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.merchant.setAnswer(vnpay.IPNOther)
		e.payWith(t, paymentsim.Faults{}, "ML1")
		require.Equal(t, 1, e.sim.RetryIPNs(bg))
		e.merchant.setAnswer(vnpay.IPNAlreadyConfirmed)
		require.Equal(t, 1, e.sim.RetryIPNs(bg))
		require.Zero(t, e.sim.RetryIPNs(bg))
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Len(t, got.IPNs, 3)
		require.Equal(t, []string{"99", "99", "02"}, []string{got.IPNs[0].RspCode, got.IPNs[1].RspCode, got.IPNs[2].RspCode})
		require.Equal(t, []int{0, 1, 2}, []int{got.IPNs[0].Retry, got.IPNs[1].Retry, got.IPNs[2].Retry})
	})
	t.Run("AtMostThreeMore", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.merchant.setAnswer(vnpay.IPNInvalidSignature)
		e.payWith(t, paymentsim.Faults{}, "ML1")
		for range paymentsim.MaxIPNRetries {
			require.Equal(t, 1, e.sim.RetryIPNs(bg))
		}
		require.Zero(t, e.sim.RetryIPNs(bg))
		require.Len(t, e.merchant.received(), 1+paymentsim.MaxIPNRetries)
	})
	t.Run("MerchantDown", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		down := httptestClosedURL(t)
		e.sim.SetMerchant(tmn, paymentsim.Merchant{Secret: secret, IPNURL: down})
		e.payWith(t, paymentsim.Faults{}, "ML1")
		got, _ := e.sim.Transaction(tmn, "ML1")
		require.Len(t, got.IPNs, 1)
		require.Empty(t, got.IPNs[0].RspCode)
		require.NotEmpty(t, got.IPNs[0].Err)
		// The merchant is back: the retry reaches it.
		e.sim.SetMerchant(tmn, paymentsim.Merchant{Secret: secret, IPNURL: e.merchantURL})
		require.Equal(t, 1, e.sim.RetryIPNs(bg))
		require.Len(t, e.merchant.received(), 1)
		require.Zero(t, e.sim.RetryIPNs(bg))
	})
}

// TestConcurrentChoices: two presses at once settle a transaction once and send one IPN;
// many payments at once keep distinct transaction numbers.
func TestConcurrentChoices(t *testing.T) {
	t.Parallel()
	e := setup(t)
	o := e.newOrder("ML1")
	e.open(t, o)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { errs[i] = e.sim.Complete(bg, tmn, "ML1", paymentsim.OutcomeSuccess) })
	}
	wg.Wait()
	require.ElementsMatch(t, []error{nil, paymentsim.ErrSettled}, errs)
	require.Len(t, e.merchant.received(), 1)

	refs := make([]string, 20)
	for i := range refs {
		refs[i] = "MLC" + string(rune('A'+i))
		wg.Go(func() {
			if _, err := e.sim.Open(e.payURL(e.newOrder(refs[i]))); err == nil {
				_ = e.sim.Complete(bg, tmn, refs[i], paymentsim.OutcomeSuccess)
			}
			_ = e.sim.Transactions(tmn)
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, tx := range e.sim.Transactions(tmn) {
		require.Equal(t, paymentsim.StatusPaid, tx.Status, tx.TxnRef)
		require.Len(t, tx.TransactionNo, 8)
		require.False(t, seen[tx.TransactionNo], "transaction number %s twice", tx.TransactionNo)
		seen[tx.TransactionNo] = true
	}
	require.Len(t, seen, 21)
}

func TestParseFaults(t *testing.T) {
	t.Parallel()
	for spec, want := range map[string]struct {
		f     paymentsim.Faults
		delay time.Duration
	}{
		"":                              {},
		"lose-ipn":                      {f: paymentsim.Faults{LoseIPN: true}},
		"duplicate-ipn":                 {f: paymentsim.Faults{DuplicateIPN: 1}},
		"duplicate-ipn:3, wrong-amount": {f: paymentsim.Faults{DuplicateIPN: 3, WrongAmount: true}},
		"delay-ipn":                     {f: paymentsim.Faults{DelayIPN: true}},
		"delay-ipn:30s":                 {f: paymentsim.Faults{DelayIPN: true}, delay: 30 * time.Second},
		"bad-signature,lose-ipn":        {f: paymentsim.Faults{BadSignature: true, LoseIPN: true}},
		"wrong-amount,bad-signature,delay-ipn:1m": {f: paymentsim.Faults{WrongAmount: true, BadSignature: true, DelayIPN: true}, delay: time.Minute},
	} {
		f, d, err := paymentsim.ParseFaults(spec)
		require.NoError(t, err, spec)
		require.Equal(t, want.f, f, spec)
		require.Equal(t, want.delay, d, spec)
	}
	for _, spec := range []string{"lose", "lose-ipn:1", "duplicate-ipn:x", "duplicate-ipn:-1", "duplicate-ipn:51", "delay-ipn:soon", "delay-ipn:-1s", "wrong-amount:2"} {
		_, _, err := paymentsim.ParseFaults(spec)
		require.Error(t, err, spec)
	}
	require.Equal(t, "lose-ipn,duplicate-ipn:2,bad-signature", paymentsim.Faults{LoseIPN: true, DuplicateIPN: 2, BadSignature: true}.String())
	require.Equal(t, "none", paymentsim.Faults{}.String())
}
