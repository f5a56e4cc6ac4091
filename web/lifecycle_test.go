package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// confirmDraft has the officer send the draft of the result and the applicant confirm it: what
// approving a birth or marriage registration waits for (services/casework/draft.go).
func confirmDraft(t *testing.T, s *stack, officer, applicant *browser, code string) {
	t.Helper()
	sent := officer.act(s, code, "send_draft", nil)
	require.Equal(t, http.StatusOK, sent.status, sent.body)
	confirmDraftAs(t, s, applicant, code)
}

// confirmDraftAs is the applicant's part of confirmDraft.
func confirmDraftAs(t *testing.T, s *stack, applicant *browser, code string) {
	t.Helper()
	p := applicant.get(s.portalURL + "/cases/" + code)
	require.Equal(t, 1, p.doc(t).Find(testid("citizen-confirm_draft")).Length(), p.body)
	done := applicant.followFrom(applicant.submitForm(p, testid("citizen-confirm_draft"), nil, nil))
	require.Equal(t, http.StatusOK, done.status, done.body)
	require.Equal(t, "confirmed", done.doc(t).Find(testid("citizen-draft")).AttrOr("data-state", ""), done.body)
}

func draftState(t *testing.T, p page, sel string) string {
	t.Helper()
	return p.doc(t).Find(sel).AttrOr("data-state", "")
}

// TestSupplementAtReceptionJourney: the reception officer asks An to complete his birth
// registration before receiving it; An answers from his case page and the case is back at
// reception, where a second request is refused.
func TestSupplementAtReceptionJourney(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")

	asked := officer.act(s, code, "request_supplement", url.Values{"reason": {"Giấy chứng sinh chụp mờ, gửi lại bản rõ nét"}})
	require.Equal(t, "5", caseStatus(t, asked), asked.body)
	require.Nil(t, caseOf(t, s, code).ReceivedAt, "asked at reception: not received")

	cp := an.get(s.portalURL + "/cases/" + code)
	require.Contains(t, textOf(t, cp, testid("supplement-request")), "Giấy chứng sinh chụp mờ")
	answered := an.followFrom(an.submitForm(cp, testid("citizen-answer_supplement"),
		url.Values{"reason": {"Gửi lại Giấy chứng sinh"}}, map[string]upload{"file": {"giay-chung-sinh.pdf", samplePDF}}))
	require.Equal(t, http.StatusOK, answered.status, answered.body)
	require.Equal(t, "1", caseStatus(t, answered), "back to reception")
	require.NotNil(t, caseOf(t, s, code).ResubmittedAt)

	p := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, 0, p.doc(t).Find(testid("action-request_supplement")).Length(), "asked once at reception")
	require.Equal(t, 1, p.doc(t).Find(testid("action-receive")).Length())
	require.Equal(t, 0, p.doc(t).Find(testid("staff-draft")).Length(), "no draft to speak of at reception")
	require.Contains(t, textOf(t, p, testid("timeline")), "thời hạn tiếp nhận tính lại")
	require.Contains(t, textOf(t, p, testid("timeline")), "Gửi lại Giấy chứng sinh")
	again := officer.post(s.portalURL+"/staff/cases/"+code+"/actions", url.Values{"_csrf": {csrfToken(t, p)},
		"action": {"request_supplement"}, "version": {textAttr(t, p, "action-receive", "version")}, "reason": {"Thiếu thêm"}})
	require.Equal(t, http.StatusConflict, again.status)
	require.Contains(t, textOf(t, again, testid("action-error")), "hướng dẫn một lần")

	received := officer.act(s, code, "receive", nil)
	require.Equal(t, "2", caseStatus(t, received))
}

// textAttr reads the value of a hidden input of an action's form.
func textAttr(t *testing.T, p page, form, name string) string {
	t.Helper()
	v, ok := p.doc(t).Find(testid(form) + " input[name=" + name + "]").Attr("value")
	require.True(t, ok, "no %s in %s", name, form)
	return v
}

// TestDraftConfirmationJourney: the officer sends An the draft birth certificate; An reads it,
// asks for a correction, and confirms the corrected draft; only then is approval offered.
func TestDraftConfirmationJourney(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	p := officer.act(s, code, "start_processing", nil)
	require.Equal(t, "not_sent", draftState(t, p, testid("staff-draft")))
	require.Equal(t, 0, p.doc(t).Find(testid("action-approve")).Length(), "no approval before the draft is confirmed")
	require.Contains(t, textOf(t, p, testid("do-send_draft")), "giấy khai sinh")
	require.Equal(t, 0, an.get(s.portalURL+"/cases/"+code).doc(t).Find(testid("citizen-draft")).Length(), "nothing sent yet")

	p = officer.act(s, code, "send_draft", nil)
	require.Equal(t, "awaited", draftState(t, p, testid("staff-draft")))
	require.Equal(t, 0, p.doc(t).Find(testid("action-approve")).Length())

	cp := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, "awaited", draftState(t, cp, testid("citizen-draft")), cp.body)
	// The draft's PDF, when the portal renders previews (services/outcome): the applicant's and
	// nobody else's (the officer reads the same as the case's result preview).
	if link, ok := cp.doc(t).Find(testid("draft-preview")).Attr("href"); ok {
		pdf := an.get(s.portalURL + link)
		require.Equal(t, http.StatusOK, pdf.status)
		require.True(t, strings.HasPrefix(pdf.body, "%PDF-"))
		other := newBrowser(t)
		other.signIn(s, cuongPersonalID)
		require.Equal(t, http.StatusNotFound, other.get(s.portalURL+link).status)
	}
	var kind string
	require.NoError(t, s.db.QueryRow(context.Background(),
		`SELECT kind FROM notifications WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, caseOf(t, s, code).ID).Scan(&kind))
	require.Equal(t, "case_draft_sent", kind, "An is told a draft awaits him")

	corrected := an.followFrom(an.submitForm(cp, testid("citizen-correct_draft"), url.Values{"reason": {"Tên đệm của trẻ là Ngọc"}}, nil))
	require.Equal(t, http.StatusOK, corrected.status, corrected.body)
	require.Equal(t, "correction", draftState(t, corrected, testid("citizen-draft")))
	require.Equal(t, "4", caseStatus(t, corrected))

	p = officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "correction", draftState(t, p, testid("staff-draft")))
	require.Contains(t, textOf(t, p, testid("draft-correction")), "Tên đệm của trẻ là Ngọc")
	require.Equal(t, 0, p.doc(t).Find(testid("action-approve")).Length())

	confirmDraft(t, s, officer, an, code)
	p = officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "confirmed", draftState(t, p, testid("staff-draft")))
	approved := officer.act(s, code, "approve", nil)
	require.Equal(t, "9", caseStatus(t, approved), approved.body)
	require.Equal(t, 0, approved.doc(t).Find(testid("staff-draft")).Length(), "decided: the result counts, not the draft")
	timeline := textOf(t, approved, testid("timeline"))
	for _, want := range []string{"gửi dự thảo", "yêu cầu sửa dự thảo", "Tên đệm của trẻ là Ngọc", "xác nhận dự thảo đúng"} {
		require.Contains(t, timeline, want)
	}
}

// TestDraftUnansweredForAWorkingDay: a draft An leaves unanswered holds the approval back for one
// working day; then the officer may approve, and the timeline says An did not answer.
func TestDraftUnansweredForAWorkingDay(t *testing.T) {
	t.Parallel()
	clk := &testClock{t: time.Now()}
	s, _ := startFullStack(t, func(c *web.Config) {
		c.Now = clk.Now
		c.SessionIdle, c.SessionLifetime = 30*24*time.Hour, 30*24*time.Hour
	})
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)
	officer.act(s, code, "send_draft", nil)
	due := *caseOf(t, s, code).DraftDueAt

	clk.Add(due.Sub(clk.Now()) - time.Minute)
	p := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "awaited", draftState(t, p, testid("staff-draft")))
	require.Equal(t, 0, p.doc(t).Find(testid("action-approve")).Length())

	clk.Add(time.Minute)
	p = officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "unanswered", draftState(t, p, testid("staff-draft")))
	approved := officer.act(s, code, "approve", nil)
	require.Equal(t, "9", caseStatus(t, approved), approved.body)
	require.Contains(t, textOf(t, approved, testid("timeline")), "không phản hồi dự thảo trong một ngày làm việc")
	require.Contains(t, textOf(t, an.get(s.portalURL+"/cases/"+code), testid("timeline")), "không phản hồi dự thảo")
}
