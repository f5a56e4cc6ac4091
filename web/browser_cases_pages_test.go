package web_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/web/browsertest"
)

// giveCases files n cases for the citizen with personal ID pid, an hour apart, the newest an
// hour ago, as the demo history files them (no form, no files): enough for pages of a list.
func giveCases(t *testing.T, s *stack, pid, name string, n int) {
	t.Helper()
	ctx := context.Background()
	var citizenID int64
	require.NoError(t, s.db.QueryRow(ctx, `SELECT id FROM citizens WHERE personal_id = $1`, pid).Scan(&citizenID))
	var proc, agency string
	var version int
	require.NoError(t, s.db.QueryRow(ctx, `SELECT p.code, p.current_version, a.code FROM procedures p JOIN agencies a ON a.kind = p.agency_kind
		WHERE p.code = '1.001193' ORDER BY a.code LIMIT 1`).Scan(&proc, &version, &agency))
	now := time.Now()
	require.NoError(t, pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		for i := range n {
			at := now.Add(-time.Duration(i+1) * time.Hour)
			id := uuid.New()
			if _, err := drafts.InsertSubmittedDemo(ctx, tx, id, citizenID, proc, version, at); err != nil {
				return err
			}
			if _, err := cases.InsertDemo(ctx, tx, cases.DemoCase{DraftID: id, CitizenID: citizenID, ApplicantPID: pid, ApplicantName: name,
				Procedure: proc, Version: version, Agency: agency, Status: status.Received, Submitted: at, Days: 5}); err != nil {
				return err
			}
		}
		return nil
	}))
}

// TestBrowserMyCasesPages: An has 25 cases. "Hồ sơ của tôi" shows the newest 20 with his drafts
// and a link to older ones; that page shows the other 5, no drafts, and a link back to the
// newest; on a phone (375 px) and a desktop (1280 px), nothing past the right edge.
func TestBrowserMyCasesPages(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	id := browsertest.TestID
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	giveCases(t, s, anPersonalID, "Nguyễn Văn An", cases.MinePageSize+5)

	for _, tc := range []struct {
		name  string
		width int
		opts  []browsertest.Option
	}{
		{"Phone", 375, []browsertest.Option{browsertest.Mobile(), browsertest.Viewport(375, 812)}},
		{"Desktop", 1280, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := browsertest.New(t, tc.opts...)
			signInBrowser(t, b, s, anPersonalID, "/cases")
			b.WaitVisible(id("case-pages"))
			codes := func() []string {
				return browsertest.Evaluate[[]string](b, `[...document.querySelectorAll('[data-testid=case-row]')].map(r => r.dataset.code)`)
			}
			first := codes()
			require.Len(t, first, cases.MinePageSize)
			require.Equal(t, 1, b.Count(id("no-drafts")), "the first page has the drafts' section")
			require.Zero(t, b.Count(id("cases-newest")))
			b.Screenshot("my-cases-first-page")
			b.AssertAccessible(t)
			wide := fmt.Sprintf(`document.documentElement.scrollWidth > %d`, tc.width)
			require.False(t, browsertest.Evaluate[bool](b, wide), "the page scrolls sideways")

			b.ClickNavigate(id("cases-older"))
			b.WaitVisible(id("cases-newest"))
			u, err := url.Parse(b.URL())
			require.NoError(t, err)
			require.Equal(t, first[len(first)-1], u.Query().Get("after"))
			older := codes()
			require.Len(t, older, 5)
			for _, c := range older {
				require.NotContains(t, first, c)
			}
			require.Zero(t, b.Count(id("no-drafts")), "drafts are on the first page only")
			require.Zero(t, b.Count(id("cases-older")), "the last page")
			require.Contains(t, b.Text("h2"), "trước đó")
			b.Screenshot("my-cases-older")
			b.AssertAccessible(t)
			require.False(t, browsertest.Evaluate[bool](b, wide), "the page scrolls sideways")

			b.ClickNavigate(id("cases-newest"))
			b.WaitVisible(id("cases-older"))
			require.Equal(t, first, codes())
			require.Empty(t, b.ConsoleErrors())
		})
	}

	t.Run("NotTheirCase", func(t *testing.T) {
		b := newBrowser(t)
		b.signIn(s, binhPersonalID)
		var code string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT code FROM cases WHERE applicant_pid = $1 LIMIT 1`, anPersonalID).Scan(&code))
		p := b.get(s.portalURL + "/cases?after=" + url.QueryEscape(code))
		require.Equal(t, 200, p.status)
		require.Zero(t, p.doc(t).Find(testid("case-row")).Length(), "An's case is no cursor for Bình")
		require.Equal(t, 1, p.doc(t).Find(testid("no-older-cases")).Length())
	})
}
