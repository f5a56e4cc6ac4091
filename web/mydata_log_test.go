package web_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/mydata"
)

// giveLogRows writes n rows to the data-access log of the citizen with personal ID pid, as an
// officer's reads for procedure 1.001193 referenced HS-000 (the oldest) to HS-<n-1> (the newest).
func giveLogRows(t *testing.T, s *stack, pid string, n int) {
	t.Helper()
	entries := make([]audit.Entry, n)
	for i := range entries {
		entries[i] = audit.Entry{SubjectPersonalID: pid, ActorKind: audit.ActorStaff, ActorID: "staff:7", ActorName: "Trần Thị Hoa",
			ActorRole: "officer", Purpose: "1.001193", Reference: fmt.Sprintf("HS-%03d", i), Databases: []string{"population"},
			Attributes: []string{"population.identity"}, Outcome: audit.OutcomeOK}
	}
	require.NoError(t, audit.New(s.db, nil).Record(context.Background(), entries...))
}

var logRef = regexp.MustCompile(`HS-[0-9]{3}`)

// logRefs are the references of a page's log rows, in order.
func logRefs(t *testing.T, p page) []string {
	t.Helper()
	var refs []string
	p.doc(t).Find(testid("access-log-row")).Each(func(_ int, r *goquery.Selection) {
		refs = append(refs, logRef.FindString(r.Text()))
	})
	return refs
}

// wantRefs are the references newest first from HS-<from> down to HS-<to>.
func wantRefs(from, to int) []string {
	var out []string
	for i := from; i >= to; i-- {
		out = append(out, fmt.Sprintf("HS-%03d", i))
	}
	return out
}

// TestMyDataLogPages: An has 65 rows in his log. My data shows the newest 10 and a link to the
// whole log; its first page shows 50, its second the other 15 and no link further; reading the
// log writes no row of it; Bình never sees An's rows, whatever the cursor; a cursor that is not
// a positive number is the first page.
func TestMyDataLogPages(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	const n = 65
	giveLogRows(t, s, anPersonalID, n)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	rows := func() int {
		var c int
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM data_access_log`).Scan(&c))
		return c
	}

	var next string
	t.Run("MyDataShowsTheNewest", func(t *testing.T) {
		p := an.get(s.portalURL + "/my-data")
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.Equal(t, wantRefs(n-1, n-mydata.LogRows), logRefs(t, p))
		require.Equal(t, "/my-data/log", p.doc(t).Find(testid("access-log-all")).AttrOr("href", ""))
		require.Contains(t, p.doc(t).Find(testid("access-log-all")).Text(), "Xem toàn bộ nhật ký")
	})
	t.Run("Pages", func(t *testing.T) {
		before := rows()
		first := an.get(s.portalURL + "/my-data/log")
		require.Equal(t, http.StatusOK, first.status, first.body)
		require.Equal(t, wantRefs(n-1, n-mydata.LogPageSize), logRefs(t, first))
		doc := first.doc(t)
		require.Zero(t, doc.Find(testid("access-log-newest")).Length())
		require.Equal(t, "/my-data", doc.Find(testid("back-to-mydata")).AttrOr("href", ""))
		next = doc.Find(testid("access-log-older")).AttrOr("href", "")
		require.Regexp(t, `^/my-data/log\?before=[0-9]+$`, next)
		require.Contains(t, doc.Find(testid("access-log-older")).Text(), "Trang sau")

		second := an.get(s.portalURL + next)
		require.Equal(t, http.StatusOK, second.status, second.body)
		require.Equal(t, wantRefs(n-mydata.LogPageSize-1, 0), logRefs(t, second))
		doc = second.doc(t)
		require.Zero(t, doc.Find(testid("access-log-older")).Length(), "the last page")
		require.Equal(t, "/my-data/log", doc.Find(testid("access-log-newest")).AttrOr("href", ""))
		require.Equal(t, before, rows(), "reading one's own log is not logged")
	})
	t.Run("NotTheirLog", func(t *testing.T) {
		require.NotEmpty(t, next)
		binh := newBrowser(t)
		binh.signIn(s, binhPersonalID)
		for _, u := range []string{"/my-data/log", next, "/my-data/log?before=999999999"} {
			p := binh.get(s.portalURL + u)
			require.Equal(t, http.StatusOK, p.status, u)
			require.Empty(t, logRefs(t, p), u)
		}
		p := binh.get(s.portalURL + "/my-data")
		require.Empty(t, logRefs(t, p))
		require.Zero(t, p.doc(t).Find(testid("access-log-all")).Length(), "Bình's log is short")
	})
	t.Run("BadCursor", func(t *testing.T) {
		for _, c := range []string{"abc", "0", "-5", "1.5", "99999999999999999999", ""} {
			p := an.get(s.portalURL + "/my-data/log?before=" + c)
			require.Equal(t, http.StatusOK, p.status, c)
			require.Equal(t, wantRefs(n-1, n-mydata.LogPageSize), logRefs(t, p), "%q is the first page", c)
			require.Zero(t, p.doc(t).Find(testid("access-log-newest")).Length(), c)
		}
		p := an.get(s.portalURL + "/my-data/log?before=%ff") // not UTF-8: the portal's bad-input page
		require.Equal(t, http.StatusBadRequest, p.status)
		require.Empty(t, logRefs(t, p))
	})
	t.Run("AfterConsent", func(t *testing.T) {
		p := an.consentToMyData(s) // records the three fetches and reads the log in one transaction
		require.Equal(t, http.StatusOK, p.status, p.body)
		doc := p.doc(t)
		require.Equal(t, mydata.LogRows, doc.Find(testid("access-log-row")).Length())
		require.Equal(t, 3, doc.Find(testid("access-log-row")+"[data-purpose=citizen-view]").Length())
		require.Equal(t, wantRefs(n-1, n-mydata.LogRows+3), logRefs(t, p)[3:])
		require.Equal(t, 1, doc.Find(testid("access-log-all")).Length())
	})
	t.Run("SignedOut", func(t *testing.T) {
		p := newBrowser(t).get(s.portalURL + "/my-data/log")
		require.Equal(t, http.StatusSeeOther, p.status)
		require.Empty(t, logRefs(t, p))
	})
}
