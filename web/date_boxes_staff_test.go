package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
)

// requireDateRefused: the post was refused with the error summary linking to the date's day box,
// which (with the other boxes the error is about) is marked in error and keeps what was typed.
func requireDateRefused(t *testing.T, p page, dayID, typedDay string) {
	t.Helper()
	require.Equal(t, http.StatusUnprocessableEntity, p.status, p.body)
	doc := p.doc(t)
	link := doc.Find(".govuk-error-summary a")
	require.Equal(t, 1, link.Length(), p.body)
	require.Equal(t, "#"+dayID, link.AttrOr("href", ""))
	require.Contains(t, link.Text(), "ngày có thật")
	day := doc.Find("#" + dayID)
	require.True(t, day.HasClass("govuk-input--error"), "the day box is marked")
	if typedDay != "" {
		require.Equal(t, typedDay, day.AttrOr("value", ""), "what was typed is kept")
	}
}

// TestStaffDateBoxes: the administrators', the helpdesk's and the officers' dates are three boxes
// (day, month, year): each route takes the boxes, and refuses a date that does not exist with a
// message linked to its day box.
func TestStaffDateBoxes(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	admin := newBrowser(t)
	admin.signInStaff(s, "quantri.hethong")

	t.Run("Law", func(t *testing.T) {
		lawPage := admin.get(s.portalURL + "/staff/admin/procedures/1.014748/law")
		require.Equal(t, http.StatusOK, lawPage.status, lawPage.body)
		require.Equal(t, 0, lawPage.doc(t).Find(`input[type=date]`).Length(), "no browser date picker")
		basis := url.Values{"type": {"circular"}, "number": {"02/2026/TT-BNV"}, "title_vi": {"hướng dẫn thử"},
			"title_en": {"test guidance"}, "issuer_vi": {"Bộ Nội vụ"}, "issuer_en": {"Ministry of Home Affairs"}, "position": {"2"},
			"issued_on.day": {"30"}, "issued_on.month": {"2"}, "issued_on.year": {"2026"}}
		requireDateRefused(t, admin.submitForm(lawPage, testid("basis-form"), basis, nil), "law-basis-issued", "30")
		basis.Set("issued_on.day", "5")
		basis.Set("issued_on.month", "1")
		basis.Set("effective_from.day", "1")
		basis.Set("effective_from.month", "3")
		basis.Set("effective_from.year", "2026")
		saved := admin.followFrom(admin.submitForm(lawPage, testid("basis-form"), basis, nil))
		require.Equal(t, http.StatusOK, saved.status, saved.body)
		row := saved.doc(t).Find(testid("admin-basis")).FilterFunction(func(_ int, sel *goquery.Selection) bool {
			return strings.Contains(sel.Text(), "02/2026/TT-BNV")
		})
		require.Contains(t, row.Text(), "01/03/2026")

		fee := url.Values{"item": {"fee"}, "province": {"01"}, "channel": {"online"}, "kind": {"le_phi"}, "name_vi": {"Phí"},
			"name_en": {"Fee"}, "amount": {"1000"}, "effective_until.day": {"31"}, "effective_until.month": {"4"}, "effective_until.year": {"2027"}}
		requireDateRefused(t, admin.submitForm(lawPage, testid("fee-form"), fee, nil), "law-fee-until", "31")
	})

	t.Run("Calendar", func(t *testing.T) {
		p := admin.get(s.portalURL + "/staff/admin/calendar?year=2027")
		require.Equal(t, http.StatusOK, p.status, p.body)
		day := url.Values{"date.day": {"31"}, "date.month": {"4"}, "date.year": {"2027"}, "kind": {"holiday"}, "name_vi": {"Nghỉ thử"}, "name_en": {"Test day off"}}
		requireDateRefused(t, admin.submitForm(p, testid("calendar-add"), day, nil), "cal-date", "31")
		day.Set("date.day", "5")
		day.Set("date.month", "1")
		done := admin.submitForm(p, testid("calendar-add"), day, nil)
		require.Equal(t, http.StatusOK, done.status, done.body)
		require.Equal(t, 1, done.doc(t).Find("[data-testid=calendar-day][data-date='2027-01-05']").Length())
	})

	t.Run("Helpdesk", func(t *testing.T) {
		hd := newBrowser(t)
		form := hd.signInStaff(s, "hotro.tongdai")
		look := url.Values{"pid": {anPersonalID}, "reason": {"counter"}, "born.day": {"31"}, "born.month": {"2"}, "born.year": {"1988"}}
		requireDateRefused(t, hd.submitForm(form, testid("helpdesk-form"), look, nil), "hd-born", "31")
		look.Set("born.day", "15")
		look.Set("born.month", "3")
		ok := hd.submitForm(form, testid("helpdesk-form"), look, nil)
		require.Equal(t, http.StatusOK, ok.status, ok.body)
		require.Equal(t, 0, ok.doc(t).Find(testid("error-summary")).Length())
		require.Equal(t, "15", ok.doc(t).Find("#hd-born").AttrOr("value", ""))
		require.Equal(t, "1988", ok.doc(t).Find("#hd-born-year").AttrOr("value", ""))
	})

	t.Run("Apology", func(t *testing.T) {
		an := newBrowser(t)
		an.signIn(s, anPersonalID)
		code := submitBirthRegistration(t, s, an)
		officer := newBrowser(t)
		officer.signInStaff(s, "canbo.ubnd.hoankiem")
		require.Equal(t, "2", caseStatus(t, officer.act(s, code, "receive", nil)))
		require.Equal(t, "4", caseStatus(t, officer.act(s, code, "start_processing", nil)))
		reason := "Cần xác minh thêm thông tin nơi sinh với cơ sở y tế."
		p := officer.get(s.portalURL + "/staff/cases/" + code)
		bad := officer.submitForm(p, testid("action-apology"), url.Values{"reason": {reason},
			"new_due_on.day": {"31"}, "new_due_on.month": {"2"}, "new_due_on.year": {"2027"}}, nil)
		requireDateRefused(t, bad, "new_due_on", "")

		newDue := caseOf(t, s, code).DueOn.AddDate(0, 0, 7)
		for newDue.Weekday() == time.Saturday || newDue.Weekday() == time.Sunday {
			newDue = newDue.AddDate(0, 0, 1)
		}
		done := officer.followFrom(officer.submitForm(p, testid("action-apology"), url.Values{"reason": {reason},
			"new_due_on.day": {newDue.Format("2")}, "new_due_on.month": {newDue.Format("1")}, "new_due_on.year": {newDue.Format("2006")}}, nil))
		require.Equal(t, http.StatusOK, done.status, done.body)
		pdf := an.get(s.portalURL + "/cases/" + code + "/apology.pdf")
		require.Equal(t, http.StatusOK, pdf.status)
		require.Contains(t, receiptPDFText(t, []byte(pdf.body)), newDue.Format("02/01/2006"))
	})
}
