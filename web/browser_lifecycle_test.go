package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserSupplementAtReception: the reception officer asks An to complete his birth
// registration before receiving it, An answers on his case page, and the case is back with the
// reception officer, who may now only receive or refuse it.
func TestBrowserSupplementAtReception(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	id := browsertest.TestID

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("other-actions"))
	officer.Click(id("other-actions") + " summary") // "Thao tác khác": receiving is the primary action
	officer.WaitVisible(id("do-request_supplement"))
	require.Contains(t, officer.Text(id("do-request_supplement")), "hoàn thiện hồ sơ")
	officer.SetValue("#reason-request_supplement", "Giấy chứng sinh chụp mờ, đề nghị gửi lại bản rõ nét")
	officer.ClickNavigate(id("do-request_supplement"))
	officer.WaitVisible("[data-testid=case-status] [data-status='5']")
	officer.Screenshot("reception-asks")
	officer.AssertAccessible(t)

	citizen := browsertest.New(t, browsertest.Label("citizen"))
	signInBrowser(t, citizen, s, anPersonalID, "/cases/"+code)
	citizen.WaitVisible(id("supplement-request"))
	require.Contains(t, citizen.Text(id("supplement-request")), "Giấy chứng sinh chụp mờ")
	citizen.Screenshot("asked")
	citizen.AssertAccessible(t)
	citizen.SetValue("#text-answer_supplement", "Tôi gửi lại Giấy chứng sinh bản rõ nét")
	citizen.ClickNavigate(id("do-answer_supplement"))
	citizen.WaitVisible("[data-testid=case-status] [data-status='1']")
	citizen.Screenshot("answered-back-to-reception")

	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-receive"))
	require.Zero(t, officer.Count(id("do-request_supplement")), "reception asks once")
	require.Contains(t, officer.Text(id("timeline")), "thời hạn tiếp nhận tính lại")
	officer.Screenshot("back-at-reception")
	officer.AssertAccessible(t)
	officer.ClickNavigate(id("do-receive"))
	officer.WaitVisible("[data-testid=case-status] [data-status='2']")
	require.Empty(t, officer.ConsoleErrors())
	require.Empty(t, citizen.ConsoleErrors())
}

// TestBrowserDraftConfirmation: the officer sends An the draft birth certificate; An reads it,
// asks for a correction, then confirms the corrected draft, and the officer approves.
func TestBrowserDraftConfirmation(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	id := browsertest.TestID
	staffHTTP := newBrowser(t)
	staffHTTP.signInStaff(s, "canbo.ubnd.hoankiem")
	staffHTTP.act(s, code, "receive", nil)
	staffHTTP.act(s, code, "start_processing", nil)

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-send_draft"))
	require.Zero(t, officer.Count(id("do-approve")), "no approval before the applicant confirms the draft")
	require.Contains(t, officer.Text(id("do-send_draft")), "Gửi dự thảo giấy khai sinh để người nộp xác nhận")
	officer.Screenshot("draft-to-send")
	officer.AssertAccessible(t)
	officer.ClickNavigate(id("do-send_draft"))
	officer.WaitVisible("[data-testid=staff-draft][data-state=awaited]")
	officer.Screenshot("draft-sent")

	citizen := browsertest.New(t, browsertest.Label("citizen"))
	signInBrowser(t, citizen, s, anPersonalID, "/cases/"+code)
	citizen.WaitVisible("[data-testid=citizen-draft][data-state=awaited]")
	require.Contains(t, citizen.Text(id("citizen-draft")), "giấy khai sinh")
	if citizen.Count(id("draft-preview")) > 0 {
		got := browsertest.Evaluate[string](citizen, `fetch(document.querySelector('[data-testid="draft-preview"]').href)
			.then(r => r.headers.get('content-type'))`)
		require.True(t, strings.HasPrefix(got, "application/pdf"), got)
	}
	citizen.Screenshot("draft-to-check")
	citizen.AssertAccessible(t)
	citizen.SetValue("#text-correct_draft", "Tên đệm của trẻ là “Ngọc”")
	citizen.ClickNavigate(id("do-correct_draft"))
	citizen.WaitVisible("[data-testid=citizen-draft][data-state=correction]")
	citizen.Screenshot("correction-asked")

	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, "[data-testid=staff-draft][data-state=correction]")
	require.Contains(t, officer.Text(id("draft-correction")), "Tên đệm của trẻ")
	require.Zero(t, officer.Count(id("do-approve")))
	officer.Screenshot("correction-to-make")
	officer.AssertAccessible(t)
	officer.ClickNavigate(id("do-send_draft"))
	officer.WaitVisible("[data-testid=staff-draft][data-state=awaited]")

	citizen.NavigateAndWait(s.portalURL+"/cases/"+code, id("do-confirm_draft"))
	citizen.ClickNavigate(id("do-confirm_draft"))
	citizen.WaitVisible("[data-testid=citizen-draft][data-state=confirmed]")
	citizen.Screenshot("draft-confirmed")
	citizen.AssertAccessible(t)

	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-approve"))
	officer.ClickNavigate(id("do-approve"))
	officer.WaitVisible(id("confirm-submit")) // the confirm page, with the preview
	officer.ClickNavigate(id("confirm-submit"))
	officer.WaitVisible("[data-testid=case-status] [data-status='9']")
	require.Contains(t, officer.Text(id("timeline")), "xác nhận dự thảo đúng")
	officer.Screenshot("approved")
	require.Empty(t, officer.ConsoleErrors())
	require.Empty(t, citizen.ConsoleErrors())
}
