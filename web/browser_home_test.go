package web_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserHome: on a phone (375 px) and a desktop (1280 px), An signs in and lands on home:
// first with nothing to do, then with a supplement to answer, a fee to pay, a result to download
// and a draft to finish, each a link that fits the screen; "Hồ sơ của tôi" shows his drafts and
// cases as cards on the phone, codes whole on one line, "Làm tiếp" and "Xóa" on screen.
func TestBrowserHome(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	id := browsertest.TestID
	an := newBrowser(t) // the HTTP client that files An's draft
	an.signIn(s, anPersonalID)
	var codes map[string]string

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
			signInBrowser(t, b, s, anPersonalID, "/")
			b.WaitVisible(id("welcome"))
			require.Equal(t, s.portalURL+"/", b.URL())
			if codes == nil {
				require.Equal(t, 1, b.Count(id("no-tasks")))
				b.Screenshot("home-nothing-to-do")
				b.AssertAccessible(t)
				codes = homeCases(t, s)
				startDraft(t, s, an, "1.001193")
				b.NavigateAndWait(s.portalURL+"/", id("tasks"))
			}
			require.Equal(t, 4, b.Count(id("task")))
			b.Screenshot("home-tasks")
			b.AssertAccessible(t)
			// Every task's link is on screen, whole.
			off := browsertest.Evaluate[int](b, fmt.Sprintf(`[...document.querySelectorAll('[data-testid=task] a')].filter(a => a.getBoundingClientRect().right > %d).length`, tc.width))
			require.Zero(t, off, "task links past the right edge")

			b.ClickNavigate("[data-kind=supplement] a")
			b.WaitVisible(id("citizen-answer_supplement"))
			b.Screenshot("task-supplement")

			b.NavigateAndWait(s.portalURL+"/cases", id("drafts"))
			b.Screenshot("my-cases")
			b.AssertAccessible(t)
			// Case codes and due dates are never broken across lines; the actions are on screen.
			broken := browsertest.Evaluate[[]string](b, `[...document.querySelectorAll('[data-testid=cases] .app-code')].filter(e => e.getClientRects().length !== 1).map(e => e.textContent)`)
			require.Empty(t, broken)
			for _, sel := range []string{id("resume"), id("delete-draft"), "[data-testid=case-row] a"} {
				right := browsertest.Evaluate[float64](b, fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().right`, sel))
				require.LessOrEqual(t, right, float64(tc.width), "%s is on screen", sel)
			}
			cards := browsertest.Evaluate[string](b, `getComputedStyle(document.querySelector('[data-testid=case-row]')).display`)
			if tc.width < 641 {
				require.Equal(t, "block", cards, "each case is a card on a phone")
			} else {
				require.Equal(t, "table-row", cards, "a table on a desktop")
			}
			require.Empty(t, b.ConsoleErrors())
		})
	}
	require.NotEmpty(t, codes)
}
