package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// TestHelpdeskNoteHidesCodes: the helpdesk's note route answers a real and an unknown code
// alike, writes the access to the citizen's log, and draws on the agent's limit.
func TestHelpdeskNoteHidesCodes(t *testing.T) {
	t.Parallel()
	clk := &testClock{t: time.Now()}
	s, _ := startFullStack(t, func(c *web.Config) { c.Now = clk.Now })
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	require.NotEmpty(t, code)

	hd := newBrowser(t)
	form := hd.signInStaff(s, "hotro.tongdai")
	tok := csrfToken(t, form)
	note := func(code, text string) page {
		return hd.post(s.portalURL+"/staff/helpdesk/cases/"+code+"/notes", url.Values{"_csrf": {tok}, "note": {text}})
	}
	const unknown = "UBND-00070-000101-0999"
	logged := func() int {
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM data_access_log
			WHERE subject_personal_id = $1 AND purpose = 'helpdesk-note' AND actor_id = 'staff:hotro.tongdai' AND reference = $2`,
			anPersonalID, code).Scan(&n))
		return n
	}

	t.Run("ErrEmptyNoteAlike", func(t *testing.T) {
		real, none := note(code, ""), note(unknown, "")
		require.GreaterOrEqual(t, real.status, 400)
		require.Equal(t, real.status, none.status, "an empty note: the same answer for a real and an unknown code")
		key := func(p page) string { return p.doc(t).Find(testid("error-message")).AttrOr("data-error", "") }
		require.Equal(t, key(real), key(none))
		require.Zero(t, logged())
	})
	t.Run("NoteAlike", func(t *testing.T) {
		real, none := note(code, "Công dân hỏi ngày trả kết quả"), note(unknown, "Công dân hỏi ngày trả kết quả")
		require.Equal(t, http.StatusSeeOther, real.status, real.body)
		require.Equal(t, real.status, none.status)
		require.Equal(t, real.location, none.location)
		require.Equal(t, 1, logged(), "the note is in An's data-access log")
	})
	t.Run("LimitedWithLookups", func(t *testing.T) {
		_, limited := untilLimited(t, func() page { return note(unknown, "Gọi lại") })
		requireLimitedPage(t, limited)
		lookup := hd.submitForm(form, testid("helpdesk-form"), url.Values{"code": {code}, "reason": {"phone"}}, nil)
		require.Equal(t, http.StatusTooManyRequests, lookup.status, "notes and lookups draw on one limit per agent")
	})
}
