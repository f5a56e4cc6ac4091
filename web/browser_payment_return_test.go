package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserPaymentReturn: the payment pages in real browsers at 375 and 1280 px, through the
// gateway simulator's page: the case page's "Phí, lệ phí" with two items; the payer cancels
// (the return page offers "Thanh toán lại"), pays later (the page waits), then completes the
// payment on the gateway (the waiting page shows it paid, with the e-receipt, by itself); a
// tampered return is refused. Every portal page is checked
// by axe and screenshotted.
func TestBrowserPaymentReturn(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	id := browsertest.TestID
	for i, size := range []struct {
		name string
		opts []browsertest.Option
	}{
		{"Phone375", []browsertest.Option{browsertest.Mobile(), browsertest.Viewport(375, 812)}},
		{"Desktop1280", []browsertest.Option{browsertest.Viewport(1280, 900)}},
	} {
		t.Run(size.name, func(t *testing.T) {
			code, _ := paymentCase(t, s, "B"+string(rune('1'+i)), feeItem, chargeItem)
			b := browsertest.New(t, size.opts...)
			signInBrowser(t, b, s, anPersonalID, "/cases/"+code)
			b.WaitVisible(id("payment-items"))
			require.Equal(t, 2, b.Count(id("payment-item")))
			b.Screenshot("case-payments")
			b.AssertAccessible(t)

			b.ClickNavigate(id("pay-item-1"))
			b.WaitVisible(id("sim-pay-cancel"))
			require.True(t, strings.Contains(b.URL(), vnpay.PayPath), b.URL())
			b.Screenshot("gateway")
			b.ClickNavigate(id("sim-pay-cancel"))
			b.WaitVisible("[data-outcome=cancelled]")
			b.Screenshot("return-cancelled")
			b.AssertAccessible(t)

			b.ClickNavigate(id("pay-again-1"))
			b.WaitVisible(id("sim-pay-later"))
			b.ClickNavigate(id("sim-pay-later"))
			b.WaitVisible("[data-outcome=pending]")
			require.Equal(t, 1, b.Count(id("return-checking")))
			pending := b.URL()
			b.Screenshot("return-pending")
			b.AssertAccessible(t)

			// The payer completes the payment on the gateway afterwards (another tab, say): the
			// waiting page's script finds the outcome and puts it in place, without a reload.
			ref := mustParse(t, pending).Query().Get(vnpay.ParamTxnRef)
			require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, ref, paymentsim.OutcomeSuccess))
			b.WaitVisible("[data-outcome=paid]")
			require.Equal(t, pending, b.URL(), "the same page, updated in place")
			require.Equal(t, "50.000 đồng", b.Text(id("return-amount")))
			require.Equal(t, 1, b.Count(id("payment-return-region")+"[aria-live=polite] "+id("return-receipt")))
			require.True(t, strings.HasPrefix(b.Title(), "Đã thanh toán thành công"), b.Title())
			b.Screenshot("return-paid")
			b.AssertAccessible(t)

			b.NavigateAndWait(strings.Replace(pending, "vnp_Amount=5000000", "vnp_Amount=100", 1), "[data-outcome=invalid]")
			b.Screenshot("return-invalid")
			b.AssertAccessible(t)

			b.NavigateAndWait(s.portalURL+"/cases/"+code, id("receipt-item-1"))
			state, _ := b.Attribute("[data-testid=payment-item][data-seq='1']", "data-state")
			require.Equal(t, "paid", state)
			b.Screenshot("case-one-paid")
			b.AssertAccessible(t)
			for _, e := range b.ConsoleErrors() { // the tampered return answers 400, as it should
				require.Contains(t, e, "status of 400", e)
			}
		})
	}
}
