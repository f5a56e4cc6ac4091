package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

func TestHelpdeskLookupIsMaskedAndLogged(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)

	hd := newBrowser(t)
	form := hd.signInStaff(s, "hotro.tongdai")
	require.Contains(t, form.url.Path, "/staff/helpdesk")

	t.Run("ErrReasonRequired", func(t *testing.T) {
		p := hd.submitForm(form, testid("helpdesk-form"), url.Values{"code": {code}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, p.status)
	})

	byCode := hd.submitForm(form, testid("helpdesk-form"), url.Values{"code": {code}, "reason": {"phone"}, "note": {"Anh An gọi hỏi"}}, nil)
	require.Equal(t, http.StatusOK, byCode.status, byCode.body)
	found := byCode.doc(t).Find("[data-testid=helpdesk-case][data-code='" + code + "']")
	require.Equal(t, 1, found.Length())
	require.Equal(t, "N. V. An (********2345)", strings.TrimSpace(found.Find(testid("masked-applicant")).Text()))
	for _, secret := range []string{"Nguyễn Văn An", anPersonalID, "Hàng Bạc", "Nguyễn Ngọc Ánh", "Đặng Thị Mai", "Bệnh viện Phụ sản"} {
		require.NotContains(t, byCode.body, secret, "the helpdesk page holds no full name, full ID, address or submitted value")
	}
	require.NotEmpty(t, strings.TrimSpace(found.Find(testid("awaited")).Text()))

	byPerson := hd.submitForm(form, testid("helpdesk-form"), url.Values{"pid": {anPersonalID}, "born": {"1988-03-15"}, "reason": {"counter"}}, nil)
	require.Equal(t, 1, byPerson.doc(t).Find(testid("helpdesk-case")).Length())
	wrongBirth := hd.submitForm(form, testid("helpdesk-form"), url.Values{"pid": {anPersonalID}, "born": {"1988-03-16"}, "reason": {"counter"}}, nil)
	require.Equal(t, 0, wrongBirth.doc(t).Find(testid("helpdesk-case")).Length(), "both must match")

	// An sees the lookups on My data, with the reason.
	log := an.get(s.portalURL + "/my-data").doc(t).Find("[data-testid=access-log-row][data-purpose='helpdesk-lookup']")
	require.Equal(t, 2, log.Length())
	require.Contains(t, log.First().Text(), "Lý Thu Trang")
	require.Contains(t, log.Text(), "Cuộc gọi", "the reason, in words")

	// A helpdesk note reaches the officers.
	noted := hd.submitForm(byCode, testid("helpdesk-note"), url.Values{"note": {"Công dân hỏi ngày trả kết quả"}}, nil)
	require.Equal(t, http.StatusSeeOther, noted.status)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	require.Contains(t, textOf(t, officer.get(s.portalURL+"/staff/cases/"+code), testid("notes")), "ngày trả kết quả")

	t.Run("ErrOfficerIsNotHelpdesk", func(t *testing.T) {
		require.Equal(t, http.StatusForbidden, officer.get(s.portalURL+"/staff/helpdesk").status)
	})

	t.Run("RateLimitPerAgent", func(t *testing.T) {
		limited := false
		for i := 0; i < 40 && !limited; i++ {
			p := hd.submitForm(form, testid("helpdesk-form"), url.Values{"code": {"KHONG-CO-0000"}, "reason": {"phone"}}, nil)
			limited = p.status == http.StatusTooManyRequests
		}
		require.True(t, limited, "an agent cannot look up without limit")
	})
}

func TestPublicTrackNoEnumeration(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)

	anyone := newBrowser(t)
	form := anyone.get(s.portalURL + "/tra-cuu")
	ok := anyone.submitForm(form, testid("track-form"), url.Values{"code": {code}, "last4": {"2345"}}, nil)
	require.Equal(t, http.StatusOK, ok.status)
	require.Equal(t, 1, ok.doc(t).Find(testid("track-result")).Length())
	require.NotContains(t, ok.body, "Nguyễn", "status and due date only")

	unknownCode := strings.Replace(code, "-0001", "-0999", 1)
	wrongSuffix := anyone.submitForm(form, testid("track-form"), url.Values{"code": {code}, "last4": {"9999"}}, nil)
	unknown := anyone.submitForm(form, testid("track-form"), url.Values{"code": {unknownCode}, "last4": {"2345"}}, nil)
	require.Equal(t, wrongSuffix.status, unknown.status)
	norm := func(p page, c string) string { return strings.ReplaceAll(p.body, c, "CODE") }
	require.Equal(t, norm(wrongSuffix, code), norm(unknown, unknownCode), "an unknown code and a wrong suffix look the same")

	limited := false
	for i := 0; i < 20 && !limited; i++ {
		p := anyone.submitForm(form, testid("track-form"), url.Values{"code": {unknownCode}, "last4": {"0000"}}, nil)
		limited = p.status == http.StatusTooManyRequests
		if limited {
			require.Contains(t, p.body, "quá nhiều yêu cầu")
		}
	}
	require.True(t, limited, "the lookup is rate-limited per client")
}

// TestBrowserHelpdesk: a helpdesk agent finds An's case by code and sees the masked view.
func TestBrowserHelpdesk(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)

	b := browsertest.New(t)
	id := browsertest.TestID
	signInStaffBrowser(t, b, s, "hotro.tongdai")
	b.WaitVisible(id("helpdesk-form"))
	b.SetValue("#hd-code", code)
	b.Click("label[for='hd-reason-phone']")
	b.ClickNavigate(id("helpdesk-submit"))
	b.WaitVisible(id("masked-applicant"))
	require.Contains(t, b.Text(id("masked-applicant")), "N. V. An")
	require.Contains(t, b.Text(id("masked-applicant")), "********2345")
	b.Screenshot("helpdesk-masked")
	b.AssertAccessible(t)
	require.Empty(t, b.ConsoleErrors())
}
