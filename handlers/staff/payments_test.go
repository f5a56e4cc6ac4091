package staff_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/viewctx"
)

// fakeMerchant is services/payment as the officer's handlers see it: it holds a case's items
// and orders and records what it was asked to do.
type fakeMerchant struct {
	items    []payment.Item
	orders   []payment.Order
	days     []payment.DayReport
	txns     []payment.Order
	err      error // what Request and Waive answer
	requests []requestCall
	waived   []waiveCall
	receipts []string // "citizen/agency/item"
	ranges   [][2]time.Time
}

type requestCall struct {
	actor   casework.Actor
	caseID  int64
	version int
	reason  string
	items   []payment.NewItem
}

type waiveCall struct {
	itemID int64
	reason string
}

var _ staff.Merchant = (*fakeMerchant)(nil)

func (f *fakeMerchant) Request(_ context.Context, a casework.Actor, caseID int64, version int, reason string, items []payment.NewItem) (cases.Case, error) {
	f.requests = append(f.requests, requestCall{a, caseID, version, reason, items})
	return cases.Case{}, f.err
}

func (f *fakeMerchant) Waive(_ context.Context, _ casework.Actor, itemID int64, reason string) error {
	f.waived = append(f.waived, waiveCall{itemID, reason})
	return f.err
}

func (f *fakeMerchant) Items(_ context.Context, caseID int64) ([]payment.Item, error) {
	var out []payment.Item
	for _, it := range f.items {
		if it.CaseID == caseID {
			out = append(out, it)
		}
	}
	return out, nil
}

func (f *fakeMerchant) Orders(_ context.Context, caseID int64) ([]payment.Order, error) {
	var out []payment.Order
	for _, o := range f.orders {
		if o.CaseID == caseID {
			out = append(out, o)
		}
	}
	return out, nil
}

func (f *fakeMerchant) ReceiptPDF(_ context.Context, citizenID int64, agencyCode string, itemID int64) ([]byte, error) {
	f.receipts = append(f.receipts, strings.Join([]string{strconv.FormatInt(citizenID, 10), agencyCode, strconv.FormatInt(itemID, 10)}, "/"))
	return []byte("%PDF-1.7 receipt"), nil
}

func (f *fakeMerchant) Report(_ context.Context, _ string, from, to time.Time) ([]payment.DayReport, error) {
	f.ranges = append(f.ranges, [2]time.Time{from, to})
	return f.days, nil
}

func (f *fakeMerchant) Transactions(_ context.Context, _ string, from, to time.Time) ([]payment.Order, error) {
	f.ranges = append(f.ranges, [2]time.Time{from, to})
	return f.txns, nil
}

// fakeFees is a fee schedule: what Fees returns, and what it was asked.
type fakeFees struct {
	fees  []catalogue.Fee
	asked []string // "code/province/channel"
}

func (f *fakeFees) Fees(_ context.Context, code, province, channel string, _ time.Time) ([]catalogue.Fee, error) {
	f.asked = append(f.asked, code+"/"+province+"/"+channel)
	return f.fees, nil
}

func vnd(v int64) *int64 { return &v }

// residenceFees is a schedule with a fee of known amount, a tax the tax authority notifies, a
// charge exempt by law and a charge of 0 (the last two are never offered).
func residenceFees() []catalogue.Fee {
	return []catalogue.Fee{
		{Item: "residence_registration", Kind: catalogue.FeeLePhi, Name: tx("Lệ phí đăng ký cư trú", "Residence registration fee"),
			Recipient: tx("Công an xã", "Commune police"), AmountVND: vnd(10000)},
		{Item: "personal_income_tax", Kind: catalogue.FeeThue, Name: tx("Thuế thu nhập cá nhân", "Personal income tax"),
			Recipient: tx("Cơ quan thuế", "Tax authority")},
		{Item: "copy", Kind: catalogue.FeePhi, Name: tx("Phí sao y", "Copy charge"), Recipient: tx("UBND", "Committee"), Exempt: true,
			ExemptionBasis: tx("Luật", "Law")},
		{Item: "free", Kind: catalogue.FeePhi, Name: tx("Phí không thu", "Charge of nothing"), Recipient: tx("UBND", "Committee"), AmountVND: vnd(0)},
	}
}

type payFixture struct {
	h      *staff.Handler
	m      *fakeMerchant
	fees   *fakeFees
	insert func(t *testing.T, st status.Status) (int64, string) // a case of the agency in st: its id and code
}

// paySetup builds the officer's handlers on the real case file and cases services and a fake
// merchant; the clock is 15 December 2026, 10:00 in Vietnam.
func paySetup(t *testing.T) payFixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	mai, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "mai", maiPID, maiName)
	require.NoError(t, err)
	m, fees := &fakeMerchant{}, &fakeFees{fees: residenceFees()}
	now := func() time.Time { return time.Date(2026, 12, 15, 3, 0, 0, 0, time.UTC) }
	h := &staff.Handler{
		Casework:  staff.Casework{Files: casefile.New(pool, audit.New(pool, nil), nil, catalogue.New(pool), nil), Cases: cases.New(pool, nil, nil)},
		Catalogue: catalogue.New(pool),
		Payments:  staff.Payments{Merchant: m, Fees: fees, Now: now},
	}
	return payFixture{h: h, m: m, fees: fees, insert: func(t *testing.T, st status.Status) (int64, string) {
		t.Helper()
		id, err := casetest.Insert(ctx, pool, casetest.Spec{CitizenID: mai.ID, ApplicantPID: maiPID, ApplicantName: maiName, Procedure: birth,
			Agency: agency, Status: st, Data: []byte(`{"child_full_name": "Nguyễn Ngọc Ánh"}`)})
		require.NoError(t, err)
		var code string
		require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM cases WHERE id = $1`, id).Scan(&code))
		return id, code
	}}
}

// call runs one of the officer's handlers for path (its route's params from names) as the
// officer (or, with supervisor, the supervisor) of the agency.
func call(t *testing.T, h *staff.Handler, method, target string, form url.Values, names []string, values []string, do func(*staff.Handler, echo.Context) error) (*httptest.ResponseRecorder, error) {
	t.Helper()
	e := echo.New()
	e.Renderer = templRenderer{}
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	}
	req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: "vi"}))
	rec := httptest.NewRecorder()
	c := e.NewContext(req, rec)
	c.SetParamNames(names...)
	c.SetParamValues(values...)
	staff.SetMember(c, staffdir.Member{Login: "canbo.ubnd.hoankiem", FullName: "Trần Văn Cán", AgencyCode: agency,
		Roles: []string{staffdir.RoleOfficer, staffdir.RoleSupervisor}})
	return rec, do(h, c)
}

func page(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	require.NoError(t, err)
	return doc
}

// TestPaymentRequestForm: the form offers the procedure's online fee schedule in the agency's
// province (a known fee ticked with its amount, a tax unticked to enter, nothing exempt or free,
// nothing already an item of the case), two blank rows, and the items already due with their
// total.
func TestPaymentRequestForm(t *testing.T) {
	t.Parallel()
	fx := paySetup(t)
	id, code := fx.insert(t, status.Processing)
	fx.m.items = []payment.Item{{ID: 91, CaseID: id, Seq: 1, Kind: catalogue.FeePhi, Name: tx("Phí thẩm định", "Appraisal charge"),
		Recipient: tx("UBND phường", "Ward committee"), AmountVND: 25000, Source: payment.SourceOfficer, State: payment.ItemDue}}

	rec, err := call(t, fx.h, http.MethodGet, "/staff/cases/"+code+"/payments/request", nil, []string{"code"}, []string{code}, (*staff.Handler).ShowPaymentRequest)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, rec.Code)
	doc := page(t, rec)
	require.Equal(t, []string{birth + "/01/online"}, fx.fees.asked, "the schedule of the procedure, in Hà Nội, online")

	rows := doc.Find("[data-testid=payreq-row]")
	require.Equal(t, 4, rows.Length(), "the fee, the tax and two blank rows")
	fee := rows.Eq(0)
	assert.Equal(t, "residence_registration", fee.AttrOr("data-fee", ""))
	assert.True(t, fee.Find("#item-0-on").Is("[checked]"), "a known fee is ticked")
	assert.Equal(t, "10.000", fee.Find("#item-0-amount").AttrOr("value", ""))
	assert.Equal(t, "Lệ phí đăng ký cư trú", text(fee.Find("[data-testid=payreq-row-name]")))
	tax := rows.Eq(1)
	assert.Equal(t, "personal_income_tax", tax.AttrOr("data-fee", ""))
	assert.False(t, tax.Find("#item-1-on").Is("[checked]"), "a tax is not ticked")
	assert.Equal(t, "", tax.Find("#item-1-amount").AttrOr("value", "x"))
	assert.Contains(t, text(tax), "Theo thông báo của cơ quan thuế")
	blank := rows.Eq(2)
	assert.Equal(t, "", blank.AttrOr("data-fee", "x"))
	assert.Equal(t, 1, blank.Find("select#item-2-kind").Length())
	assert.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", blank.Find("#item-2-recipient").AttrOr("value", ""), "the agency collects by default")
	assert.Equal(t, "4", doc.Find("input[name=rows]").AttrOr("value", ""))
	assert.Contains(t, text(doc.Find("[data-testid=payreq-due]")), "Phí thẩm định")
	assert.Contains(t, text(doc.Find("[data-testid=payreq-due-total]")), "25.000")

	t.Run("ScheduleItemAlreadyOnTheCase", func(t *testing.T) {
		fx := paySetup(t)
		id, code := fx.insert(t, status.Processing)
		fx.m.items = []payment.Item{{ID: 92, CaseID: id, Seq: 1, Kind: catalogue.FeeLePhi, Name: tx("Lệ phí đăng ký cư trú", "Residence registration fee"),
			Recipient: tx("Công an xã", "Commune police"), AmountVND: 10000, Source: payment.SourceSchedule, State: payment.ItemPaid}}
		rec, err := call(t, fx.h, http.MethodGet, "/", nil, []string{"code"}, []string{code}, (*staff.Handler).ShowPaymentRequest)
		require.NoError(t, err)
		rows := page(t, rec).Find("[data-testid=payreq-row]")
		require.Equal(t, 3, rows.Length())
		assert.Equal(t, "personal_income_tax", rows.Eq(0).AttrOr("data-fee", ""), "the fee paid with the application is not asked again")
	})

	t.Run("ErrNotProcessing", func(t *testing.T) {
		fx := paySetup(t)
		_, code := fx.insert(t, status.Received)
		rec, err := call(t, fx.h, http.MethodGet, "/", nil, []string{"code"}, []string{code}, (*staff.Handler).ShowPaymentRequest)
		require.NoError(t, err)
		require.Equal(t, http.StatusConflict, rec.Code, "the case page says the status does not allow it")
		require.Equal(t, 1, page(t, rec).Find("[data-testid=action-error]").Length())
	})

	t.Run("ErrOtherAgency", func(t *testing.T) {
		fx := paySetup(t)
		_, code := fx.insert(t, status.Processing)
		_, err := call(t, fx.h, http.MethodGet, "/", nil, []string{"code"}, []string{strings.Replace(code, "UBND", "XXXX", 1)}, (*staff.Handler).ShowPaymentRequest)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
}

// TestPaymentRequestSend: the ticked rows go to services/payment with the reason and the case's
// version, a schedule row with the schedule's own texts whatever was posted; a wrong row comes
// back with its error linked from the summary and everything typed kept, and nothing is sent.
func TestPaymentRequestSend(t *testing.T) {
	t.Parallel()
	fx := paySetup(t)
	post := func(t *testing.T, fx payFixture, code string, form url.Values) (*httptest.ResponseRecorder, error) {
		t.Helper()
		return call(t, fx.h, http.MethodPost, "/staff/cases/"+code+"/payments/request", form, []string{"code"}, []string{code}, (*staff.Handler).RequestPayment)
	}
	good := func() url.Values {
		return url.Values{"version": {"3"}, "rows": {"4"}, "reason": {" Lệ phí đăng ký và thuế theo Thông báo số 12/TB-CCT "},
			"items.0.fee": {"residence_registration"}, "items.0.on": {"1"}, "items.0.amount": {"10.000"}, "items.0.name": {"Bị sửa"},
			"items.1.fee": {"personal_income_tax"}, "items.1.on": {"1"}, "items.1.amount": {"1 250 000"},
			"items.2.on": {"1"}, "items.2.kind": {"phi"}, "items.2.name": {"  Phí   thẩm định "}, "items.2.recipient": {"UBND phường Hoàn Kiếm"}, "items.2.amount": {"40000"},
			"items.3.kind": {"le_phi"}, "items.3.recipient": {"UBND phường Hoàn Kiếm"}}
	}

	t.Run("OK", func(t *testing.T) {
		id, code := fx.insert(t, status.Processing)
		fx.m.requests = nil
		rec, err := post(t, fx, code, good())
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
		require.Equal(t, "/staff/cases/"+code+"?"+viewctx.DoneParam+"=done.case.request_payment", rec.Header().Get("Location"))
		require.Len(t, fx.m.requests, 1)
		r := fx.m.requests[0]
		assert.Equal(t, id, r.caseID)
		assert.Equal(t, 3, r.version)
		assert.Equal(t, "Lệ phí đăng ký và thuế theo Thông báo số 12/TB-CCT", r.reason)
		assert.Equal(t, "canbo.ubnd.hoankiem", r.actor.ID)
		assert.Equal(t, []payment.NewItem{
			{Kind: "le_phi", NameVI: "Lệ phí đăng ký cư trú", NameEN: "Residence registration fee", RecipientVI: "Công an xã", RecipientEN: "Commune police", AmountVND: 10000},
			{Kind: "thue", NameVI: "Thuế thu nhập cá nhân", NameEN: "Personal income tax", RecipientVI: "Cơ quan thuế", RecipientEN: "Tax authority", AmountVND: 1250000},
			{Kind: "phi", NameVI: "Phí thẩm định", RecipientVI: "UBND phường Hoàn Kiếm", AmountVND: 40000},
		}, r.items, "the blank row left unticked and empty is no item")
	})

	t.Run("ErrRowsKeptWithTheirErrors", func(t *testing.T) {
		_, code := fx.insert(t, status.Processing)
		fx.m.requests = nil
		form := good()
		form.Set("reason", "  ")
		form.Del("items.1.on")            // a tax's amount typed, not ticked
		form.Set("items.2.name", "")      // a ticked row without a name
		form.Set("items.2.amount", "4,5") // not digits
		form.Set("items.3.amount", "0")
		form.Set("items.3.on", "1") // ticked, nothing above 0
		rec, err := post(t, fx, code, form)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
		require.Empty(t, fx.m.requests, "nothing is sent")
		doc := page(t, rec)
		links := doc.Find("[data-testid=error-summary] a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
		assert.Equal(t, []string{"#item-1-on", "#item-2-name", "#item-2-amount", "#item-3-name", "#item-3-amount", "#reason"}, links)
		summary := text(doc.Find("[data-testid=error-summary]"))
		assert.Contains(t, summary, "Khoản 2: Đánh dấu chọn khoản này")
		assert.Contains(t, summary, "Khoản 3: Số tiền phải là số nguyên đồng lớn hơn 0")
		assert.Contains(t, summary, "Nhập lý do")
		assert.Equal(t, "1 250 000", doc.Find("#item-1-amount").AttrOr("value", ""), "typed values are kept")
		assert.Equal(t, "4,5", doc.Find("#item-2-amount").AttrOr("value", ""))
		assert.Equal(t, "phi", doc.Find("#item-2-kind option[selected]").AttrOr("value", ""))
		assert.True(t, doc.Find("#item-2-on").Is("[checked]"))
		assert.Equal(t, "UBND phường Hoàn Kiếm", doc.Find("#item-2-recipient").AttrOr("value", ""))
		assert.Equal(t, "item-2-amount-hint item-2-amount-error", doc.Find("#item-2-amount").AttrOr("aria-describedby", ""))
		assert.Equal(t, 1, doc.Find(".govuk-form-group--error #reason").Length())
	})

	t.Run("ErrNothingTicked", func(t *testing.T) {
		_, code := fx.insert(t, status.Processing)
		fx.m.requests = nil
		rec, err := post(t, fx, code, url.Values{"version": {"1"}, "rows": {"2"}, "reason": {"Lệ phí"}, "items.0.fee": {"residence_registration"},
			"items.0.amount": {"10.000"}})
		require.NoError(t, err)
		require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
		require.Empty(t, fx.m.requests)
		assert.Contains(t, text(page(t, rec).Find("[data-testid=error-summary]")), "Chọn ít nhất một khoản phải nộp")
	})

	t.Run("NothingNewButItemsDue", func(t *testing.T) {
		id, code := fx.insert(t, status.Processing)
		fx.m.requests = nil
		fx.m.items = append(fx.m.items, payment.Item{ID: 93, CaseID: id, Seq: 1, Kind: catalogue.FeeLePhi, Name: tx("Lệ phí", "Fee"),
			Recipient: tx("UBND", "Committee"), AmountVND: 10000, Source: payment.SourceSchedule, State: payment.ItemDue})
		rec, err := post(t, fx, code, url.Values{"version": {"1"}, "rows": {"1"}, "reason": {"Nộp lệ phí còn thiếu"}})
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, rec.Code, "the fee due with the application is what is asked")
		require.Len(t, fx.m.requests, 1)
		require.Empty(t, fx.m.requests[0].items)
	})

	t.Run("ErrRefusedByTheService", func(t *testing.T) {
		_, code := fx.insert(t, status.Processing)
		f2 := *fx.h
		m := &fakeMerchant{err: fault.New(fault.ECONFLICT, casework.MsgBadStatus, "test")}
		f2.Payments.Merchant = m
		rec, err := call(t, &f2, http.MethodPost, "/", good(), []string{"code"}, []string{code}, (*staff.Handler).RequestPayment)
		require.NoError(t, err)
		require.Equal(t, http.StatusConflict, rec.Code)
		require.Len(t, m.requests, 1)
		require.Equal(t, 1, page(t, rec).Find("[data-testid=action-error]").Length())
	})

	t.Run("OldActionFormLeadsToTheItems", func(t *testing.T) {
		_, code := fx.insert(t, status.Processing)
		rec, err := call(t, fx.h, http.MethodPost, "/", url.Values{"action": {"request_payment"}, "version": {"1"}, "amount": {"50000"}, "reason": {"x"}},
			[]string{"code"}, []string{code}, (*staff.Handler).DoAction)
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, rec.Code)
		require.Equal(t, "/staff/cases/"+code+"/payments/request", rec.Header().Get("Location"))
	})
}

// TestAmountTyped: an amount is digits with dots or spaces between groups, from 1 đồng to 10^12.
func TestAmountTyped(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		typed string
		want  int64 // 0: refused
	}{
		{"50.000", 50000}, {"50 000", 50000}, {"50\u00a0000", 50000}, {"1", 1}, {"1.000.000.000.000", 1_000_000_000_000},
		{"0", 0}, {"00", 0}, {"-5", 0}, {"+5", 0}, {"4,5", 0}, {"5đ", 0}, {"1.000.000.000.001", 0}, {"99999999999999999999", 0}, {"１２", 0},
	} {
		t.Run(c.typed, func(t *testing.T) {
			got, ok := staff.ParseAmount(c.typed)
			require.Equal(t, c.want != 0, ok)
			require.Equal(t, c.want, got)
		})
	}
}

// TestCasePaymentsSection: the officer's case page lists the items (state, when paid, the
// gateway's transaction number, how it was confirmed, a refund to make, the e-receipt), the
// orders behind them, and a waiver for each item still due.
func TestCasePaymentsSection(t *testing.T) {
	t.Parallel()
	fx := paySetup(t)
	id, code := fx.insert(t, status.Payment)
	paidAt := time.Date(2026, 12, 15, 7, 3, 0, 0, time.UTC)
	fx.m.items = []payment.Item{
		{ID: 11, CaseID: id, Seq: 1, Kind: catalogue.FeeLePhi, Name: tx("Lệ phí đăng ký cư trú", "Fee"), Recipient: tx("Công an phường", "Police"),
			AmountVND: 10000, Source: payment.SourceSchedule, State: payment.ItemPaid, PaidAt: &paidAt, TxnRef: "ML20261215000001",
			TransactionNo: "14000001", ConfirmedBy: payment.ConfirmedByIPN},
		{ID: 12, CaseID: id, Seq: 2, Kind: catalogue.FeeThue, Name: tx("Thuế thu nhập cá nhân", "Tax"), Recipient: tx("Cơ quan thuế", "Tax office"),
			AmountVND: 50000, Source: payment.SourceOfficer, Reason: "Theo thông báo thuế", State: payment.ItemDue},
		{ID: 13, CaseID: id, Seq: 3, Kind: catalogue.FeePhi, Name: tx("Phí thẩm định", "Charge"), Recipient: tx("UBND", "Committee"),
			AmountVND: 20000, Source: payment.SourceOfficer, State: payment.ItemPaid, PaidAt: &paidAt, TransactionNo: "14000002",
			ConfirmedBy: payment.ConfirmedByQuery, Refund: payment.RefundDue},
	}
	fx.m.orders = []payment.Order{
		{ID: 2, ItemID: 12, CaseID: id, TxnRef: "ML20261215000002", AmountVND: 50000, State: payment.OrderFailed, ResponseCode: "24", CreatedAt: paidAt},
		{ID: 1, ItemID: 11, CaseID: id, TxnRef: "ML20261215000001", AmountVND: 10000, State: payment.OrderPaid, ResponseCode: "00", CreatedAt: paidAt},
	}
	doc := page(t, mustShow(t, fx, code))
	sec := doc.Find("[data-testid=staff-payments]")
	require.Equal(t, 1, sec.Length())
	assert.Equal(t, "Còn phải nộp: 50.000 ₫", text(sec.Find("[data-testid=payments-due]")))
	items := sec.Find("[data-testid=payment-item]")
	require.Equal(t, 3, items.Length())
	first := items.Eq(0)
	assert.Equal(t, "paid", first.AttrOr("data-state", ""))
	assert.Contains(t, text(first.Find("[data-testid=payment-paid-at]")), "15/12/2026 14:03")
	assert.Equal(t, "Mã giao dịch cổng thanh toán: 14000001", text(first.Find("[data-testid=payment-txn]")))
	assert.Equal(t, "ipn", first.Find("[data-testid=payment-confirmed]").AttrOr("data-by", ""))
	assert.Equal(t, "/staff/cases/"+code+"/payments/1/receipt.pdf", first.Find("[data-testid=staff-receipt-item-1]").AttrOr("href", ""))
	assert.Equal(t, "due", items.Eq(1).AttrOr("data-state", ""))
	assert.Zero(t, items.Eq(1).Find("a").Length(), "no receipt for an item not paid")
	assert.Contains(t, text(items.Eq(1)), "Theo thông báo thuế")
	assert.Equal(t, "Cần hoàn tiền", text(items.Eq(2).Find("[data-testid=payment-refund]")))
	assert.Contains(t, text(items.Eq(2)), "tra cứu giao dịch")
	orders := sec.Find("[data-testid=payment-order]")
	require.Equal(t, 2, orders.Length())
	assert.Equal(t, "ML20261215000002", orders.Eq(0).AttrOr("data-ref", ""))
	assert.Contains(t, text(orders.Eq(0)), "24")
	waive := sec.Find("[data-testid=waive-item-2] form")
	require.Equal(t, 1, waive.Length(), "a waiver for the item due only")
	assert.Equal(t, 1, sec.Find("[data-testid^=waive-item-]").Length())
	assert.Equal(t, "/staff/cases/"+code+"/payments/2/waive", waive.AttrOr("action", ""))

	t.Run("NoItemsNoSection", func(t *testing.T) {
		_, code := fx.insert(t, status.Processing)
		assert.Zero(t, page(t, mustShow(t, fx, code)).Find("[data-testid=staff-payments]").Length())
	})
}

func mustShow(t *testing.T, fx payFixture, code string) *httptest.ResponseRecorder {
	t.Helper()
	rec, err := call(t, fx.h, http.MethodGet, "/staff/cases/"+code, nil, []string{"code"}, []string{code}, (*staff.Handler).ShowCase)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, rec.Code)
	return rec
}

// TestWaiveItem: a waiver needs its reason (asked again on the item, the rest of the page kept)
// and acts on an item of the case in the address only.
func TestWaiveItem(t *testing.T) {
	t.Parallel()
	fx := paySetup(t)
	id, code := fx.insert(t, status.Payment)
	fx.m.items = []payment.Item{{ID: 21, CaseID: id, Seq: 1, Kind: catalogue.FeeLePhi, Name: tx("Lệ phí", "Fee"), Recipient: tx("UBND", "Committee"),
		AmountVND: 10000, Source: payment.SourceOfficer, State: payment.ItemDue}}
	waive := func(t *testing.T, seq, reason string) (*httptest.ResponseRecorder, error) {
		return call(t, fx.h, http.MethodPost, "/", url.Values{"reason": {reason}}, []string{"code", "item"}, []string{code, seq}, (*staff.Handler).WaiveItem)
	}

	t.Run("ErrNoReason", func(t *testing.T) {
		rec, err := waive(t, "1", "  ")
		require.NoError(t, err)
		require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
		require.Empty(t, fx.m.waived)
		doc := page(t, rec)
		assert.Equal(t, "#waive-reason-1", doc.Find("[data-testid=action-error] a").AttrOr("href", ""))
		assert.True(t, doc.Find("[data-testid=waive-item-1]").Is("[open]"), "the waiver is open on its error")
		assert.Equal(t, "waive-reason-1-error", doc.Find("#waive-reason-1").AttrOr("aria-describedby", ""))
	})
	t.Run("ErrOtherItem", func(t *testing.T) {
		for _, seq := range []string{"2", "x"} {
			_, err := waive(t, seq, "Miễn theo Nghị định")
			require.Equal(t, fault.ENOTFOUND, fault.Code(err))
		}
		require.Empty(t, fx.m.waived)
	})
	t.Run("OK", func(t *testing.T) {
		rec, err := waive(t, "1", " Người có công, miễn theo Điều 5 ")
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, rec.Code)
		require.Equal(t, []waiveCall{{21, "Người có công, miễn theo Điều 5"}}, fx.m.waived)
	})
}

// TestOfficerReceipt: the e-receipt of an item of the case, asked of services/payment for the
// officer's agency (no citizen).
func TestOfficerReceipt(t *testing.T) {
	t.Parallel()
	fx := paySetup(t)
	id, code := fx.insert(t, status.Processing)
	fx.m.items = []payment.Item{{ID: 31, CaseID: id, Seq: 1, State: payment.ItemPaid, Kind: catalogue.FeeLePhi}}
	rec, err := call(t, fx.h, http.MethodGet, "/", nil, []string{"code", "item"}, []string{code, "1"}, (*staff.Handler).PaymentReceiptPDF)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "application/pdf", rec.Header().Get(echo.HeaderContentType))
	require.Contains(t, rec.Header().Get(echo.HeaderContentDisposition), "bien-lai-"+code+"-1.pdf")
	require.Equal(t, []string{"0/" + agency + "/31"}, fx.m.receipts)

	_, err = call(t, fx.h, http.MethodGet, "/", nil, []string{"code", "item"}, []string{code, "2"}, (*staff.Handler).PaymentReceiptPDF)
	require.Equal(t, fault.ENOTFOUND, fault.Code(err))
}

// TestPaymentsReport: the supervisor's report asks services/payment for the Vietnam days of the
// range (this month so far by default), lists them with their totals, and refuses a date that
// does not exist, an end before the start and a range over a year on their boxes.
func TestPaymentsReport(t *testing.T) {
	t.Parallel()
	fx := paySetup(t)
	vn := time.FixedZone("ICT", 7*3600)
	fx.m.days = []payment.DayReport{
		{Day: time.Date(2026, 12, 3, 0, 0, 0, 0, vn), PaidCount: 2, PaidVND: 60000, FailedCount: 1},
		{Day: time.Date(2026, 12, 14, 0, 0, 0, 0, vn), PaidCount: 1, PaidVND: 50000, PendingCount: 2, RefundCount: 1, RefundVND: 50000},
	}
	report := func(t *testing.T, q url.Values) (*httptest.ResponseRecorder, error) {
		fx.m.ranges = nil
		return call(t, fx.h, http.MethodGet, "/staff/dashboard/payments?"+q.Encode(), nil, nil, nil, (*staff.Handler).ShowPaymentsReport)
	}

	t.Run("ThisMonthSoFar", func(t *testing.T) {
		rec, err := report(t, nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, rec.Code)
		require.Equal(t, [][2]time.Time{{time.Date(2026, 12, 1, 0, 0, 0, 0, vn), time.Date(2026, 12, 15, 0, 0, 0, 0, vn)}}, fx.m.ranges)
		doc := page(t, rec)
		assert.Equal(t, "1", doc.Find("#from").AttrOr("value", ""))
		assert.Equal(t, "12", doc.Find("#from-month").AttrOr("value", ""))
		assert.Equal(t, "15", doc.Find("#to").AttrOr("value", ""))
		days := doc.Find("[data-testid=payreport-day]")
		require.Equal(t, 2, days.Length())
		assert.Equal(t, "2026-12-03", days.Eq(0).AttrOr("data-day", ""))
		assert.Equal(t, "03/12/2026", text(days.Eq(0).Find("[data-testid=payreport-label]")))
		total := doc.Find("[data-testid=payreport-total]")
		assert.Equal(t, "3", text(total.Find("[data-testid=paid-count]")))
		assert.Equal(t, "110.000 ₫", text(total.Find("[data-testid=paid-vnd]")))
		assert.Equal(t, "2", text(total.Find("[data-testid=pending-count]")))
		assert.Equal(t, "1", text(total.Find("[data-testid=failed-count]")))
		assert.Equal(t, "50.000 ₫", text(total.Find("[data-testid=refund-vnd]")))
		assert.Equal(t, "/staff/dashboard/payments.csv?from=2026-12-01&to=2026-12-15", doc.Find("[data-testid=payreport-csv]").AttrOr("href", ""))
	})
	t.Run("Boxes", func(t *testing.T) {
		rec, err := report(t, url.Values{"from.day": {"28"}, "from.month": {"11"}, "from.year": {"2026"}, "to.day": {"2"}, "to.month": {"12"}, "to.year": {"2026"}})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, rec.Code)
		require.Equal(t, [][2]time.Time{{time.Date(2026, 11, 28, 0, 0, 0, 0, vn), time.Date(2026, 12, 2, 0, 0, 0, 0, vn)}}, fx.m.ranges)
	})
	for name, c := range map[string]struct {
		q    url.Values
		link string
		msg  string
	}{
		"ErrNoSuchDay": {url.Values{"from.day": {"31"}, "from.month": {"2"}, "from.year": {"2026"}}, "#from", "Từ ngày"},
		"ErrEndFirst":  {url.Values{"from": {"2026-12-10"}, "to": {"2026-12-09"}}, "#to", "Ngày kết thúc phải từ ngày bắt đầu trở đi"},
		"ErrOverAYear": {url.Values{"from": {"2025-01-01"}, "to": {"2026-12-09"}}, "#to", "không quá 366 ngày"},
	} {
		t.Run(name, func(t *testing.T) {
			rec, err := report(t, c.q)
			require.NoError(t, err)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
			require.Empty(t, fx.m.ranges, "nothing is read")
			doc := page(t, rec)
			assert.Equal(t, c.link, doc.Find("[data-testid=error-summary] a").AttrOr("href", ""))
			assert.Contains(t, text(doc.Find("[data-testid=error-summary]")), c.msg)
			assert.Zero(t, doc.Find("[data-testid=payreport-csv]").Length())
		})
	}
}

// TestPaymentsCSV: the export has the gateway's reconciliation columns and words: sorted by
// txn_ref, pay_date in RFC 3339 Vietnam time only once paid, a refund counted once the gateway
// accepted it, an order that expired unanswered pending as the gateway still has it.
func TestPaymentsCSV(t *testing.T) {
	t.Parallel()
	paid := time.Date(2026, 12, 5, 7, 3, 7, 0, time.UTC)
	orders := []payment.Order{
		{TxnRef: "ML20261205000004", TransactionNo: "14000004", AmountVND: 30000, State: payment.OrderPaid, ResponseCode: "00", PaidAt: &paid,
			BankCode: "NCB", Refund: payment.RefundRequested, RefundVND: 30000},
		{TxnRef: "ML20261205000001", AmountVND: 10000, State: payment.OrderPending},
		{TxnRef: "ML20261205000003", TransactionNo: "14000003", AmountVND: 20000, State: payment.OrderFailed, ResponseCode: "24", BankCode: "NCB"},
		{TxnRef: "ML20261205000002", TransactionNo: "14000002", AmountVND: 50000, State: payment.OrderPaid, ResponseCode: "00", PaidAt: &paid, BankCode: "NCB"},
		{TxnRef: "ML20261205000005", TransactionNo: "14000005", AmountVND: 1250000, State: payment.OrderPaid, ResponseCode: "00", PaidAt: &paid,
			BankCode: "NCB", Refund: payment.RefundDue, RefundVND: 1250000},
		{TxnRef: "ML20261205000006", AmountVND: 10000, State: payment.OrderExpired},
	}
	var b strings.Builder
	require.NoError(t, staff.WriteReconciliation(&b, orders))
	require.Equal(t, "txn_ref,transaction_no,amount_vnd,status,response_code,pay_date,bank_code,refunded_vnd\n"+
		"ML20261205000001,,10000,pending,,,,0\n"+
		"ML20261205000002,14000002,50000,paid,00,2026-12-05T14:03:07+07:00,NCB,0\n"+
		"ML20261205000003,14000003,20000,failed,24,,NCB,0\n"+
		"ML20261205000004,14000004,30000,refunded,00,2026-12-05T14:03:07+07:00,NCB,30000\n"+
		"ML20261205000005,14000005,1250000,paid,00,2026-12-05T14:03:07+07:00,NCB,0\n"+
		"ML20261205000006,,10000,pending,,,,0\n", b.String())

	t.Run("Route", func(t *testing.T) {
		fx := paySetup(t)
		fx.m.txns = orders[:1]
		rec, err := call(t, fx.h, http.MethodGet, "/staff/dashboard/payments.csv?from=2026-12-01&to=2026-12-05", nil, nil, nil, (*staff.Handler).ExportPaymentsCSV)
		require.NoError(t, err)
		require.Equal(t, "text/csv; charset=utf-8", rec.Header().Get(echo.HeaderContentType))
		require.Contains(t, rec.Header().Get(echo.HeaderContentDisposition), "doi-soat-"+agency+"-2026-12-01-2026-12-05.csv")
		require.Equal(t, 2, strings.Count(rec.Body.String(), "\n"))
		vn := time.FixedZone("ICT", 7*3600)
		require.Equal(t, [][2]time.Time{{time.Date(2026, 12, 1, 0, 0, 0, 0, vn), time.Date(2026, 12, 5, 0, 0, 0, 0, vn)}}, fx.m.ranges)

		_, err = call(t, fx.h, http.MethodGet, "/staff/dashboard/payments.csv?from=2026-12-06&to=2026-12-05", nil, nil, nil, (*staff.Handler).ExportPaymentsCSV)
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})
}
