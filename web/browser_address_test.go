package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserAddressPicker: with JavaScript, choosing a province fills the commune list from
// the portal at once, and a search box narrows it, with or without diacritics; on a desktop
// and on a 375-pixel phone.
func TestBrowserAddressPicker(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	for _, size := range []struct {
		label         string
		width, height int64
	}{{"desktop-1280", 1280, 900}, {"phone-375", 375, 812}} {
		b := browsertest.New(t, browsertest.Viewport(size.width, size.height), browsertest.Label(size.label))
		id := browsertest.TestID
		signInBrowser(t, b, s, anPersonalID, "/procedures/1.004222")
		b.WaitVisible(id("apply-online"))
		b.ClickNavigate(id("apply-online"))
		b.WaitVisible(id("start-consent"))
		b.Click("label[for='role']") // his own residence
		b.ClickNavigate(id("give-consent"))
		b.WaitVisible(id("step-form"))
		b.ClickNavigate(id("continue"))

		// The new residence: no province yet, so no commune, and no button (the script lists them).
		b.WaitVisible("#f-new_address-commune-filter")
		require.Equal(t, 1, b.Count("#f-new_address-commune option"))
		require.False(t, browsertest.Evaluate[bool](b, `document.querySelector('[data-testid="communes-new_address"]').checkVisibility()`),
			"the no-script button is hidden")
		require.True(t, browsertest.Evaluate[bool](b, `document.querySelector('#f-new_address-commune-filter').disabled`))
		b.Screenshot("address-empty")

		n := browsertest.Evaluate[int](b, `(async () => {
			const p = document.querySelector('#f-new_address')
			p.value = '79'
			p.dispatchEvent(new Event('change', { bubbles: true }))
			const c = document.querySelector('#f-new_address-commune')
			for (let i = 0; i < 100 && c.options.length < 2; i++) await new Promise(r => setTimeout(r, 50))
			return c.options.length
		})()`)
		require.Equal(t, 1+168, n, "every commune of Hồ Chí Minh City, after a blank choice")
		// Typed as an input event (chromedp's SendKeys races with the DOM updates the filter
		// makes while a key is sent: a data race inside the library under -race).
		browsertest.Evaluate[bool](b, `(() => {
			const f = document.querySelector('#f-new_address-commune-filter')
			f.value = 'tan dinh'
			return f.dispatchEvent(new Event('input', { bubbles: true }))
		})()`)
		got := browsertest.Evaluate[[]string](b, `[...document.querySelectorAll('#f-new_address-commune option')].map(o => o.value + ' ' + o.text)`)
		require.Equal(t, []string{"", "26737 Phường Tân Định"}, []string{strings.SplitN(got[0], " ", 2)[0], got[len(got)-1]}, got)
		require.Len(t, got, 2, "the search narrows the list, ignoring diacritics")
		require.Contains(t, b.Text("#f-new_address-commune-filter-matches"), "1")
		b.SetValue("#f-new_address-commune", "26737")
		b.SetValue("#f-new_address-line", "Số 9 đường Trần Quang Khải")
		b.Screenshot("address-filtered")
		b.AssertAccessible(t)

		// Another province empties the list and the search.
		n = browsertest.Evaluate[int](b, `(async () => {
			const p = document.querySelector('#f-new_address')
			p.value = '01'
			p.dispatchEvent(new Event('change', { bubbles: true }))
			const c = document.querySelector('#f-new_address-commune')
			for (let i = 0; i < 100 && c.options.length < 2; i++) await new Promise(r => setTimeout(r, 50))
			return c.options.length
		})()`)
		require.Equal(t, 1+126, n)
		require.Equal(t, "", b.Value("#f-new_address-commune-filter"))
		require.Equal(t, "", b.Value("#f-new_address-commune"))
		require.Empty(t, b.ConsoleErrors())
	}
}
