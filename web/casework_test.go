package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
)

// submitBirthRegistration files An's birth registration and returns its case code.
func submitBirthRegistration(t *testing.T, s *stack, an *browser) string {
	t.Helper()
	check := fillBirthRegistration(t, an, startDraft(t, s, an, "1.001193"))
	rcpt := an.followFrom(an.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	return textOf(t, rcpt, testid("case-code"))
}

// act presses an action's button on the staff case page; an approval, a refusal or a stop goes
// on through its confirm page, where fields (the reason) are filled in.
func (b *browser) act(s *stack, code, action string, fields url.Values) page {
	b.t.Helper()
	p := b.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(b.t, http.StatusOK, p.status, p.body)
	sel := testid("action-" + action)
	if strings.EqualFold(p.doc(b.t).Find(sel).AttrOr("method", ""), http.MethodGet) {
		values, target := formValues(b.t, p, sel)
		confirm := b.get(target + "?" + values.Encode())
		require.Equal(b.t, http.StatusOK, confirm.status, confirm.body)
		return b.followFrom(b.submitForm(confirm, testid("confirm-form"), fields, nil))
	}
	return b.followFrom(b.submitForm(p, sel, fields, nil))
}

func caseStatus(t *testing.T, p page) string {
	return p.doc(t).Find("[data-testid=case-status] [data-status]").First().AttrOr("data-status", "")
}

func TestOfficerApprovesAndCitizenDownloadsSignedResult(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	q := officer.get(s.portalURL + "/staff/queue")
	require.Equal(t, 1, q.doc(t).Find("[data-testid=queue-row][data-code='"+code+"']").Length(), "the case is in the agency's queue")

	require.Equal(t, "2", caseStatus(t, officer.act(s, code, "receive", nil)))
	require.Equal(t, "4", caseStatus(t, officer.act(s, code, "start_processing", nil)))
	confirmDraft(t, s, officer, an, code)
	approved := officer.act(s, code, "approve", nil)
	require.Equal(t, "9", caseStatus(t, approved), approved.body)

	// The staff view is in An's data-access log.
	var views int
	require.NoError(t, s.db.QueryRow(context.Background(),
		`SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1 AND actor_kind = 'staff' AND reference = $2`, anPersonalID, code).Scan(&views))
	require.Positive(t, views)

	cp := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, http.StatusOK, cp.status, cp.body)
	require.Equal(t, 1, cp.doc(t).Find(testid("download-result")).Length())
	dl, err := http.NewRequest(http.MethodGet, s.portalURL+"/cases/"+code+"/result.pdf", nil)
	require.NoError(t, err)
	dl.Header.Set("Sec-Fetch-Site", "same-origin") // as a browser sends following the page's link
	res := an.do(dl)
	require.Equal(t, http.StatusOK, res.status)
	require.True(t, strings.HasPrefix(res.body, "%PDF-"))
	require.Contains(t, res.header.Get("Content-Disposition"), code+"-KQ1")
	require.Equal(t, "10", caseStatus(t, an.get(s.portalURL+"/cases/"+code)), "the first download delivers the result")

	vcode := resultOf(t, s, code).VerificationCode
	anyone := newBrowser(t)
	ok := anyone.get(s.portalURL + "/verify?code=" + url.QueryEscape(strings.ToLower(vcode)))
	require.Equal(t, 1, ok.doc(t).Find(testid("verify-ok")).Length(), ok.body)
	require.NotContains(t, ok.body, "Nguyễn Văn An", "no personal data on the verify page")
	require.NotContains(t, ok.body, anPersonalID)
	unknown := anyone.get(s.portalURL + "/verify?code=AAAA-BBBB-CCCC")
	require.Equal(t, 1, unknown.doc(t).Find(testid("verify-fail")).Length())

	t.Run("ErrOtherAgency404", func(t *testing.T) {
		other := newBrowser(t)
		other.signInStaff(s, "canbo.bhxh.danang")
		require.Equal(t, http.StatusNotFound, other.get(s.portalURL+"/staff/cases/"+code).status)
	})
	t.Run("ErrHelpdeskCannotAct", func(t *testing.T) {
		hd := newBrowser(t)
		hd.signInStaff(s, "hotro.tongdai")
		require.Equal(t, http.StatusForbidden, hd.get(s.portalURL+"/staff/cases/"+code).status)
		p := hd.get(s.portalURL + "/staff")
		require.Equal(t, http.StatusForbidden, hd.post(s.portalURL+"/staff/cases/"+code+"/actions", url.Values{"_csrf": {csrfToken(t, p)}, "action": {"receive"}}).status)
	})
}

func TestConflictingOfficers(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	one, two := newBrowser(t), newBrowser(t)
	one.signInStaff(s, "canbo.ubnd.hoankiem")
	two.signInStaff(s, "giamsat.ubnd.hoankiem")
	p1 := one.get(s.portalURL + "/staff/cases/" + code)
	p2 := two.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, http.StatusSeeOther, one.submitForm(p1, testid("action-receive"), nil, nil).status)
	lost := two.submitForm(p2, testid("action-receive"), nil, nil)
	require.Equal(t, http.StatusConflict, lost.status)
	require.Equal(t, 1, lost.doc(t).Find(testid("action-error")).Length())
	require.Contains(t, lost.body, "vừa được cán bộ khác cập nhật")
}

const cuongPersonalID = "048095004321"

// submitUnemployment files Cường's unemployment benefit claim and returns its case code.
func submitUnemployment(t *testing.T, s *stack, b *browser) string {
	t.Helper()
	first := startDraft(t, s, b, "1.014748")
	term := continueStep(t, b, first, url.Values{"claim_province": {"48"}}, nil)
	require.Contains(t, term.url.Path, "/steps/1", textOf(t, term, testid("error-summary")))
	job := continueStep(t, b, term, url.Values{"termination_date": {"2026-09-30"}, "termination_reason": {"contract_expired"}},
		map[string]upload{"termination_document": {"quyet-dinh-nghi-viec.pdf", samplePDF}})
	require.Contains(t, job.url.Path, "/steps/2", textOf(t, job, testid("error-summary")))
	check := continueStep(t, b, job, url.Values{"seeking_work": {"yes"}, "desired_job": {"Kỹ sư phần mềm"}, "bank_name": {"Vietcombank"}, "bank_account": {"0041000123456"}}, nil)
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))
	rcpt := b.followFrom(b.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	code := textOf(t, rcpt, testid("case-code"))
	require.True(t, strings.HasPrefix(code, "DVVL-48-"), "code %q: %s", code, rcpt.body)
	return code
}

func TestSupplementRequestedAndAnswered(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong)

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.dvvl.danang")
	officer.act(s, code, "receive", nil)
	dueBefore := *caseOf(t, s, code).DueOn

	t.Run("ErrReasonRequired", func(t *testing.T) {
		p := officer.get(s.portalURL + "/staff/cases/" + code)
		r := officer.submitForm(p, testid("action-request_supplement"), url.Values{"reason": {""}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.status)
	})
	asked := officer.act(s, code, "request_supplement", url.Values{"reason": {"Bổ sung bản sao sổ bảo hiểm xã hội"}})
	require.Equal(t, "5", caseStatus(t, asked))

	cp := cuong.get(s.portalURL + "/cases/" + code)
	require.Contains(t, textOf(t, cp, testid("supplement-request")), "sổ bảo hiểm xã hội")
	answered := cuong.followFrom(cuong.submitForm(cp, testid("citizen-answer_supplement"),
		url.Values{"reason": {"Gửi kèm bản sao sổ BHXH"}}, map[string]upload{"file": {"so-bhxh.pdf", samplePDF}}))
	require.Equal(t, http.StatusOK, answered.status, answered.body)
	require.Equal(t, "4", caseStatus(t, answered), "back to processing")
	require.False(t, caseOf(t, s, code).DueOn.Before(dueBefore), "the paused clock never brings the due date forward")

	k := caseOf(t, s, code)
	files, err := attachments.OfCase(context.Background(), s.db, k.CitizenID, k.ID)
	require.NoError(t, err)
	supplements := 0
	for _, f := range files {
		if f.Field == "supplement" {
			supplements++
		}
	}
	require.Equal(t, 1, supplements)
	// The officer sees the answer on the timeline.
	require.Contains(t, textOf(t, officer.get(s.portalURL+"/staff/cases/"+code), testid("timeline")), "sổ BHXH")
	// An in-app notification told Cường about the request.
	var notes int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM notifications WHERE case_id = $1`, k.ID).Scan(&notes))
	require.GreaterOrEqual(t, notes, 2)
	list := cuong.get(s.portalURL + "/notifications")
	require.GreaterOrEqual(t, list.doc(t).Find(testid("notification")).Length(), 2)
	require.Contains(t, textOf(t, list, testid("notifications")), "sổ bảo hiểm xã hội", "the request's text reaches the citizen")
}

func TestNotesAndReassignment(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	p := officer.get(s.portalURL + "/staff/cases/" + code)
	noted := officer.followFrom(officer.submitForm(p, testid("add-note"), url.Values{"note": {"Đã gọi điện xác nhận với công dân"}}, nil))
	require.Contains(t, textOf(t, noted, testid("notes")), "Đã gọi điện")
	require.NotContains(t, an.get(s.portalURL+"/cases/"+code).body, "Đã gọi điện", "the citizen never sees internal notes")

	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")
	assigned := sup.act(s, code, "assign", url.Values{"assign_to": {"canbo.ubnd.hoankiem"}})
	require.Equal(t, http.StatusOK, assigned.status, assigned.body)
	mine := officer.get(s.portalURL + "/staff/queue?mine=1")
	require.Equal(t, 1, mine.doc(t).Find("[data-testid=queue-row][data-code='"+code+"']").Length())
}

// TestLateCaseShownToAll: once a received case is past its due date, the citizen's list and case
// page, the officer's queue and the public tracking all say it is late, by the one rule.
func TestLateCaseShownToAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := startFullStack(t, nil)
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.dvvl.danang")
	officer.act(s, code, "receive", nil)

	late := func(p page) int { return p.doc(t).Find(testid("overdue")).Length() }
	require.Zero(t, late(cuong.get(s.portalURL+"/cases/"+code)), "on time while its due date is ahead")

	// The due date moves to last week through the owner of the case tables (as a recount of the
	// calendar would), so the clock need not jump.
	k := caseOf(t, s, code)
	require.NoError(t, cases.New(s.db, nil, nil).SetDueOn(ctx, k.ID, time.Now().AddDate(0, 0, -7)))

	require.Equal(t, 1, late(cuong.get(s.portalURL+"/cases/"+code)), "the citizen's case page")
	list := cuong.get(s.portalURL + "/cases")
	require.Equal(t, 1, list.doc(t).Find("[data-testid=case-row][data-code='"+code+"'] [data-testid=overdue]").Length(), "the citizen's list")
	queue := officer.get(s.portalURL + "/staff/queue")
	require.Equal(t, 1, queue.doc(t).Find("[data-testid=queue-row][data-code='"+code+"'] [data-testid=overdue]").Length(), "the officer's queue")
	anyone := newBrowser(t)
	form := anyone.get(s.portalURL + "/tra-cuu")
	tracked := anyone.submitForm(form, testid("track-form"), url.Values{"code": {code}, "last4": {cuongPersonalID[8:]}}, nil)
	require.Equal(t, 1, tracked.doc(t).Find(testid("track-overdue")).Length(), "public tracking: %s", tracked.body)
}

// caseOf reads a case by code through the owner of the case tables; the agency is the code's
// prefix (<agency>-<yyMMdd>-<n>).
func caseOf(t *testing.T, s *stack, code string) cases.Case {
	t.Helper()
	parts := strings.Split(code, "-")
	require.Greater(t, len(parts), 2, "case code %q", code)
	k, err := cases.New(s.db, nil, nil).ForAgency(context.Background(), strings.Join(parts[:len(parts)-2], "-"), code)
	require.NoError(t, err)
	return k
}

// resultOf reads the signed result of a case through the owner of the case tables.
func resultOf(t *testing.T, s *stack, code string) cases.Result {
	t.Helper()
	// Issued PDFs are in the blob store: the database's, in these stacks (BLOB_STORE=postgres).
	r, err := cases.New(s.db, nil, nil).WithResultBlobs(attachments.PGBlobs{Pool: s.db}).ResultOfCase(context.Background(), caseOf(t, s, code).ID)
	require.NoError(t, err)
	return r
}
