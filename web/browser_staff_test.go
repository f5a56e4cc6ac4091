package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web/browsertest"
)

func signInStaffBrowser(t *testing.T, b *browsertest.Browser, s *stack, login string) {
	t.Helper()
	b.NavigateAndWait(s.portalURL+"/staff/auth/login", browsertest.TestID("login-form"))
	b.SetValue("#username", login)
	b.SetValue("#password", vneid.DemoPassword)
	b.ClickNavigate(browsertest.TestID("login-form") + " button[type=submit]")
}

// TestBrowserOfficerApprovesAndCitizenVerifies: an officer receives An's birth registration and
// approves it, An downloads the signed result, and /verify confirms it.
func TestBrowserOfficerApprovesAndCitizenVerifies(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	id := browsertest.TestID

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
	officer.WaitVisible("[data-testid=queue-row][data-code='" + code + "']")
	officer.Screenshot("queue")
	officer.AssertAccessible(t)
	officer.ClickNavigate("[data-testid=queue-row][data-code='" + code + "'] a")
	officer.WaitVisible(id("do-receive"))
	officer.Screenshot("case-new")
	officer.AssertAccessible(t)
	officer.ClickNavigate(id("do-receive"))
	officer.WaitVisible(id("do-start_processing"))
	officer.ClickNavigate(id("do-start_processing"))
	officer.WaitVisible(id("do-send_draft")) // a birth certificate is confirmed as a draft first
	officer.ClickNavigate(id("do-send_draft"))
	confirmDraftAs(t, s, an, code)
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-approve"))
	officer.ClickNavigate(id("do-approve"))
	officer.WaitVisible(id("confirm-submit")) // the confirm page, with the preview
	officer.ClickNavigate(id("confirm-submit"))
	officer.WaitVisible("[data-testid=case-status] [data-status='9']")
	officer.Screenshot("approved")
	require.Empty(t, officer.ConsoleErrors())

	citizen := browsertest.New(t, browsertest.Label("citizen"))
	signInBrowser(t, citizen, s, anPersonalID, "/cases/"+code)
	citizen.WaitVisible(id("download-result"))
	citizen.Screenshot("result-ready")
	citizen.AssertAccessible(t)
	got := browsertest.Evaluate[string](citizen, `fetch(document.querySelector('[data-testid="download-result"]').href)
		.then(r => r.headers.get('content-type') + '|' + r.headers.get('content-disposition'))`)
	require.True(t, strings.HasPrefix(got, "application/pdf|attachment"), got)
	citizen.Navigate(s.portalURL + "/cases/" + code)
	citizen.WaitVisible("[data-testid=case-status] [data-status='10']")
	citizen.Screenshot("delivered")

	vcode := resultOf(t, s, code).VerificationCode
	citizen.NavigateAndWait(s.portalURL+"/verify", id("verify-form"))
	citizen.SetValue("#code", vcode)
	citizen.ClickNavigate(id("verify-submit"))
	citizen.WaitVisible(id("verify-ok"))
	citizen.Screenshot("verify-ok")
	citizen.AssertAccessible(t)
	require.Empty(t, citizen.ConsoleErrors())
}

// TestBrowserSupplement: an officer asks Cường for a supplement and Cường answers it.
func TestBrowserSupplement(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong)
	id := browsertest.TestID

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.dvvl.danang")
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-receive"))
	officer.ClickNavigate(id("do-receive"))
	officer.Click(id("other-actions") + " summary") // "Thao tác khác"
	officer.WaitVisible(id("do-request_supplement"))
	officer.SetValue("#reason-request_supplement", "Bổ sung bản sao sổ bảo hiểm xã hội")
	officer.ClickNavigate(id("do-request_supplement"))
	officer.WaitVisible("[data-testid=case-status] [data-status='5']")
	officer.Screenshot("supplement-requested")

	citizen := browsertest.New(t, browsertest.Label("citizen"))
	signInBrowser(t, citizen, s, cuongPersonalID, "/cases/"+code)
	citizen.WaitVisible(id("supplement-request"))
	require.Contains(t, citizen.Text(id("supplement-request")), "sổ bảo hiểm xã hội")
	citizen.Screenshot("asked")
	citizen.AssertAccessible(t)
	citizen.SetValue("#text-answer_supplement", "Tôi gửi kèm bản sao sổ BHXH")
	citizen.ClickNavigate(id("do-answer_supplement"))
	citizen.WaitVisible("[data-testid=case-status] [data-status='4']")
	citizen.Screenshot("answered")
	require.Empty(t, citizen.ConsoleErrors())
}

// TestBrowserDashboard: the supervisor's dashboard renders its SVG chart accessibly.
func TestBrowserDashboard(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)
	confirmDraft(t, s, officer, an, code)
	officer.act(s, code, "approve", nil)

	b := browsertest.New(t)
	signInStaffBrowser(t, b, s, "giamsat.ubnd.hoankiem")
	b.NavigateAndWait(s.portalURL+"/staff/dashboard", browsertest.TestID("weekly-chart"))
	b.Screenshot("dashboard")
	b.AssertAccessible(t)
	require.Empty(t, b.ConsoleErrors())
}

// TestBrowserLateCase: a received case past its due date is marked late on the citizen's case
// page and list and on the public tracking page, accessibly.
func TestBrowserLateCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := startFullStack(t, nil)
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.dvvl.danang")
	officer.act(s, code, "receive", nil)
	require.NoError(t, cases.New(s.db, nil, nil).SetDueOn(ctx, caseOf(t, s, code).ID, time.Now().AddDate(0, 0, -7)))
	id := browsertest.TestID

	citizen := browsertest.New(t, browsertest.Label("citizen"))
	signInBrowser(t, citizen, s, cuongPersonalID, "/cases/"+code)
	citizen.WaitVisible(id("overdue"))
	citizen.Screenshot("case-late")
	citizen.AssertAccessible(t)
	citizen.NavigateAndWait(s.portalURL+"/cases", "[data-testid=case-row][data-code='"+code+"'] [data-testid=overdue]")
	citizen.Screenshot("list-late")

	anyone := browsertest.New(t, browsertest.Label("public"))
	anyone.NavigateAndWait(s.portalURL+"/tra-cuu", id("track-form"))
	anyone.SetValue("#tr-code", code)
	anyone.SetValue("#tr-last4", cuongPersonalID[8:])
	anyone.ClickNavigate(id("track-submit"))
	anyone.WaitVisible(id("track-overdue"))
	anyone.Screenshot("tracking-late")
	anyone.AssertAccessible(t)
	require.Empty(t, citizen.ConsoleErrors())
}
