package web_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserOfficerTaskFlow walks the officers' pages at 1280 and 375 px wide (issue 15,
// points 9–12): the supervisor assigns a case by name, the officer takes the primary action at
// each step, approves through the confirm page and sees the result's number; the queue opens on
// open cases, overdue first; the helpdesk sees what the citizen was asked to supply and stays on
// the case after a note. Every page is checked by axe and screenshot.
func TestBrowserOfficerTaskFlow(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		name string
		opts []browsertest.Option
	}{
		{"Desktop1280", []browsertest.Option{browsertest.Viewport(1280, 900)}},
		{"Phone375", []browsertest.Option{browsertest.Mobile(), browsertest.Viewport(375, 812)}},
	} {
		t.Run(size.name, func(t *testing.T) {
			t.Parallel()
			s, _ := startFullStack(t, nil)
			an := newBrowser(t)
			an.signIn(s, anPersonalID)
			code := submitBirthRegistration(t, s, an)
			asked := submitBirthRegistration(t, s, an)
			clerk := newBrowser(t)
			clerk.signInStaff(s, "canbo.ubnd.hoankiem")
			clerk.act(s, asked, "request_supplement", url.Values{"reason": {"Nộp bản sao giấy chứng sinh rõ nét của Nguyễn Văn An"}})
			id := browsertest.TestID

			sup := browsertest.New(t, append(size.opts, browsertest.Label("supervisor"))...)
			signInStaffBrowser(t, sup, s, "giamsat.ubnd.hoankiem")
			sup.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("primary-action"))
			sup.Click(id("other-actions") + " summary")
			sup.WaitVisible(id("do-assign"))
			require.Equal(t, "", sup.Value("#assign_to"), "nobody preselected")
			sup.Screenshot("assign")
			sup.AssertAccessible(t)
			sup.SetValue("#assign_to", "canbo.ubnd.hoankiem")
			sup.ClickNavigate(id("do-assign"))
			sup.WaitVisible(id("success-banner"))
			require.Equal(t, "Đỗ Thị Hương", sup.Text(id("case-assignee")))
			sup.Screenshot("assigned")

			officer := browsertest.New(t, append(size.opts, browsertest.Label("officer"))...)
			signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
			officer.NavigateAndWait(s.portalURL+"/staff/queue", id("queue"))
			require.Equal(t, 2, officer.Count(id("queue-row")), "open cases")
			officer.Screenshot("queue")
			officer.AssertAccessible(t)
			officer.ClickNavigate("[data-testid=queue-row][data-code='" + code + "'] a")
			primary, _ := officer.Attribute(id("primary-action"), "data-action")
			require.Equal(t, "receive", primary)
			officer.Screenshot("case-new")
			officer.AssertAccessible(t)
			officer.ClickNavigate(id("do-receive"))
			officer.WaitVisible(id("success-banner"))
			officer.Screenshot("received")
			officer.ClickNavigate(id("do-start_processing"))
			officer.WaitVisible(id("do-send_draft"))
			officer.Screenshot("processing")
			officer.ClickNavigate(id("do-send_draft"))
			confirmDraftAs(t, s, an, code)
			officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-approve"))
			officer.ClickNavigate(id("do-approve"))
			officer.WaitVisible(id("confirm-preview"))
			require.Contains(t, officer.Text(id("confirm-summary")), "Giấy khai sinh")
			officer.Screenshot("confirm-approve")
			officer.AssertAccessible(t)
			officer.ClickNavigate(id("confirm-submit"))
			officer.WaitVisible(id("signed-result-number"))
			require.NotEmpty(t, officer.Text(id("signed-result-code")))
			officer.Screenshot("approved")
			officer.AssertAccessible(t)
			require.Empty(t, officer.ConsoleErrors())

			hd := browsertest.New(t, append(size.opts, browsertest.Label("helpdesk"))...)
			signInStaffBrowser(t, hd, s, "hotro.tongdai")
			hd.NavigateAndWait(s.portalURL+"/staff/helpdesk", id("helpdesk-form"))
			hd.SetValue("#hd-code", asked)
			hd.Click("#hd-reason-phone")
			hd.ClickNavigate(id("helpdesk-submit"))
			hd.WaitVisible(id("supplement-request"))
			require.Contains(t, hd.Text(id("supplement-request")), "N. V. An")
			hd.Screenshot("supplement-seen")
			hd.AssertAccessible(t)
			hd.SetValue("#hd-note-"+asked, "Công dân hỏi cần nộp giấy tờ gì")
			hd.ClickNavigate(id("helpdesk-note") + " button")
			hd.WaitVisible(id("success-banner"))
			require.Equal(t, 1, hd.Count("[data-testid=helpdesk-case][data-code='"+asked+"']"), "still on the case")
			hd.Screenshot("note-saved")
			hd.AssertAccessible(t)
		})
	}
}
