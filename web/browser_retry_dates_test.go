package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/web/browsertest"
)

var browserWidths = []struct {
	label string
	width int64
}{{"375", 375}, {"1280", 1280}}

// TestBrowserRegistryRetry: on a phone and on a desktop, a draft started while the population
// database is down shows its notice with "Thử lại"; pressed while it is still down, the page says
// so; pressed once it answers, a success banner and the fields filled and locked.
func TestBrowserRegistryRetry(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	id := browsertest.TestID
	require.NoError(t, exchange.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	var browsers []*browsertest.Browser
	for _, size := range browserWidths {
		b := browsertest.New(t, browsertest.Viewport(size.width, 844), browsertest.Label(size.label))
		signInBrowser(t, b, s, anPersonalID, "/procedures/1.001193/start")
		b.WaitVisible(id("start-consent"))
		b.Click("label[for='role']")
		b.ClickNavigate(id("give-consent"))
		b.WaitVisible(id("registry-retry"))
		b.Screenshot("unavailable")
		b.AssertAccessible(t)
		b.ClickNavigate(id("retry-button"))
		b.WaitVisible(id("retry-still"))
		require.Equal(t, 1, b.Count(id("db-down-population")))
		b.Screenshot("still-unavailable")
		b.AssertAccessible(t)
		browsers = append(browsers, b)
	}
	exchange.ClearFaults()
	for _, b := range browsers {
		b.ClickNavigate(id("retry-button"))
		b.WaitVisible(id("success-banner"))
		require.Equal(t, 0, b.Count(id("db-down-population")))
		require.Equal(t, 0, b.Count(id("registry-retry")))
		b.Screenshot("retried")
		b.AssertAccessible(t)
		require.Empty(t, b.ConsoleErrors())
	}
}

// TestBrowserStaffDateBoxes: the helpdesk's date of birth and the calendar's day, on a phone and
// on a desktop, are three boxes; an impossible date is refused with the summary linking to the
// day box, and a real one is taken.
func TestBrowserStaffDateBoxes(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	id := browsertest.TestID
	for _, size := range browserWidths {
		hd := browsertest.New(t, browsertest.Viewport(size.width, 844), browsertest.Label("helpdesk-"+size.label))
		signInStaffBrowser(t, hd, s, "hotro.tongdai")
		hd.NavigateAndWait(s.portalURL+"/staff/helpdesk", id("helpdesk-form"))
		hd.SetValue("#hd-pid", anPersonalID)
		hd.SetValue("#hd-born", "31")
		hd.SetValue("#hd-born-month", "2")
		hd.SetValue("#hd-born-year", "1988")
		hd.Click("label[for='hd-reason-counter']")
		hd.Screenshot("born-typed")
		hd.ClickNavigate(id("helpdesk-submit"))
		hd.WaitVisible(id("error-summary"))
		href, _ := hd.Attribute(id("error-summary")+" a", "href")
		require.Equal(t, "#hd-born", href)
		require.Equal(t, "31", hd.Value("#hd-born"))
		hd.Screenshot("born-error")
		hd.AssertAccessible(t)
		hd.SetValue("#hd-born", "15")
		hd.SetValue("#hd-born-month", "3")
		hd.ClickNavigate(id("helpdesk-submit"))
		require.Equal(t, 0, hd.Count(id("error-summary")))
		hd.Screenshot("born-found")

		admin := browsertest.New(t, browsertest.Viewport(size.width, 844), browsertest.Label("admin-"+size.label))
		signInStaffBrowser(t, admin, s, "quantri.hethong")
		admin.NavigateAndWait(s.portalURL+"/staff/admin/calendar?year=2027", id("calendar-add"))
		admin.SetValue("#cal-date", "30")
		admin.SetValue("#cal-date-month", "2")
		admin.SetValue("#cal-date-year", "2027")
		admin.ClickNavigate(id("calendar-add-submit"))
		admin.WaitVisible(id("error-summary"))
		href, _ = admin.Attribute(id("error-summary")+" a", "href")
		require.Equal(t, "#cal-date", href)
		admin.Screenshot("calendar-error")
		admin.AssertAccessible(t)
		admin.NavigateAndWait(s.portalURL+"/staff/admin/procedures/1.014748/law", id("basis-form"))
		admin.Screenshot("law-dates")
		admin.AssertAccessible(t)
	}
}
