package web_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserConfirmAndRate: at 375 px and at 1280 px, An deletes a draft through "Bạn có chắc
// chắn?", asks to withdraw a case (an empty reason is an error linked to its box), rates a
// decided case (no level chosen is an error linked to the first level), and each action ends
// with a success banner; the supervisor then sees the rating on the dashboard. axe finds
// nothing serious on any of these pages.
func TestBrowserConfirmAndRate(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	decided := decideBirthRegistration(t, s, an)
	id := browsertest.TestID

	for _, w := range []int64{375, 1280} {
		label := fmt.Sprintf("w%d", w)
		startDraft(t, s, an, "1.001193")
		open := submitBirthRegistration(t, s, an)

		b := browsertest.New(t, browsertest.Viewport(w, 900), browsertest.Label(label))
		signInBrowser(t, b, s, anPersonalID, "/cases")
		b.NavigateAndWait(s.portalURL+"/cases", id("delete-draft"))
		b.ClickNavigate(id("delete-draft"))
		b.WaitVisible(id("confirm-delete"))
		require.Contains(t, b.Text("h1"), "Bạn có chắc chắn")
		b.Screenshot("delete-asks")
		b.AssertAccessible(t)
		b.ClickNavigate(id("confirm-delete"))
		b.WaitVisible(id("success-banner"))
		require.Contains(t, b.Text(id("success-banner")), "Đã xóa hồ sơ nháp")
		b.Screenshot("delete-done")
		b.AssertAccessible(t)

		b.NavigateAndWait(s.portalURL+"/cases/"+open, id("withdraw-link"))
		b.ClickNavigate(id("withdraw-link"))
		b.WaitVisible(id("confirm-withdraw"))
		b.ClickNavigate(id("confirm-withdraw"))
		b.WaitVisible(".govuk-error-summary a[href='#withdraw-reason']")
		b.Screenshot("withdraw-error")
		b.AssertAccessible(t)
		b.SetValue("#withdraw-reason", "Tôi nộp nhầm thủ tục")
		b.ClickNavigate(id("confirm-withdraw"))
		b.WaitVisible(id("success-banner"))
		require.Contains(t, b.Text(id("success-banner")), "Đã gửi yêu cầu rút hồ sơ")
		b.Screenshot("withdraw-done")

		b.NavigateAndWait(s.portalURL+"/cases/"+decided, id("rating-form"))
		b.Screenshot("rating-asked")
		b.AssertAccessible(t)
		if b.Count(id("rating-given")) == 0 {
			b.ClickNavigate(id("rating-submit"))
			b.WaitVisible(".govuk-error-summary a[href='#rating-5']")
			b.Screenshot("rating-error")
			b.AssertAccessible(t)
		}
		b.Click("label[for='rating-4']")
		b.SetValue("#rating-comment", "Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn")
		b.ClickNavigate(id("rating-submit"))
		b.WaitVisible(id("success-banner"))
		require.Contains(t, b.Text(id("success-banner")), "Cảm ơn bạn đã đánh giá")
		require.Contains(t, b.Text(id("rating-given")), "Hài lòng")
		b.Screenshot("rating-done")
		b.AssertAccessible(t)
		for _, e := range b.ConsoleErrors() {
			require.Contains(t, e, "status of 422", "only the refused posts this test makes on purpose")
		}

		sup := browsertest.New(t, browsertest.Viewport(w, 900), browsertest.Label(label+"-supervisor"))
		signInStaffBrowser(t, sup, s, "giamsat.ubnd.hoankiem")
		sup.NavigateAndWait(s.portalURL+"/staff/dashboard", id("ratings"))
		require.Equal(t, decided, browsertest.Evaluate[string](sup, `document.querySelector('[data-testid=rating-comment]').dataset.code`))
		sup.Screenshot("dashboard-ratings")
		sup.AssertAccessible(t)
	}
}
