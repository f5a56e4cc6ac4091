package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
)

// primaryAction is the action the case page offers as its one next step, "" for none.
func primaryAction(t *testing.T, p page) string {
	t.Helper()
	return p.doc(t).Find(testid("primary-action")).AttrOr("data-action", "")
}

// TestCasePagePrimaryAction: the case page offers one primary next action for the case's
// status (receive, then start processing, then approve once the draft is confirmed), the others
// under "Thao tác khác", and every action ends with a success banner.
func TestCasePagePrimaryAction(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")

	p := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "receive", primaryAction(t, p), p.body)
	others := p.doc(t).Find(testid("other-actions"))
	require.Equal(t, 1, others.Find(testid("action-refuse_intake")).Length(), "refusing intake is another action")
	require.Zero(t, others.Find(testid("action-receive")).Length(), "the primary action is not repeated")

	received := officer.act(s, code, "receive", nil)
	require.Equal(t, "2", caseStatus(t, received))
	require.Contains(t, received.url.RawQuery, "ok=done.case.receive")
	require.Equal(t, 1, received.doc(t).Find(testid("success-banner")).Length(), received.body)
	require.Equal(t, "start_processing", primaryAction(t, received))

	processing := officer.act(s, code, "start_processing", nil)
	require.Empty(t, primaryAction(t, processing), "the draft is sent first: no approval yet")
	confirmDraft(t, s, officer, an, code)
	p = officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, "approve", primaryAction(t, p))
	require.Equal(t, 1, p.doc(t).Find(testid("other-actions")).Find(testid("action-refuse")).Length())
}

// TestDecisionsNeedConfirmPage: approving, refusing and stopping go through a confirm page that
// previews what will be signed; a post that skips it changes nothing. After the approval the
// page shows the result's number, verification code and link.
func TestDecisionsNeedConfirmPage(t *testing.T) {
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

	p := officer.get(s.portalURL + "/staff/cases/" + code)
	for _, action := range []string{"approve", "refuse", "stop"} {
		direct := officer.post(s.portalURL+"/staff/cases/"+code+"/actions", url.Values{"_csrf": {csrfToken(t, p)}, "action": {action},
			"version": {p.doc(t).Find(testid("action-approve")+" input[name=version]").AttrOr("value", "")}, "reason": {"Thiếu giấy tờ"}})
		require.Equal(t, http.StatusSeeOther, direct.status, "%s: %s", action, direct.body)
		require.Equal(t, "/staff/cases/"+code+"/confirm?action="+action, direct.location)
	}
	require.Equal(t, "4", caseStatus(t, officer.get(s.portalURL+"/staff/cases/"+code)), "nothing was decided without the confirm page")

	values, target := formValues(t, p, testid("action-approve"))
	require.Equal(t, "get", p.doc(t).Find(testid("action-approve")).AttrOr("method", ""), "the case page's button opens the confirm page")
	confirm := officer.get(target + "?" + values.Encode())
	require.Equal(t, http.StatusOK, confirm.status, confirm.body)
	require.Equal(t, "/staff/cases/"+code+"/result-preview.pdf", confirm.doc(t).Find(testid("confirm-preview")).AttrOr("href", ""))
	require.Contains(t, textOf(t, confirm, testid("confirm-summary")), "Giấy khai sinh")
	stop := officer.get(s.portalURL + "/staff/cases/" + code + "/confirm?action=stop")
	require.Equal(t, 1, stop.doc(t).Find(testid("confirm-form")+" textarea[name=reason]").Length(), "stopping asks why on the confirm page")
	empty := officer.submitForm(stop, testid("confirm-form"), url.Values{"reason": {""}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, empty.status)
	require.Equal(t, 1, empty.doc(t).Find(testid("confirm-form")).Length(), "the confirm page again, with its error")
	require.Equal(t, http.StatusNotFound, officer.get(s.portalURL+"/staff/cases/"+code+"/confirm?action=deliver").status, "only approve, refuse and stop have one")

	approved := officer.followFrom(officer.submitForm(confirm, testid("confirm-form"), nil, nil))
	require.Equal(t, "9", caseStatus(t, approved), approved.body)
	require.Contains(t, approved.url.RawQuery, "ok=done.case.approve")
	res := resultOf(t, s, code)
	require.Equal(t, res.Code, textOf(t, approved, testid("signed-result-number")))
	require.Equal(t, res.VerificationCode, textOf(t, approved, testid("signed-result-code")))
	require.Equal(t, "/staff/cases/"+code+"/result.pdf", approved.doc(t).Find(testid("signed-result-pdf")).AttrOr("href", ""))
}

// TestAssignByName: the supervisor's assign form preselects nobody and refuses an empty choice
// with an error on the field; "Tôi sẽ xử lý hồ sơ này" is its own button; the case page, its
// timeline and the queue show the assignee's name, never their login.
func TestAssignByName(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")

	p := sup.get(s.portalURL + "/staff/cases/" + code)
	sel := p.doc(t).Find(testid("action-assign") + " select[name=assign_to]")
	require.Equal(t, 1, sel.Length(), p.body)
	require.Equal(t, "", sel.Find("option").First().AttrOr("value", "x"), "an empty first option")
	require.Zero(t, sel.Find("option[selected][value!='']").Length(), "nobody preselected")
	_, required := sel.Attr("required")
	require.True(t, required)
	require.NotContains(t, sel.Text(), "canbo.ubnd.hoankiem", "names, not logins")

	none := sup.submitForm(p, testid("action-assign"), nil, nil)
	require.Equal(t, http.StatusUnprocessableEntity, none.status)
	require.Equal(t, "#assign_to", none.doc(t).Find(testid("action-error")+" a").AttrOr("href", ""), none.body)
	require.Equal(t, 0, len(caseOf(t, s, code).AssignedTo), "nobody assigned")

	self := sup.followFrom(sup.submitForm(p, testid("action-assign-self"), nil, nil))
	require.Equal(t, "giamsat.ubnd.hoankiem", caseOf(t, s, code).AssignedTo)
	require.Contains(t, self.url.RawQuery, "ok=done.case.assign")

	p = sup.get(s.portalURL + "/staff/cases/" + code)
	given := sup.followFrom(sup.submitForm(p, testid("action-assign"), url.Values{"assign_to": {"canbo.ubnd.hoankiem"}}, nil))
	require.Equal(t, "canbo.ubnd.hoankiem", caseOf(t, s, code).AssignedTo)
	require.Equal(t, "Đỗ Thị Hương", textOf(t, given, testid("case-assignee")))
	require.Contains(t, textOf(t, given, testid("timeline")), "Ngô Thanh Hà", "the timeline names who acted")
	require.NotContains(t, textOf(t, given, testid("timeline")), "giamsat.ubnd.hoankiem")

	q := sup.get(s.portalURL + "/staff/queue")
	row := q.doc(t).Find("[data-testid=queue-row][data-code='" + code + "']")
	require.Equal(t, "Đỗ Thị Hương", strings.TrimSpace(row.Find(testid("queue-assignee")).Text()), q.body)
}

// TestQueueDefaults: the queue shows open cases by default, overdue ones first; the counts per
// status are links to their filter, and the filter stays in the address.
func TestQueueDefaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	first := submitBirthRegistration(t, s, an)
	second := submitBirthRegistration(t, s, an)
	refused := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, refused, "refuse_intake", url.Values{"reason": {"Sai cơ quan"}})
	officer.act(s, second, "receive", nil)
	k := caseOf(t, s, second)
	require.NoError(t, cases.New(s.db, nil, nil).SetDueOn(ctx, k.ID, time.Now().AddDate(0, 0, -3)))

	rows := func(p page) []string {
		var out []string
		for _, n := range p.doc(t).Find(testid("queue-row")).Nodes {
			for _, a := range n.Attr {
				if a.Key == "data-code" {
					out = append(out, a.Val)
				}
			}
		}
		return out
	}
	q := officer.get(s.portalURL + "/staff/queue")
	require.Equal(t, []string{second, first}, rows(q), "open cases only, the overdue one first")
	link := q.doc(t).Find("[data-testid=status-counts] [data-status='3'] a").AttrOr("href", "")
	require.Equal(t, "/staff/queue?status=3", link)
	three := officer.get(s.portalURL + link)
	require.Equal(t, []string{refused}, rows(three))
	require.Equal(t, "3", three.doc(t).Find("#status option[selected]").AttrOr("value", ""), "the filter is kept")
	all := officer.get(s.portalURL + "/staff/queue?status=all")
	require.ElementsMatch(t, []string{first, second, refused}, rows(all))
}

// TestHelpdeskSeesSupplementAndKeepsCase: while a case waits for a supplement, the helpdesk sees
// what the officer asked for and when, masked like the rest of its view; after leaving a note the
// agent is back on the same case view with a success banner, which stays theirs only.
func TestHelpdeskSeesSupplementAndKeepsCase(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "request_supplement", url.Values{"reason": {"Nộp bản sao giấy chứng sinh của Nguyễn Văn An, số " + anPersonalID}})

	hd := newBrowser(t)
	form := hd.signInStaff(s, "hotro.tongdai")
	found := hd.submitForm(form, testid("helpdesk-form"), url.Values{"code": {code}, "reason": {"phone"}}, nil)
	require.Equal(t, http.StatusOK, found.status, found.body)
	asked := textOf(t, found, testid("supplement-request"))
	require.Contains(t, asked, "Nộp bản sao giấy chứng sinh của N. V. An")
	require.Contains(t, asked, "********"+anPersonalID[8:])
	require.NotContains(t, found.body, anPersonalID, "masked as the rest of the view")
	require.NotContains(t, found.body, "Nguyễn Văn An")
	require.NotEmpty(t, textOf(t, found, testid("supplement-asked")))

	noted := hd.followFrom(hd.submitForm(found, testid("helpdesk-note"), url.Values{"note": {"Công dân hỏi cần nộp gì"}}, nil))
	require.Equal(t, http.StatusOK, noted.status, noted.body)
	require.Equal(t, 1, noted.doc(t).Find("[data-testid=helpdesk-case][data-code='"+code+"']").Length(), "still on the case: %s", noted.body)
	require.Equal(t, 1, noted.doc(t).Find(testid("success-banner")).Length())
	require.Contains(t, textOf(t, noted, testid("supplement-request")), "N. V. An")
	require.NotContains(t, noted.url.String(), code, "the address names no case")

	other := newBrowser(t)
	other.signInStaff(s, "canbo.ubnd.hoankiem")
	require.Equal(t, http.StatusForbidden, other.get(noted.url.String()).status, "helpdesk only")
}
