package web_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserContactDetails is the contact page's journey at 375 and 1280 px: An's e-mail and
// phone from VNeID, a wrong number refused on its field, a new number confirmed by the code sent
// to it (a wrong code first), the success banner; and his paused case with the officer's reason.
func TestBrowserContactDetails(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	id := browsertest.TestID
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "request_supplement", url.Values{"reason": {"Giấy chứng sinh chụp mờ, đề nghị gửi lại bản rõ nét"}})

	for _, tc := range []struct {
		name, number, stored string
		opts                 []browsertest.Option
	}{
		{"Phone", "0987 654 321", "+84987654321", []browsertest.Option{browsertest.Mobile(), browsertest.Viewport(375, 812)}},
		{"Desktop", "0356 123 456", "+84356123456", []browsertest.Option{browsertest.Viewport(1280, 900)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := browsertest.New(t, tc.opts...)
			signInBrowser(t, b, s, anPersonalID, "/account/contact")
			b.WaitVisible(id("contact-title"))
			require.Equal(t, "an.nguyen@example.vn", b.Text(id("contact-email-value")))
			b.Screenshot("contact")
			b.AssertAccessible(t)

			b.SetValue("#phone", "024 3825 1234")
			b.ClickNavigate(id("contact-send-phone"))
			b.WaitVisible(id("error-summary"))
			require.Equal(t, "024 3825 1234", b.Value("#phone"), "nothing typed is lost")
			b.Screenshot("contact-error")
			b.AssertAccessible(t)

			b.SetValue("#phone", tc.number)
			b.ClickNavigate(id("contact-send-phone"))
			b.WaitVisible(id("contact-confirm-title"))
			b.Screenshot("confirm")
			b.AssertAccessible(t)
			b.SetValue("#code", "12")
			b.ClickNavigate(id("contact-confirm-submit"))
			b.WaitVisible(id("error-summary"))
			b.Screenshot("confirm-error")
			b.AssertAccessible(t)

			b.SetValue("#code", s.codeIn(t, tc.stored))
			b.ClickNavigate(id("contact-confirm-submit"))
			b.WaitVisible(id("contact-phone-verified"))
			require.Equal(t, tc.number, b.Text(id("contact-phone-value")))
			require.Equal(t, 1, b.Count(".govuk-notification-banner--success"))
			b.Screenshot("contact-confirmed")
			b.AssertAccessible(t)

			b.NavigateAndWait(s.portalURL+"/cases/"+code, id("case-paused"))
			require.Equal(t, "Tạm dừng", b.Text(id("case-paused-tag")))
			b.Screenshot("case-paused")
			b.AssertAccessible(t)
			for _, e := range b.ConsoleErrors() { // the refused posts answer 422, as they should
				require.Contains(t, e, "status of 422", e)
			}
		})
	}
}
