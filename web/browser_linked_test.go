package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// linkedPart selects the row of a part on a case page, in a status.
func linkedPart(seq, status string) string {
	return "[data-testid=case-part][data-seq='" + seq + "'][data-status='" + status + "']"
}

// Journey: An applies online for his daughter under the linked procedure 3.000722 as the
// father. The People's Committee of Hoàn Kiếm registers the birth, which sends the residence to
// the ward's police and the health insurance card to Hà Nội's social insurance; each finds its
// part under "Phần việc liên thông" and completes it with what it issued; the case is decided
// only then, and An sees each part with its agency, status and date.
func TestBrowserLinkedBirthResidenceInsurance(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	id := browsertest.TestID
	an := browsertest.New(t, browsertest.Label("citizen"))
	signInBrowser(t, an, s, anPersonalID, "/procedures/3.000722/start")
	an.WaitVisible(id("start-consent"))
	an.Click("label[for='role']") // the father
	an.ClickNavigate(id("give-consent"))
	an.WaitVisible(id("step-form"))
	fillChildStep(t, an, "Nguyễn Ngọc Ánh")
	an.WaitVisible(id("source-father_full_name"))
	require.Equal(t, "Nguyễn Văn An", an.Value("#f-father_full_name"))
	an.Click("label[for='f-registration_place']") // where the father lives
	an.ClickNavigate(id("continue"))
	an.WaitVisible("#f-registered_hospital") // the child's health insurance card
	an.ClickNavigate(id("continue"))
	uploadAndCheck(t, an, "birth_certificate")
	require.Contains(t, an.Text(id("agency")), "Hoàn Kiếm")
	code := submitChecked(t, an)
	require.True(t, strings.HasPrefix(code, "UBND-00070-"), code)

	an.NavigateAndWait(s.portalURL+"/cases/"+code, id("case-parts"))
	require.Equal(t, 3, an.Count("[data-testid=case-part]"))
	require.Equal(t, 1, an.Count(linkedPart("1", "pending")))
	require.Equal(t, 1, an.Count(linkedPart("2", "waiting")))
	require.Contains(t, an.Text("[data-testid=case-part][data-seq='2']"), "Công an phường Hoàn Kiếm")
	require.Contains(t, an.Text("[data-testid=case-part][data-seq='3']"), "Bảo hiểm xã hội thành phố Hà Nội")
	an.Screenshot("citizen-parts-submitted")
	an.AssertAccessible(t)

	// The People's Committee registers the birth: the case stays in processing.
	ubnd := browsertest.New(t, browsertest.Label("ubnd"))
	signInStaffBrowser(t, ubnd, s, "canbo.ubnd.hoankiem")
	ubnd.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-receive"))
	ubnd.ClickNavigate(id("do-receive"))
	ubnd.WaitVisible(id("do-start_processing"))
	ubnd.ClickNavigate(id("do-start_processing"))
	ubnd.WaitVisible(id("do-approve"))
	ubnd.ClickNavigate(id("do-approve"))
	ubnd.WaitVisible(id("confirm-submit")) // the confirm page
	ubnd.ClickNavigate(id("confirm-submit"))
	ubnd.WaitVisible(linkedPart("1", "done"))
	require.Equal(t, 1, ubnd.Count("[data-testid=case-status] [data-status='4']"), "processing until every part is done")
	require.Equal(t, 1, ubnd.Count(linkedPart("2", "pending")))
	require.Zero(t, ubnd.Count(id("do-approve")), "the lead agency decides no more")
	ubnd.Screenshot("lead-after-birth")
	ubnd.AssertAccessible(t)

	// The police and the social insurance each complete their part from their linked work.
	for _, who := range []struct{ login, label, seq, ref string }{
		{"canbo.congan.hoankiem", "police", "2", "CT-00070-2026-000123"},
		{"canbo.bhxh.hanoi", "insurance", "3", "TE1010126000123"},
	} {
		b := browsertest.New(t, browsertest.Label(who.label))
		signInStaffBrowser(t, b, s, who.login)
		row := "[data-testid=linked-row][data-code='" + code + "']"
		b.NavigateAndWait(s.portalURL+"/staff/queue", row)
		require.Contains(t, b.Text(row), "Nguyễn Ngọc Ánh", "the child's name")
		require.Equal(t, 1, b.Count(id("linked-work")+" [data-testid=linked-row]"), "only its own part")
		b.Screenshot(who.label + "-linked-work")
		b.AssertAccessible(t)
		b.ClickNavigate(row + " a")
		b.WaitVisible(id("form-done"))
		require.Equal(t, 1, b.Count("[data-testid=my-part][data-seq='"+who.seq+"']"))
		b.Screenshot(who.label + "-part")
		b.AssertAccessible(t)
		b.SetValue("#reference", who.ref)
		b.ClickNavigate(id("do-part-done"))
		b.WaitVisible(linkedPart(who.seq, "done"))
		require.Contains(t, b.Text(linkedPart(who.seq, "done")), who.ref)
		require.Empty(t, b.ConsoleErrors())
	}

	// Every part done: the case is decided, with its signed result.
	an.NavigateAndWait(s.portalURL+"/cases/"+code, "[data-testid=case-status] [data-status='9']")
	require.Equal(t, 3, an.Count("[data-testid=case-part][data-status='done']"))
	require.Contains(t, an.Text(id("case-parts")), "CT-00070-2026-000123")
	require.Contains(t, an.Text(id("case-parts")), "TE1010126000123")
	an.WaitVisible(id("download-result"))
	an.Screenshot("citizen-parts-done")
	an.AssertAccessible(t)
	require.NotEmpty(t, resultOf(t, s, code).PDF)
	require.Empty(t, an.ConsoleErrors())
	require.Empty(t, ubnd.ConsoleErrors())
}
