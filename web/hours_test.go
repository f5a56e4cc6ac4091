package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// receiptPDFText is the text of a receipt PDF, read by poppler's pdftotext (installed by .ci/run).
func receiptPDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	require.NoError(t, err, "pdftotext (poppler-utils) is needed: .ci/run installs it")
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestReceiptSaysCountsFromNextWorkingDay: the receipt of a case submitted after 15:00 on a
// working day, or on a day off, says that it counts from the next working day, on the page and
// in the PDF; one submitted in the morning of a working day does not.
func TestReceiptSaysCountsFromNextWorkingDay(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an) // UBND of a ward of Hà Nội: the national hours
	const line = "Hồ sơ nộp sau 15 giờ hoặc vào ngày nghỉ được tính từ ngày làm việc tiếp theo."
	at := func(when string) (page, string) {
		t.Helper()
		_, err := s.db.Exec(context.Background(), `UPDATE cases SET submitted_at = $2::timestamptz WHERE code = $1`, code, when)
		require.NoError(t, err)
		p := an.get(s.portalURL + "/cases/" + code + "/receipt")
		require.Equal(t, http.StatusOK, p.status, p.body)
		pdf := an.get(s.portalURL + "/cases/" + code + "/receipt.pdf")
		require.Equal(t, http.StatusOK, pdf.status)
		return p, receiptPDFText(t, []byte(pdf.body))
	}

	for name, when := range map[string]string{
		"FridayAfterThree": "2026-11-27 15:30+07", "Saturday": "2026-11-28 10:00+07", "NewYear2026FridayOff": "2026-01-02 09:00+07",
	} {
		p, pdf := at(when)
		require.Equal(t, line, textOf(t, p, testid("counts-from-next-day")), name)
		require.Contains(t, pdf, line, name)
	}
	p, pdf := at("2026-11-27 10:00+07")
	require.Zero(t, p.doc(t).Find(testid("counts-from-next-day")).Length())
	require.NotContains(t, pdf, "ngày làm việc tiếp theo")
}

// TestOfficeHoursAdmin: the administrator sets a province's office hours on the calendar page,
// is refused a day that is not 8 hours, and gives the province back the national hours; the
// holidays stay editable on the same page.
func TestOfficeHoursAdmin(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	admin := newBrowser(t)
	admin.signInStaff(s, "quantri.hethong")
	p := admin.get(s.portalURL + "/staff/admin/calendar?year=2026")
	require.Equal(t, http.StatusOK, p.status, p.body)
	doc := p.doc(t)
	require.Equal(t, 2, doc.Find("[data-testid=office-hours-row]").Length(), "the national hours and Hà Nội's are seeded")
	national := doc.Find("[data-testid=office-hours-row][data-province='00']")
	require.Contains(t, national.Text(), "08:00–12:00")
	require.Contains(t, national.Text(), "13:00–17:00")
	require.Equal(t, 1, doc.Find("[data-testid=calendar-day][data-date='2026-01-02']").Length(), "Friday 2 January 2026 is off")
	require.Equal(t, 1, doc.Find("[data-testid=calendar-day][data-date='2026-01-10']").Length(), "Saturday 10 January 2026 is worked")

	form := url.Values{"province": {"79"}, "morning_start": {"07:30"}, "morning_end": {"11:30"},
		"afternoon_start": {"13:00"}, "afternoon_end": {"17:00"}, "cutoff": {"15:00"}, "basis": {"Quyết định thử"}}
	saved := admin.submitForm(p, testid("office-hours-form"), form, nil)
	require.Equal(t, http.StatusOK, saved.status, saved.body)
	require.Contains(t, textOf(t, saved, testid("hours-notice")), "Hồ Chí Minh")
	row := saved.doc(t).Find("[data-testid=office-hours-row][data-province='79']")
	require.Contains(t, row.Text(), "07:30–11:30")
	require.Contains(t, row.Text(), "Quyết định thử")

	form.Set("afternoon_start", "13:30") // 7.5 hours
	bad := admin.submitForm(p, testid("office-hours-form"), form, nil)
	require.Equal(t, http.StatusUnprocessableEntity, bad.status)
	require.Contains(t, textOf(t, bad, testid("hours-error")), "8 giờ")
	require.Equal(t, "13:30", bad.doc(t).Find("#hours-afternoon-start").AttrOr("value", ""), "what was typed is kept")

	back := admin.submitForm(saved, "[data-testid=office-hours-row][data-province='79'] form", nil, nil)
	require.Equal(t, http.StatusOK, back.status, back.body)
	require.Zero(t, back.doc(t).Find("[data-testid=office-hours-row][data-province='79']").Length())
	require.Contains(t, textOf(t, back, testid("hours-notice")), "mặc định toàn quốc")
}

// TestBrowserOfficeHours: the office-hours form on the administrator's calendar page, seen in a
// browser: accessible, saved, and refused with the typed values kept.
func TestBrowserOfficeHours(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	signInStaffBrowser(t, b, s, "quantri.hethong")
	b.NavigateAndWait(s.portalURL+"/staff/admin/calendar?year=2026", browsertest.TestID("office-hours-form"))
	b.Screenshot("calendar-and-office-hours")
	b.AssertAccessible(t)

	b.SetValue("#hours-province", "79")
	b.SetValue("#hours-morning-start", "07:30")
	b.SetValue("#hours-morning-end", "11:30")
	b.SetValue("#hours-afternoon-start", "13:00")
	b.SetValue("#hours-afternoon-end", "17:00")
	b.SetValue("#hours-cutoff", "15:00")
	b.SetValue("#hours-basis", "Giờ làm việc thử của Thành phố Hồ Chí Minh")
	b.ClickNavigate(browsertest.TestID("office-hours-save"))
	b.WaitVisible("[data-testid=office-hours-row][data-province='79']")
	require.Contains(t, b.Text(browsertest.TestID("hours-notice")), "Hồ Chí Minh")
	b.Screenshot("office-hours-saved")

	require.Empty(t, b.ConsoleErrors())

	b.SetValue("#hours-afternoon-start", "13:30")
	b.ClickNavigate(browsertest.TestID("office-hours-save"))
	b.WaitVisible(browsertest.TestID("hours-error"))
	require.Equal(t, "13:30", b.Value("#hours-afternoon-start"), "what was typed is kept")
	b.Screenshot("office-hours-refused")
	b.AssertAccessible(t)
	for _, e := range b.ConsoleErrors() {
		require.Contains(t, e, "422", "only the refusal's status is logged")
	}
}
