package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserPaymentJourney is issue 16's "done when", in real browsers at 1280 and 375 px: the
// officer asks for a fee with the items form (a wrong amount refused on its field first); the
// citizen sees the task on home and the item on the case page, presses "Thanh toán", pays on the
// gateway simulator's page and comes back to the portal's return page; the gateway's
// notification has moved the case on to processing; the e-receipt's text gives the amount in
// Vietnamese words; the supervisor's payments report counts the payment. Every portal page is
// checked by axe and every step screenshotted.
func TestBrowserPaymentJourney(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		name string
		opts []browsertest.Option
	}{
		{"Desktop1280", []browsertest.Option{browsertest.Viewport(1280, 900)}},
		{"Phone375", []browsertest.Option{browsertest.Mobile(), browsertest.Viewport(375, 812)}},
	} {
		t.Run(size.name, func(t *testing.T) {
			t.Parallel()
			s, sim := startPaymentStack(t, nil)
			an := newBrowser(t)
			an.signIn(s, anPersonalID)
			code := submitBirthRegistration(t, s, an)
			clerk := newBrowser(t)
			clerk.signInStaff(s, "canbo.ubnd.hoankiem")
			clerk.act(s, code, "receive", nil)
			clerk.act(s, code, "start_processing", nil)
			id := browsertest.TestID

			// The officer asks for the fee.
			officer := browsertest.New(t, append(size.opts, browsertest.Label("officer"))...)
			signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
			officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("other-actions"))
			officer.Click(id("other-actions") + " summary")
			officer.ClickNavigate(id("do-request_payment"))
			officer.WaitVisible(id("payreq-form"))
			require.Equal(t, 1, officer.Count(id("payreq-no-schedule")), "a birth registered in time is exempt: nothing from the schedule")
			officer.Screenshot("officer-form")
			officer.AssertAccessible(t)
			officer.Click("label[for='item-0-on']")
			officer.SetValue("#item-0-kind", "le_phi")
			officer.SetValue("#item-0-name", "Lệ phí cấp bản sao trích lục khai sinh")
			officer.SetValue("#item-0-amount", "50.000 đồng")
			officer.SetValue("#reason", "Lệ phí cấp bản sao trích lục theo Thông tư 85/2019/TT-BTC")
			officer.ClickNavigate(id("payreq-submit"))
			officer.WaitVisible(id("error-summary"))
			require.Contains(t, officer.Text(id("error-summary")), "Khoản 1: Số tiền phải là số nguyên đồng")
			require.Equal(t, "50.000 đồng", officer.Value("#item-0-amount"), "kept as typed")
			require.Equal(t, "Lệ phí cấp bản sao trích lục khai sinh", officer.Value("#item-0-name"))
			officer.Screenshot("officer-form-error")
			officer.AssertAccessible(t)
			officer.SetValue("#item-0-amount", "50.000")
			officer.ClickNavigate(id("payreq-submit"))
			officer.WaitVisible(id("staff-payments"))
			require.Contains(t, officer.Text(id("success-banner")), "Đã gửi yêu cầu thực hiện nghĩa vụ tài chính")
			require.Contains(t, officer.Text(id("payments-due")), "50.000")
			officer.Screenshot("officer-requested")
			officer.AssertAccessible(t)

			// The citizen pays.
			citizen := browsertest.New(t, append(size.opts, browsertest.Label("citizen"))...)
			signInBrowser(t, citizen, s, anPersonalID, "/")
			citizen.WaitVisible(id("tasks"))
			require.Equal(t, 1, citizen.Count("[data-testid=task][data-code='"+code+"']"), "the fee to pay is a task on home")
			citizen.Screenshot("citizen-home")
			citizen.NavigateAndWait(s.portalURL+"/cases/"+code, id("pay-item-1"))
			require.Contains(t, citizen.Text(id("payment-items")), "Lệ phí cấp bản sao trích lục khai sinh")
			citizen.Screenshot("citizen-case-pay")
			citizen.AssertAccessible(t)
			citizen.ClickNavigate(id("pay-item-1"))
			citizen.WaitVisible(id("sim-pay-success"))
			require.True(t, strings.HasPrefix(citizen.URL(), sim.url+"/"), citizen.URL())
			require.Contains(t, citizen.Text("body"), "50.000")
			citizen.Screenshot("gateway")
			citizen.ClickNavigate(id("sim-pay-success"))
			citizen.WaitVisible(id("payment-return"))
			require.True(t, strings.HasPrefix(citizen.URL(), s.portalURL+"/payments/return"), citizen.URL())
			outcome, _ := citizen.Attribute(id("payment-return"), "data-outcome")
			require.Equal(t, "paid", outcome, "the notification came before the browser")
			citizen.Screenshot("return-paid")
			citizen.AssertAccessible(t)

			citizen.NavigateAndWait(s.portalURL+"/cases/"+code, id("receipt-item-1"))
			st, _ := citizen.Attribute("[data-testid=case-status] [data-status]", "data-status")
			require.Equal(t, "4", st, "the case moved on after the IPN")
			require.Contains(t, citizen.Text(id("case-status")), "Đang xử lý")
			citizen.Screenshot("citizen-case-paid")
			citizen.AssertAccessible(t)
			href, _ := citizen.Attribute(id("receipt-item-1"), "href")
			pdf := fetchPDF(t, citizen, href)
			text := strings.Join(strings.Fields(receiptPDFText(t, pdf)), " ")
			require.Contains(t, text, "Năm mươi nghìn đồng")
			require.Contains(t, text, code)
			pages := pdfPages(t, citizen, pdf, "e-receipt")
			require.Len(t, pages, 1, "the e-receipt fits one page")
			require.Empty(t, citizen.ConsoleErrors())

			// The officer's page, then the supervisor's report.
			officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("staff-payments"))
			state, _ := officer.Attribute(id("payment-item")+"[data-seq='1']", "data-state")
			require.Equal(t, "paid", state)
			officer.Click(id("payment-orders") + " summary")
			officer.WaitVisible(id("payment-order"))
			officer.Screenshot("officer-paid")
			officer.AssertAccessible(t)
			for _, e := range officer.ConsoleErrors() { // the refused request answers 422, as it should
				require.Contains(t, e, "status of 422", e)
			}

			sup := browsertest.New(t, append(size.opts, browsertest.Label("supervisor"))...)
			signInStaffBrowser(t, sup, s, "giamsat.ubnd.hoankiem")
			sup.NavigateAndWait(s.portalURL+"/staff/dashboard", id("dashboard-payments"))
			sup.ClickNavigate(id("dashboard-payments"))
			sup.WaitVisible(id("payreport"))
			require.Equal(t, "1", strings.TrimSpace(sup.Text(id("payreport-total")+" "+id("paid-count"))))
			require.Contains(t, sup.Text(id("payreport-total")+" "+id("paid-vnd")), "50.000")
			sup.Screenshot("supervisor-report")
			sup.AssertAccessible(t)
			sup.SetValue("#to", "31")
			sup.SetValue("#to-month", "2")
			sup.ClickNavigate(id("payreport-show"))
			sup.WaitVisible(id("error-summary"))
			sup.Screenshot("supervisor-report-error")
			sup.AssertAccessible(t)
			for _, e := range sup.ConsoleErrors() { // the refused range answers 422
				require.Contains(t, e, "status of 422", e)
			}
		})
	}
}
