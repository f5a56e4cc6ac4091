package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// requestFees opens the officer's request form of a case in processing and sends it with
// changes; it returns the portal's answer to the post.
func (b *browser) requestFees(s *stack, code string, changes url.Values) page {
	b.t.Helper()
	form := b.get(s.portalURL + "/staff/cases/" + code + "/payments/request")
	require.Equal(b.t, http.StatusOK, form.status, form.body)
	return b.submitForm(form, testid("payreq-form"), changes, nil)
}

// payOn presses "Thanh toán" of item seq and opens the gateway's page, as the payer's browser
// does; it returns the order's merchant reference.
func payOn(t *testing.T, s *stack, sim paymentSim, an *browser, code string, seq int) string {
	t.Helper()
	to := an.pay(s, code, seq)
	require.Equal(t, http.StatusSeeOther, to.status, to.body)
	_, err := sim.Open(to.location)
	require.NoError(t, err)
	return mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef)
}

// refunder is the portal's merchant as its periodic job runs it, asking the simulator for
// refunds over the gateway's API.
func refunder(s *stack, sim paymentSim) *payment.Service {
	cat := catalogue.New(s.db)
	work := casework.New(s.db, casework.Deps{Calendars: calendar.NewService(s.db), Procedures: procedureDays{cat}})
	return payment.New(s.db, payment.Deps{Cases: cases.New(s.db, nil, quietLogger()), Casework: work, Fees: cat},
		payment.Config{TmnCode: vnpayTmnCode, HashSecret: vnpaySecret, APIURL: sim.url + vnpay.APIPath, Now: time.Now, Log: quietLogger()})
}

// TestOfficerRequestsAndTheReportMatchesTheGateway: the officer asks for a fee with the items
// form (a wrong amount first, kept and refused on its field); payments then go through the
// gateway simulator — paid, failed, left for later, and paid for a case stopped meanwhile, which
// is refunded — and the supervisor's CSV export for the day is byte for byte the gateway's
// reconciliation report of the same day; the report page counts the same; the officer's case
// pages show the items, the orders, the refund and the e-receipt.
func TestOfficerRequestsAndTheReportMatchesTheGateway(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	// The range: the day the test starts and the next, should it run past midnight.
	start := time.Now().In(vnpay.Vietnam)
	from, to := start.Format(time.DateOnly), start.AddDate(0, 0, 1).Format(time.DateOnly)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")

	// Case A through the officer's form: birth registration is exempt from its fee, so only
	// blank rows are offered.
	a := submitBirthRegistration(t, s, an)
	officer.act(s, a, "receive", nil)
	officer.act(s, a, "start_processing", nil)
	fill := url.Values{"items.0.on": {"1"}, "items.0.kind": {"le_phi"}, "items.0.name": {"Lệ phí cấp bản sao trích lục khai sinh"},
		"items.0.amount": {"50.000đ"}, "reason": {"Lệ phí cấp bản sao theo Thông tư 85/2019/TT-BTC"}}
	refused := officer.requestFees(s, a, fill)
	require.Equal(t, http.StatusUnprocessableEntity, refused.status, refused.body)
	require.Equal(t, "#item-0-amount", refused.doc(t).Find(testid("error-summary")+" a").AttrOr("href", ""))
	require.Equal(t, "50.000đ", refused.doc(t).Find("#item-0-amount").AttrOr("value", ""), "kept as typed")
	fill.Set("items.0.amount", "50.000")
	done := officer.followFrom(officer.submitForm(refused, testid("payreq-form"), fill, nil))
	require.Equal(t, http.StatusOK, done.status, done.body)
	require.Equal(t, "6", caseStatus(t, done))
	require.Equal(t, "due", done.doc(t).Find(testid("payment-item")+"[data-seq='1']").AttrOr("data-state", ""))
	require.Contains(t, textOf(t, done, testid("payments-due")), "50.000")

	// A: paid.
	refA := payOn(t, s, sim, an, a, 1)
	require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, refA, paymentsim.OutcomeSuccess))
	// B: the fee failed (not enough money), the charge left for later.
	b, _ := paymentCase(t, s, "R1", feeItem, chargeItem)
	require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, payOn(t, s, sim, an, b, 1), paymentsim.OutcomeFailure))
	require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, payOn(t, s, sim, an, b, 2), paymentsim.OutcomeLater))
	// C: the officer stops the case while the citizen is on the gateway's page; the payment
	// then confirmed is flagged for refund, and the refund asked of the gateway.
	c, _ := paymentCase(t, s, "R2", feeItem)
	refC := payOn(t, s, sim, an, c, 1)
	officer.act(s, c, "stop", url.Values{"reason": {"Hồ sơ trùng với hồ sơ đã giải quyết"}})
	require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, refC, paymentsim.OutcomeSuccess))
	_, err := refunder(s, sim).RequestRefunds(context.Background())
	require.NoError(t, err)
	txC, ok := sim.Transaction(vnpayTmnCode, refC)
	require.True(t, ok)
	require.Equal(t, paymentsim.StatusRefunded, txC.Status, "the gateway refunded it")

	// The supervisor's export equals the gateway's report of the same days.
	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")
	mine := sup.get(s.portalURL + "/staff/dashboard/payments.csv?" + url.Values{"from": {from}, "to": {to}}.Encode())
	require.Equal(t, http.StatusOK, mine.status, mine.body)
	require.Equal(t, "text/csv; charset=utf-8", mine.header.Get("Content-Type"))
	theirs := gatewayReport(t, sim, from, to)
	require.Len(t, strings.Split(strings.TrimSuffix(mine.body, "\n"), "\n"), 5, "the header and four orders")
	require.Equal(t, theirs, mine.body, "the portal's file and the gateway's are the same, byte for byte")
	require.Equal(t, http.StatusForbidden, officer.get(s.portalURL+"/staff/dashboard/payments.csv").status, "supervisors only")

	// The report page counts the same orders.
	rp := sup.get(s.portalURL + "/staff/dashboard")
	require.Equal(t, "/staff/dashboard/payments", rp.doc(t).Find(testid("dashboard-payments")).AttrOr("href", ""))
	rp = sup.get(s.portalURL + "/staff/dashboard/payments?" + url.Values{"from": {from}, "to": {to}}.Encode())
	require.Equal(t, http.StatusOK, rp.status, rp.body)
	require.GreaterOrEqual(t, rp.doc(t).Find(testid("payreport-day")).Length(), 1)
	require.Equal(t, "2", textOf(t, rp, testid("payreport-total")+" "+testid("paid-count")))
	require.Equal(t, "100.000 ₫", textOf(t, rp, testid("payreport-total")+" "+testid("paid-vnd")))
	require.Equal(t, "1", textOf(t, rp, testid("payreport-total")+" "+testid("pending-count")))
	require.Equal(t, "1", textOf(t, rp, testid("payreport-total")+" "+testid("failed-count")))
	require.Equal(t, "1", textOf(t, rp, testid("payreport-total")+" "+testid("refund-count")))
	require.Equal(t, "50.000 ₫", textOf(t, rp, testid("payreport-total")+" "+testid("refund-vnd")))
	require.Equal(t, http.StatusForbidden, officer.get(s.portalURL+"/staff/dashboard/payments").status)

	// The officer's pages: A paid through the IPN with its e-receipt; C flagged and refunded.
	pa := officer.get(s.portalURL + "/staff/cases/" + a)
	require.Equal(t, "4", caseStatus(t, pa), "paid: back to processing")
	item := testid("payment-item") + "[data-seq='1']"
	require.Equal(t, "paid", pa.doc(t).Find(item).AttrOr("data-state", ""))
	require.Equal(t, "ipn", pa.doc(t).Find(item+" "+testid("payment-confirmed")).AttrOr("data-by", ""))
	txA, _ := sim.Transaction(vnpayTmnCode, refA)
	require.Contains(t, textOf(t, pa, item+" "+testid("payment-txn")), txA.TransactionNo)
	require.Equal(t, 1, pa.doc(t).Find(testid("payment-order")+"[data-ref='"+refA+"'][data-state=paid]").Length())
	receipt := officer.get(s.portalURL + pa.doc(t).Find(testid("staff-receipt-item-1")).AttrOr("href", ""))
	require.Equal(t, http.StatusOK, receipt.status, receipt.body)
	require.Contains(t, receiptPDFText(t, []byte(receipt.body)), "Năm mươi nghìn đồng")
	pc := officer.get(s.portalURL + "/staff/cases/" + c)
	require.Equal(t, "requested", pc.doc(t).Find(item).AttrOr("data-refund", ""))
	require.Contains(t, textOf(t, pc, item+" "+testid("payment-refund")), "Đã gửi yêu cầu hoàn tiền")
	pb := officer.get(s.portalURL + "/staff/cases/" + b)
	require.Equal(t, 1, pb.doc(t).Find(testid("payment-order")+"[data-state=failed]").Length())
	require.Equal(t, 1, pb.doc(t).Find(testid("payment-order")+"[data-state=pending]").Length())
	require.Equal(t, 2, pb.doc(t).Find(testid("waive-item-1")+","+testid("waive-item-2")).Length(), "each item still due may be waived")

	// Another agency's officer sees none of it.
	other := newBrowser(t)
	other.signInStaff(s, "canbo.congan.hoankiem")
	require.Equal(t, http.StatusNotFound, other.get(s.portalURL+"/staff/cases/"+a+"/payments/1/receipt.pdf").status)
}

// TestOfficerWaivesAnItem: a waiver without its reason is refused on its box; with one, the
// item is waived, and the case, with nothing else due, moves back to processing.
func TestOfficerWaivesAnItem(t *testing.T) {
	t.Parallel()
	s, _ := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code, _ := paymentCase(t, s, "W1", feeItem)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	p := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "6", caseStatus(t, p))

	refused := officer.submitForm(p, testid("waive-item-1")+" form", url.Values{"reason": {" "}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, refused.status, refused.body)
	require.Equal(t, "#waive-reason-1", refused.doc(t).Find(testid("action-error")+" a").AttrOr("href", ""))

	ok := officer.followFrom(officer.submitForm(p, testid("waive-item-1")+" form", url.Values{"reason": {"Người có công với cách mạng, miễn lệ phí"}}, nil))
	require.Equal(t, http.StatusOK, ok.status, ok.body)
	require.Equal(t, "4", caseStatus(t, ok), "nothing due any more")
	require.Equal(t, "waived", ok.doc(t).Find(testid("payment-item")+"[data-seq='1']").AttrOr("data-state", ""))
	require.Contains(t, textOf(t, ok, testid("payment-item")+"[data-seq='1']"), "Người có công với cách mạng")

	noToken := officer.post(s.portalURL+"/staff/cases/"+code+"/payments/1/waive", url.Values{"reason": {"x"}})
	require.Equal(t, http.StatusForbidden, noToken.status, "CSRF")
}

// gatewayReport is the simulator's reconciliation report of the days from to to, as an operator
// downloads it from its admin API.
func gatewayReport(t *testing.T, sim paymentSim, from, to string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, sim.url+"/admin/report.csv?"+url.Values{"tmn": {vnpayTmnCode}, "from": {from}, "to": {to}}.Encode(), nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+paymentsim.DefaultAdminToken)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	return string(body)
}
