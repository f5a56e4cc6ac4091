package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/sim/vneid"
)

// homeCases puts An's cases in the statuses the home page speaks of, through the fixture of the
// case tables, and returns their codes by what they wait for.
func homeCases(t *testing.T, s *stack) map[string]string {
	t.Helper()
	ctx := context.Background()
	var anID int64
	require.NoError(t, s.db.QueryRow(ctx, `SELECT id FROM citizens WHERE personal_id = $1 AND issuer = $2`, anPersonalID, s.issuerURL).Scan(&anID))
	received := time.Now().Add(-72 * time.Hour)
	due := time.Now().AddDate(0, 0, 7)
	codes := map[string]string{}
	for i, c := range []struct {
		name    string
		st      status.Status
		outcome string
		amount  int64
	}{
		{"processing", status.Processing, "", 0},
		{"refused", status.Done, cases.OutcomeRefused, 0},
		{"result", status.Done, cases.OutcomeApproved, 0},
		{"payment", status.Payment, "", 50000},
		{"supplement", status.Supplement, "", 0},
		{"delivered", status.Delivered, cases.OutcomeApproved, 0},
	} {
		code := "UBND-00070-261127-H" + string(rune('1'+i))
		spec := casetest.Spec{Code: code, CitizenID: anID, ApplicantPID: anPersonalID, Procedure: "1.001193", Agency: "UBND-00070",
			Status: c.st, Outcome: c.outcome, PaymentAmount: c.amount, Submitted: received.Add(time.Duration(i) * time.Hour),
			Received: &received, DueOn: &due}
		if c.st == status.Supplement {
			spec.Paused = &received
		}
		_, err := casetest.Insert(ctx, s.db, spec)
		require.NoError(t, err, c.name)
		codes[c.name] = code
	}
	return codes
}

// TestHomeTasks: after signing in An lands on the home page, which says what waits for him —
// the supplement to answer, the fee to pay, the result to download and the draft to finish, each
// a link to where to do it — and lists his latest cases; with nothing to do it says so and
// offers to start a procedure. Signed out, home is the sign-in page it was.
func TestHomeTasks(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)

	landing := an.signIn(s, anPersonalID)
	require.Equal(t, http.StatusOK, landing.status, landing.body)
	require.Equal(t, "/", landing.url.Path, "sign-in without a return_to lands on home")
	doc := landing.doc(t)
	require.Contains(t, doc.Find(testid("welcome")).Text(), "Nguyễn Văn An")
	require.Zero(t, doc.Find(testid("signin-vneid")).Length(), "no sign-in button for someone signed in")
	require.Equal(t, 1, doc.Find(testid("no-tasks")).Length(), landing.body)
	require.Equal(t, "/procedures", doc.Find(testid("start-procedure")).AttrOr("href", ""))
	require.Equal(t, 1, doc.Find(testid("no-recent")).Length())

	codes := homeCases(t, s)
	// A draft of the result waits for An's answer on the case in processing; the one he already
	// answered is no task.
	_, err := s.db.Exec(context.Background(), `UPDATE cases SET draft_due_at = now() + interval '1 day',
		draft_answer = CASE WHEN code = $2 THEN 'confirmed' END WHERE code IN ($1, $2)`, codes["processing"], codes["delivered"])
	require.NoError(t, err)
	draft := startDraft(t, s, an, "1.001193")
	draftID := strings.Split(strings.TrimPrefix(draft.url.Path, "/drafts/"), "/")[0]

	home := an.get(s.portalURL + "/")
	require.Equal(t, http.StatusOK, home.status, home.body)
	doc = home.doc(t)
	type task struct{ kind, href string }
	var got []task
	doc.Find(testid("tasks") + " " + testid("task")).Each(func(_ int, li *goquery.Selection) {
		got = append(got, task{li.AttrOr("data-kind", ""), li.Find("a").AttrOr("href", "")})
	})
	require.ElementsMatch(t, []task{
		{"supplement", "/cases/" + codes["supplement"]},
		{"payment", "/cases/" + codes["payment"]},
		{"result", "/cases/" + codes["result"]},
		{"draft", "/drafts/" + draftID},
		{"draft-result", "/cases/" + codes["processing"]},
	}, got, home.body)
	require.Contains(t, doc.Find("[data-kind=draft-result]").Text(), "Trả lời trước", "a draft result says by when to answer")
	require.Contains(t, doc.Find("[data-kind=payment] a").Text(), "50.000")
	require.Contains(t, doc.Find("[data-kind=draft]").Text(), "Lưu đến", "a draft says until when it is kept")
	require.Zero(t, doc.Find(testid("no-tasks")).Length())

	var recent []string
	doc.Find(testid("recent-case")).Each(func(_ int, li *goquery.Selection) { recent = append(recent, li.AttrOr("data-code", "")) })
	require.Equal(t, []string{codes["delivered"], codes["supplement"], codes["payment"], codes["result"], codes["refused"]}, recent, "the 5 latest, newest first")
	all := doc.Find(testid("all-cases"))
	require.Equal(t, "/cases", all.AttrOr("href", ""))
	require.Contains(t, all.Text(), "(6)")

	// Each task's link leads to the page where it is done.
	sup := an.get(s.portalURL + "/cases/" + codes["supplement"])
	require.Equal(t, 1, sup.doc(t).Find(testid("citizen-answer_supplement")).Length(), sup.body)
	res := an.get(s.portalURL + "/cases/" + codes["result"])
	require.Equal(t, 1, res.doc(t).Find(testid("download-result")).Length(), res.body)

	t.Run("English", func(t *testing.T) {
		en := newBrowser(t)
		en.signIn(s, anPersonalID)
		p := en.post(s.portalURL+"/lang", map[string][]string{"lang": {"en"}, "next": {"/"}, "_csrf": {csrfToken(t, en.get(s.portalURL+"/"))}})
		require.Equal(t, http.StatusSeeOther, p.status)
		doc := en.get(s.portalURL + "/").doc(t)
		require.Contains(t, doc.Find("[data-kind=supplement] a").Text(), "Send the documents asked for case")
	})

	t.Run("SignedOut", func(t *testing.T) {
		p := newBrowser(t).get(s.portalURL + "/")
		require.Equal(t, http.StatusOK, p.status)
		require.Equal(t, 1, p.doc(t).Find(testid("signin-vneid")).Length())
		require.Zero(t, p.doc(t).Find(testid("tasks")).Length())
	})

	t.Run("ReturnToKept", func(t *testing.T) {
		b := newBrowser(t)
		login := b.follow(s.portalURL + "/auth/login?return_to=/cases")
		p := b.followFrom(b.submitLogin(login, anPersonalID, vneid.DemoPassword))
		require.Equal(t, http.StatusOK, p.status)
		require.Equal(t, "/cases", p.url.Path)
	})
}
