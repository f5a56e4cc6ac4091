package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// refreshOf is where a page's meta refresh goes and after how long ("5;url=…"), "" for none.
func refreshOf(t *testing.T, p page) string {
	return p.doc(t).Find("meta[http-equiv=refresh]").AttrOr("content", "")
}

// TestPaymentReturnStates: what the page the gateway sends the payer back to says in each
// case, from the portal's own records: a cancellation or a failure offers to pay again; "pay
// later" waits, offering to check again (its script does so by itself) for a few minutes; a signed success whose IPN was lost is
// still waiting, and the case stays unpaid, until the gateway's notification arrives; a
// tampered return is refused and changes nothing.
func TestPaymentReturnStates(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code, _ := paymentCase(t, s, "2", feeItem)
	payURL := "/cases/" + code + "/payments/1/pay"

	for _, tc := range []struct {
		choice        paymentsim.Outcome
		outcome, text string
	}{
		{paymentsim.OutcomeCancel, "cancelled", "Bạn đã hủy giao dịch"},
		{paymentsim.OutcomeFailure, "failed", "Thanh toán không thành công"},
	} {
		t.Run(tc.outcome, func(t *testing.T) {
			to := an.pay(s, code, 1)
			back := an.returnPage(an.choose(to.location, tc.choice))
			require.Equal(t, http.StatusOK, back.status, back.body)
			require.Equal(t, tc.outcome, outcomeOf(t, back))
			require.Contains(t, textOf(t, back, "h1"), tc.text)
			require.Equal(t, "50.000 đồng", textOf(t, back, testid("return-amount")))
			require.Equal(t, payURL, back.doc(t).Find(testid("pay-form-1")).AttrOr("action", ""), "'Thanh toán lại'")
			require.Contains(t, textOf(t, back, testid("pay-again-1")), "Thanh toán lại")
			require.Empty(t, refreshOf(t, back))
			require.Equal(t, "failed", orderState(t, s, mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef)))
			require.Equal(t, 6, caseStatusOf(t, s, code))
			// "Thanh toán lại" from the return page opens a new order on the gateway.
			again := an.submitForm(back, testid("pay-form-1"), nil, nil)
			require.Equal(t, http.StatusSeeOther, again.status, again.body)
			require.NotEqual(t, mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef), mustParse(t, again.location).Query().Get(vnpay.ParamTxnRef))
		})
	}

	var later page // the return of "pay later", signed by the gateway
	t.Run("PendingChecksAgain", func(t *testing.T) {
		to := an.pay(s, code, 1)
		back := an.choose(to.location, paymentsim.OutcomeLater)
		later = an.returnPage(back)
		require.Equal(t, http.StatusOK, later.status, later.body)
		require.Equal(t, "pending", outcomeOf(t, later))
		require.Contains(t, textOf(t, later, "h1"), "Đang chờ cổng thanh toán xác nhận")
		require.Zero(t, later.doc(t).Find(testid("pay-form-1")).Length(), "no second payment offered while one may be under way")
		require.Empty(t, refreshOf(t, later), "no timed reload (WCAG 2.2.1): the page's script checks in place")
		check := later.doc(t).Find(testid("return-check")).AttrOr("href", "")
		require.Equal(t, check, later.doc(t).Find("[data-payment-wait]").AttrOr("data-payment-wait", ""), "the script checks where the link goes")
		require.Equal(t, "5", later.doc(t).Find("[data-payment-wait]").AttrOr("data-payment-wait-seconds", ""))
		next := mustParse(t, check)
		require.Equal(t, "/payments/return", next.Path)
		require.Equal(t, "1", next.Query().Get("check"))
		again := an.get(s.portalURL + check)
		require.Equal(t, "pending", outcomeOf(t, again), again.body)
		require.Equal(t, "2", mustParse(t, again.doc(t).Find(testid("return-check")).AttrOr("href", "")).Query().Get("check"))

		q := next.Query()
		q.Set("check", "36")
		last := an.get(s.portalURL + "/payments/return?" + q.Encode())
		require.Equal(t, "pending", outcomeOf(t, last))
		require.Zero(t, last.doc(t).Find("[data-payment-wait]").Length(), "it stops checking after three minutes")
		require.Zero(t, last.doc(t).Find(testid("return-check")).Length())
		require.Equal(t, 1, last.doc(t).Find(testid("return-waited")).Length())
		require.Equal(t, "/cases/"+code+"#payments", last.doc(t).Find(testid("return-case-link")).AttrOr("href", ""))
	})

	t.Run("ErrTampered", func(t *testing.T) {
		require.NotEmpty(t, later.body)
		q := later.url.Query()
		ref := q.Get(vnpay.ParamTxnRef)
		for name, change := range map[string]func(url.Values){
			"Amount":      func(q url.Values) { q.Set(vnpay.ParamAmount, "100") },
			"Success":     func(q url.Values) { q.Set(vnpay.ParamResponseCode, "00"); q.Set(vnpay.ParamTransactionStatus, "00") },
			"NoSignature": func(q url.Values) { q.Del(vnpay.ParamSecureHash) },
		} {
			bad := url.Values{}
			for k, v := range q {
				bad[k] = append([]string(nil), v...)
			}
			change(bad)
			p := an.get(s.portalURL + "/payments/return?" + bad.Encode())
			require.Equal(t, http.StatusBadRequest, p.status, name)
			require.Equal(t, "invalid", outcomeOf(t, p), name)
			require.Contains(t, textOf(t, p, "h1"), "Kết quả thanh toán không hợp lệ", name)
			require.NotContains(t, textOf(t, p, "main"), code, "%s: nothing of what was brought is shown", name)
			require.NotContains(t, textOf(t, p, "main"), "50.000", name)
			require.Equal(t, "pending", orderState(t, s, ref), name)
		}
		require.Equal(t, 6, caseStatusOf(t, s, code))
	})

	t.Run("LostIPNNeverPaidByBrowser", func(t *testing.T) {
		sim.SetFaults(paymentsim.Faults{LoseIPN: true})
		defer sim.SetFaults(paymentsim.Faults{})
		to := an.pay(s, code, 1)
		ref := mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef)
		require.Equal(t, later.url.Query().Get(vnpay.ParamTxnRef), ref, "the order paid later is still live: resumed")
		gatewayBack := an.choose(to.location, paymentsim.OutcomeSuccess)
		require.Equal(t, "00", mustParse(t, gatewayBack.location).Query().Get(vnpay.ParamResponseCode), "the gateway tells the browser it succeeded")
		back := an.returnPage(gatewayBack)
		require.Equal(t, "pending", outcomeOf(t, back), "only the gateway's notification pays")
		require.Equal(t, "pending", orderState(t, s, ref))
		require.Equal(t, 6, caseStatusOf(t, s, code))
		require.Equal(t, "due", itemState(t, an.get(s.portalURL+"/cases/"+code), 1))

		// The notification arrives at last: the same return page now says paid.
		ipn, ok := sim.IPNQuery(vnpayTmnCode, ref)
		require.True(t, ok)
		ans, _ := gatewayCall(t, s, ipn.Encode(), "")
		require.Equal(t, vnpay.IPNConfirmed, ans.RspCode)
		paid := an.get(back.url.String())
		require.Equal(t, "paid", outcomeOf(t, paid))
		require.Empty(t, refreshOf(t, paid))
		require.Equal(t, 4, caseStatusOf(t, s, code))
	})

	t.Run("SignedOutGoesToSignIn", func(t *testing.T) {
		stranger := newBrowser(t)
		p := stranger.get(later.url.String())
		require.Equal(t, http.StatusSeeOther, p.status)
		require.True(t, strings.HasPrefix(p.location, "/auth/login?return_to="+url.QueryEscape("/payments/return?")), p.location)
	})
}
