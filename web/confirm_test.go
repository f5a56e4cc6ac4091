package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
)

// requireBanner checks that p opens with the success banner saying want.
func requireBanner(t *testing.T, p page, want string) {
	t.Helper()
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Contains(t, textOf(t, p, testid("success-banner")), want, p.url.String())
}

// requireErrorLinks checks the page's error summary: at least one error, each a link "#id" to
// an element of the page, and that one of them is the link to wantID. It returns the messages.
func requireErrorLinks(t *testing.T, p page, wantID string) []string {
	t.Helper()
	doc := p.doc(t)
	links := doc.Find(".govuk-error-summary a")
	require.Positive(t, links.Length(), "an error summary with links on %s: %s", p.url, p.body)
	var found bool
	var messages []string
	links.Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		require.True(t, strings.HasPrefix(href, "#"), "error link %q", href)
		id := strings.TrimPrefix(href, "#")
		require.Equal(t, 1, doc.Find(`[id="`+id+`"]`).Length(), "error link %q on %s names no element", href, p.url)
		found = found || id == wantID
		messages = append(messages, strings.TrimSpace(a.Text()))
	})
	require.True(t, found, "no error links to #%s on %s", wantID, p.url)
	doc.Find(".govuk-error-summary").Each(func(_ int, s *goquery.Selection) {
		require.Positive(t, s.Find("a[href^='#']").Length(), "every error summary links to its field: %s", s.Text())
	})
	return messages
}

// TestDeleteDraftAsksFirst: "Xóa" on a draft opens a page that asks "Bạn có chắc chắn?"; only
// its button (confirm=yes) deletes, and "Hồ sơ của tôi" then says the draft was deleted. A
// post without the confirmation is sent to the question.
func TestDeleteDraftAsksFirst(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	startDraft(t, s, b, "1.001193")
	list := b.get(s.portalURL + "/cases")
	row := list.doc(t).Find(testid("draft-row"))
	require.Equal(t, 1, row.Length())
	id := row.AttrOr("data-draft", "")
	confirmURL := "/drafts/" + id + "/delete"
	require.Equal(t, confirmURL, row.Find(testid("delete-draft")).AttrOr("href", ""), "Xóa is a link to the question")

	direct := b.post(s.portalURL+confirmURL, url.Values{"_csrf": {csrfToken(t, list)}})
	require.Equal(t, http.StatusSeeOther, direct.status)
	require.Equal(t, confirmURL, direct.location)
	require.Equal(t, 1, b.get(s.portalURL+"/cases").doc(t).Find(testid("draft-row")).Length(), "not deleted without confirmation")

	ask := b.get(s.portalURL + confirmURL)
	require.Equal(t, http.StatusOK, ask.status, ask.body)
	require.Contains(t, textOf(t, ask, "h1"), "Bạn có chắc chắn")
	require.Contains(t, textOf(t, ask, testid("confirm-delete")), "Có, xóa hồ sơ nháp")
	require.Equal(t, "/cases", ask.doc(t).Find(testid("confirm-cancel")).AttrOr("href", ""))
	require.Equal(t, "yes", ask.doc(t).Find(testid("confirm-delete-form")+" input[name=confirm]").AttrOr("value", ""))

	other := newBrowser(t)
	other.signIn(s, cuongPersonalID)
	require.Equal(t, http.StatusNotFound, other.get(s.portalURL+confirmURL).status)

	done := b.submitForm(ask, testid("confirm-delete-form"), nil, nil)
	require.Equal(t, http.StatusSeeOther, done.status)
	after := b.followFrom(done)
	requireBanner(t, after, "Đã xóa hồ sơ nháp")
	require.Zero(t, after.doc(t).Find(testid("draft-row")).Length())
	require.Equal(t, http.StatusNotFound, b.get(s.portalURL+confirmURL).status, "gone")
}

// TestWithdrawalAsksFirst: asking to withdraw a case opens a page that says what will happen
// and asks why; an empty reason is an error that links to the reason's box; the request then
// lands on the case page with a success banner. The case page's old one-click post is sent to
// the question.
func TestWithdrawalAsksFirst(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	cp := an.get(s.portalURL + "/cases/" + code)
	confirmURL := "/cases/" + code + "/withdraw"
	require.Equal(t, confirmURL, cp.doc(t).Find(testid("withdraw-link")).AttrOr("href", ""), cp.body)
	require.Zero(t, cp.doc(t).Find(testid("citizen-request_withdrawal")).Length(), "no one-click withdrawal on the case page")

	direct := an.post(s.portalURL+"/cases/"+code+"/actions", url.Values{"_csrf": {csrfToken(t, cp)},
		"action": {"request_withdrawal"}, "version": {"1"}, "reason": {"Nhầm thủ tục"}})
	require.Equal(t, http.StatusSeeOther, direct.status, direct.body)
	require.Equal(t, confirmURL, direct.location)
	require.Equal(t, "1", caseStatus(t, an.get(s.portalURL+"/cases/"+code)), "not withdrawn without confirmation")

	ask := an.get(s.portalURL + confirmURL)
	require.Equal(t, http.StatusOK, ask.status, ask.body)
	require.Contains(t, textOf(t, ask, "h1"), "Bạn có chắc chắn")
	require.Equal(t, "/cases/"+code, ask.doc(t).Find(testid("confirm-cancel")).AttrOr("href", ""))
	require.Equal(t, 1, ask.doc(t).Find("textarea#withdraw-reason").Length())

	empty := an.submitForm(ask, testid("confirm-withdraw-form"), url.Values{"reason": {" "}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, empty.status, empty.body)
	msgs := requireErrorLinks(t, empty, "withdraw-reason")
	require.Contains(t, msgs[0], "Nhập lý do")
	require.Equal(t, 1, empty.doc(t).Find("#withdraw-reason.govuk-textarea--error").Length(), "the box is marked")

	other := newBrowser(t)
	other.signIn(s, cuongPersonalID)
	require.Equal(t, http.StatusNotFound, other.get(s.portalURL+confirmURL).status)

	done := an.submitForm(ask, testid("confirm-withdraw-form"), url.Values{"reason": {"Tôi nộp nhầm thủ tục"}}, nil)
	require.Equal(t, http.StatusSeeOther, done.status, done.body)
	after := an.followFrom(done)
	requireBanner(t, after, "Đã gửi yêu cầu rút hồ sơ")
	require.Equal(t, "7", caseStatus(t, after))
	again := an.get(s.portalURL + confirmURL)
	require.Equal(t, http.StatusSeeOther, again.status, "nothing left to withdraw: back to the case")
	require.Equal(t, "/cases/"+code, again.location)
}

// TestCitizenActionsEndWithBanner: saving a draft for later, answering a supplement request,
// asking to correct the draft of the result and confirming it, and giving and withdrawing
// consent on My data each end on a page that says it worked.
func TestCitizenActionsEndWithBanner(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)

	first := startDraft(t, s, an, "1.001193")
	saved := an.followFrom(an.submitForm(first, testid("step-form"), url.Values{"action": {"save"}, "child_full_name": {"Nguyễn Ngọc Ánh"}}, nil))
	requireBanner(t, saved, "Đã lưu hồ sơ nháp")

	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "request_supplement", url.Values{"reason": {"Giấy chứng sinh chụp mờ"}})
	cp := an.get(s.portalURL + "/cases/" + code)
	answered := an.followFrom(an.submitForm(cp, testid("citizen-answer_supplement"), url.Values{"reason": {"Gửi lại bản rõ"}}, nil))
	requireBanner(t, answered, "Đã gửi nội dung bổ sung")

	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)
	officer.act(s, code, "send_draft", nil)
	cp = an.get(s.portalURL + "/cases/" + code)
	corrected := an.followFrom(an.submitForm(cp, testid("citizen-correct_draft"), url.Values{"reason": {"Tên đệm là Ngọc"}}, nil))
	requireBanner(t, corrected, "Đã gửi yêu cầu sửa dự thảo")
	officer.act(s, code, "send_draft", nil)
	cp = an.get(s.portalURL + "/cases/" + code)
	confirmed := an.followFrom(an.submitForm(cp, testid("citizen-confirm_draft"), nil, nil))
	requireBanner(t, confirmed, "Đã xác nhận dự thảo")

	ask := an.get(s.portalURL + "/my-data")
	granted := an.followFrom(an.post(s.portalURL+"/my-data/consent", url.Values{"_csrf": {csrfToken(t, ask)}}))
	requireBanner(t, granted, "Bạn đã đồng ý")
	withdrawn := an.followFrom(an.post(s.portalURL+"/my-data/consent/withdraw", url.Values{"_csrf": {csrfToken(t, granted)}}))
	requireBanner(t, withdrawn, "Bạn đã rút lại sự đồng ý")
}

// TestErrorSummariesLinkToFields: on the citizen's pages every error in an error summary is a
// link to a field of the page, and says what to do.
func TestErrorSummariesLinkToFields(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)

	first := startDraft(t, s, an, "1.001193")
	step := an.submitForm(first, testid("step-form"), url.Values{"action": {"continue"}, "child_full_name": {""}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, step.status)
	requireErrorLinks(t, step, "f-child_full_name")

	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "request_supplement", url.Values{"reason": {"Giấy chứng sinh chụp mờ"}})
	cp := an.get(s.portalURL + "/cases/" + code)
	noAnswer := an.submitForm(cp, testid("citizen-answer_supplement"), url.Values{"reason": {""}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, noAnswer.status, noAnswer.body)
	require.Contains(t, requireErrorLinks(t, noAnswer, "text-answer_supplement")[0], "Nhập")

	anyone := newBrowser(t)
	track := anyone.get(s.portalURL + "/tra-cuu")
	noCode := anyone.submitForm(track, testid("track-form"), url.Values{"code": {""}, "last4": {""}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, noCode.status, noCode.body)
	msgs := requireErrorLinks(t, noCode, "tr-code")
	requireErrorLinks(t, noCode, "tr-last4")
	require.Contains(t, msgs[0], "Nhập mã hồ sơ")

	verify := anyone.get(s.portalURL + "/verify")
	noFile := anyone.submitForm(verify, testid("verify-upload"), nil, nil)
	require.Equal(t, http.StatusUnprocessableEntity, noFile.status, noFile.body)
	require.Contains(t, requireErrorLinks(t, noFile, "document")[0], "Chọn")
}
