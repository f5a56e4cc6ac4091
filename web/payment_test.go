package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// procedureDays gives casework the catalogue's processing times, as the portal does.
type procedureDays struct{ cat *catalogue.Service }

func (p procedureDays) ProcessingDays(ctx context.Context, code string) (int, error) {
	proc, err := p.cat.Get(ctx, code)
	return proc.ProcessingDays, err
}

// The two items the officer of the payment tests asks An for.
var (
	feeItem = payment.NewItem{Kind: catalogue.FeeLePhi, NameVI: "Lệ phí đăng ký hộ tịch", NameEN: "Civil status registration fee",
		RecipientVI: "UBND phường Hoàn Kiếm", RecipientEN: "Hoan Kiem ward People's Committee", AmountVND: 50_000}
	chargeItem = payment.NewItem{Kind: catalogue.FeePhi, NameVI: "Phí cấp bản sao trích lục", NameEN: "Copy of the extract",
		RecipientVI: "UBND phường Hoàn Kiếm", AmountVND: 8_000}
)

// paymentCase files a case of An's (who has signed in) with the officer of UBND-00070, in
// processing, and has the officer request items through services/payment as the officer's
// form does: the case moves to 6 (payment requested). It returns the case's code and id.
func paymentCase(t *testing.T, s *stack, suffix string, items ...payment.NewItem) (string, int64) {
	t.Helper()
	ctx := context.Background()
	var anID int64
	require.NoError(t, s.db.QueryRow(ctx, `SELECT id FROM citizens WHERE personal_id = $1 AND issuer = $2`, anPersonalID, s.issuerURL).Scan(&anID))
	received := time.Now().Add(-48 * time.Hour)
	due := time.Now().AddDate(0, 0, 7)
	code := "UBND-00070-261201-P" + suffix
	id, err := casetest.Insert(ctx, s.db, casetest.Spec{Code: code, CitizenID: anID, ApplicantPID: anPersonalID, Procedure: "1.001193",
		Agency: "UBND-00070", Status: status.Processing, Submitted: received, Received: &received, DueOn: &due})
	require.NoError(t, err)
	cat := catalogue.New(s.db)
	cs := cases.New(s.db, nil, quietLogger())
	work := casework.New(s.db, casework.Deps{Calendars: calendar.NewService(s.db), Procedures: procedureDays{cat}})
	merchant := payment.New(s.db, payment.Deps{Cases: cs, Casework: work, Fees: cat}, payment.Config{TmnCode: vnpayTmnCode, HashSecret: vnpaySecret})
	k, err := cs.Get(ctx, s.db, id)
	require.NoError(t, err)
	officer := casework.Actor{Kind: casework.KindStaff, ID: "canbo.ubnd.hoankiem", Name: "Cán bộ Hoàn Kiếm", Role: casework.RoleOfficer, AgencyCode: "UBND-00070"}
	k, err = merchant.Request(ctx, officer, id, k.Version, "Nộp lệ phí trước khi trả kết quả", items)
	require.NoError(t, err)
	require.Equal(t, status.Payment, k.Status)
	return code, id
}

// pay presses "Thanh toán" of item seq on the case page and returns the portal's answer: a
// redirect to the gateway.
func (b *browser) pay(s *stack, code string, seq int) page {
	b.t.Helper()
	p := b.get(s.portalURL + "/cases/" + code)
	require.Equal(b.t, http.StatusOK, p.status, p.body)
	return b.submitForm(p, testid("pay-form-"+strconv.Itoa(seq)), nil, nil)
}

// choose opens the gateway's page at to (the portal's redirect) and presses the payer's
// choice; it returns the gateway's answer (a redirect back to the portal).
func (b *browser) choose(to string, choice paymentsim.Outcome) page {
	b.t.Helper()
	sim := b.get(to)
	require.Equal(b.t, http.StatusOK, sim.status, sim.body)
	require.Equal(b.t, 1, sim.doc(b.t).Find(testid("sim-pay-"+string(choice))).Length(), sim.body)
	return b.submitForm(sim, "form", url.Values{"choice": {string(choice)}}, nil)
}

// returnPage follows the gateway's redirect back to the portal's return page.
func (b *browser) returnPage(back page) page {
	b.t.Helper()
	require.Equal(b.t, http.StatusSeeOther, back.status, back.body)
	return b.get(back.location)
}

func outcomeOf(t *testing.T, p page) string {
	return p.doc(t).Find(testid("payment-return")).AttrOr("data-outcome", "")
}

func itemState(t *testing.T, p page, seq int) string {
	return p.doc(t).Find("[data-testid=payment-item][data-seq='"+strconv.Itoa(seq)+"']").AttrOr("data-state", "")
}

// TestPayFeesOnline: the officer asked An for two items; An pays each through the gateway's
// page, and the case moves back to processing only after the gateway's verified notification
// of the second. The case page shows each item's state, its pay button while due and its
// e-receipt once paid, also among the case's documents.
func TestPayFeesOnline(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code, _ := paymentCase(t, s, "1", feeItem, chargeItem)

	cp := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, http.StatusOK, cp.status, cp.body)
	require.Equal(t, "6", caseStatus(t, cp))
	require.Contains(t, textOf(t, cp, testid("payment-request")), "58.000 đồng", "the total due and the reason stay")
	require.Contains(t, textOf(t, cp, testid("payment-request")), "Nộp lệ phí trước khi trả kết quả")
	require.Zero(t, cp.doc(t).Find(testid("citizen-confirm_payment")).Length(), "no 'I paid' button any more")
	require.Equal(t, 2, cp.doc(t).Find(testid("payment-item")).Length())
	require.Equal(t, "due", itemState(t, cp, 1))
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), "Lệ phí đăng ký hộ tịch")
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), "UBND phường Hoàn Kiếm")
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), "50.000 đồng")
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), "Chưa thanh toán")
	require.Equal(t, 1, cp.doc(t).Find(testid("pay-item-1")).Length())
	require.Equal(t, 1, cp.doc(t).Find(testid("pay-item-2")).Length())
	require.Contains(t, textOf(t, cp, testid("payment-due-total")), "58.000 đồng")
	require.Contains(t, cp.header.Get("Content-Security-Policy"), "form-action 'self' "+sim.url+";", "the pay button's redirect may go to the gateway")

	// "Thanh toán": a redirect to the gateway with the signed order.
	toGateway := an.pay(s, code, 1)
	require.Equal(t, http.StatusSeeOther, toGateway.status, toGateway.body)
	require.True(t, strings.HasPrefix(toGateway.location, sim.url+vnpay.PayPath+"?"), toGateway.location)
	q := mustParse(t, toGateway.location).Query()
	require.True(t, vnpay.Verify(vnpaySecret, q), "signed with the merchant's secret")
	require.Equal(t, vnpayTmnCode, q.Get(vnpay.ParamTmnCode))
	require.Equal(t, "5000000", q.Get(vnpay.ParamAmount), "×100")
	require.Equal(t, s.portalURL+"/payments/return", q.Get(vnpay.ParamReturnURL))
	require.Equal(t, "vn", q.Get(vnpay.ParamLocale))
	again := an.pay(s, code, 1)
	require.Equal(t, toGateway.location, again.location, "a second press resumes the same order")

	// The payer pays: the gateway notifies the portal, then sends the browser back.
	back := an.returnPage(an.choose(toGateway.location, paymentsim.OutcomeSuccess))
	require.Equal(t, http.StatusOK, back.status, back.body)
	require.Equal(t, "paid", outcomeOf(t, back))
	require.Contains(t, back.body, "Đã thanh toán thành công")
	require.Equal(t, "50.000 đồng", textOf(t, back, testid("return-amount")))
	require.Equal(t, code, textOf(t, back, testid("return-case")))
	txn := sim.Transactions(vnpayTmnCode)
	require.Len(t, txn, 1)
	require.Equal(t, txn[0].TransactionNo, textOf(t, back, testid("return-txn")))
	require.Equal(t, "/cases/"+code+"/payments/1/receipt.pdf", back.doc(t).Find(testid("return-receipt")).AttrOr("href", ""))

	cp = an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, "6", caseStatus(t, cp), "one item is still due")
	require.Equal(t, "paid", itemState(t, cp, 1))
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), "Đã thanh toán")
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), txn[0].TransactionNo)
	require.Zero(t, cp.doc(t).Find(testid("pay-item-1")).Length(), "a paid item has no pay button")
	require.Equal(t, 1, cp.doc(t).Find(testid("receipt-item-1")).Length())
	require.Equal(t, 1, cp.doc(t).Find(testid("doc-receipt-item-1")).Length(), "the e-receipt is among the case's documents")
	require.Contains(t, textOf(t, cp, testid("payment-due-total")), "8.000 đồng")

	// The second item, completed on the gateway (as the payer's button does): the case moves on.
	// In English, the gateway's page is asked for in English too.
	setLang := func(lang string) {
		p := an.post(s.portalURL+"/lang", url.Values{"_csrf": {csrfToken(t, cp)}, "lang": {lang}, "next": {"/cases/" + code}})
		require.Equal(t, http.StatusSeeOther, p.status, p.body)
	}
	setLang("en")
	en := an.get(s.portalURL + "/cases/" + code)
	require.Contains(t, textOf(t, en, "[data-testid=payment-item][data-seq='2']"), "VND 8,000")
	require.Contains(t, textOf(t, en, testid("pay-item-2")), "Pay")
	toGateway = an.pay(s, code, 2)
	require.Equal(t, "en", mustParse(t, toGateway.location).Query().Get(vnpay.ParamLocale))
	setLang("vi")
	ref := mustParse(t, toGateway.location).Query().Get(vnpay.ParamTxnRef)
	require.NotEqual(t, q.Get(vnpay.ParamTxnRef), ref, "one order per item")
	_, err := sim.Open(toGateway.location)
	require.NoError(t, err)
	require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, ref, paymentsim.OutcomeSuccess))
	cp = an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, "4", caseStatus(t, cp), "every item paid: back to processing")
	require.Equal(t, "paid", itemState(t, cp, 2))
	require.Zero(t, cp.doc(t).Find(testid("payment-due-total")).Length())
	require.Equal(t, 1, cp.doc(t).Find(testid("receipt-item-2")).Length())

	// The e-receipt.
	req, err := http.NewRequest(http.MethodGet, s.portalURL+"/cases/"+code+"/payments/1/receipt.pdf", nil)
	require.NoError(t, err)
	pdf := an.do(req)
	require.Equal(t, http.StatusOK, pdf.status, pdf.body)
	require.Equal(t, "application/pdf", pdf.header.Get("Content-Type"))
	require.Equal(t, `attachment; filename=bien-lai-`+code+`-1.pdf`, pdf.header.Get("Content-Disposition"))
	text := receiptPDFText(t, []byte(pdf.body))
	require.Contains(t, text, "Năm mươi nghìn đồng")
	require.Contains(t, text, txn[0].TransactionNo)

	t.Run("ErrPayWithoutCSRF", func(t *testing.T) {
		p := an.post(s.portalURL+"/cases/"+code+"/payments/1/pay", url.Values{})
		require.Equal(t, http.StatusForbidden, p.status)
	})
	t.Run("ErrPaidItemConflict", func(t *testing.T) {
		page := an.get(s.portalURL + "/cases/" + code)
		p := an.post(s.portalURL+"/cases/"+code+"/payments/1/pay", url.Values{"_csrf": {csrfToken(t, page)}})
		require.Equal(t, http.StatusConflict, p.status, p.body)
		require.Contains(t, textOf(t, p, testid("action-error")), "đã được thanh toán")
	})
	t.Run("ErrOtherCitizen404", func(t *testing.T) {
		binh := newBrowser(t)
		binh.signIn(s, binhPersonalID)
		tok := csrfToken(t, binh.get(s.portalURL+"/account"))
		for _, p := range []page{
			binh.post(s.portalURL+"/cases/"+code+"/payments/1/pay", url.Values{"_csrf": {tok}}),
			binh.get(s.portalURL + "/cases/" + code + "/payments/1/receipt.pdf"),
			binh.get(back.url.String()),
		} {
			require.Equal(t, http.StatusNotFound, p.status, "%s: %s", p.url, p.body)
			require.NotContains(t, p.body, "Lệ phí đăng ký hộ tịch")
		}
	})
	t.Run("ErrNoSuchItem404", func(t *testing.T) {
		page := an.get(s.portalURL + "/cases/" + code)
		for _, item := range []string{"3", "0", "x"} {
			p := an.post(s.portalURL+"/cases/"+code+"/payments/"+item+"/pay", url.Values{"_csrf": {csrfToken(t, page)}})
			require.Equal(t, http.StatusNotFound, p.status, item)
		}
	})
}

// TestPayLimit: "Thanh toán" is limited per citizen (a double click resumes the same order, so
// only a script presses it dozens of times); another citizen is not affected.
func TestPayLimit(t *testing.T) {
	t.Parallel()
	s, _ := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code, _ := paymentCase(t, s, "L", feeItem)
	tok := csrfToken(t, an.get(s.portalURL+"/cases/"+code))
	n, limited := untilLimited(t, func() page {
		return an.post(s.portalURL+"/cases/"+code+"/payments/1/pay", url.Values{"_csrf": {tok}})
	})
	require.Equal(t, 30, n)
	requireLimitedPage(t, limited)

	binh := newBrowser(t)
	binh.signIn(s, binhPersonalID)
	p := binh.post(s.portalURL+"/cases/"+code+"/payments/1/pay", url.Values{"_csrf": {csrfToken(t, binh.get(s.portalURL+"/account"))}})
	require.Equal(t, http.StatusNotFound, p.status, "counted per citizen: Bình is not limited, and An's case is not his")
}
