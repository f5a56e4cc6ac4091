package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserSignInJourney is journey 1 in a real browser: An signs in through the VNeID
// simulator, sees his name, signs out, and a signed-in page then sends him to sign in.
func TestBrowserSignInJourney(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := browsertest.New(t)
	id := browsertest.TestID

	b.NavigateAndWait(s.portalURL+"/", id("signin-vneid"))
	require.Equal(t, "vi", browsertest.Evaluate[string](b, "document.documentElement.lang"))
	b.Screenshot("home-signed-out")
	b.AssertAccessible(t)

	b.ClickNavigate(id("signin-vneid"))
	b.WaitVisible(id("login-form"))
	require.True(t, strings.HasPrefix(b.URL(), s.issuerURL+"/"), b.URL())
	b.Screenshot("vneid-login")
	b.AssertAccessible(t)

	b.SetValue("#username", anPersonalID)
	b.SetValue("#password", vneid.DemoPassword)
	b.ClickNavigate(id("login-form") + " button[type=submit]")
	b.WaitVisible(id("welcome"))
	require.Equal(t, s.portalURL+"/", b.URL(), "signed in, home and its tasks")
	require.Contains(t, b.Text(id("welcome")), "Nguyễn Văn An")
	b.Screenshot("home-signed-in")
	b.AssertAccessible(t)

	b.NavigateAndWait(s.portalURL+"/account", id("user-name"))
	require.Equal(t, "Nguyễn Văn An", strings.TrimSpace(b.Text(id("user-name"))))
	require.Equal(t, "********2345", strings.TrimSpace(b.Text(id("user-personal-id"))))
	b.Screenshot("account-signed-in")
	b.AssertAccessible(t)

	b.ClickNavigate(id("header-signout"))
	b.WaitVisible(id("signin-vneid"))
	require.Equal(t, s.portalURL+"/", b.URL())
	b.Screenshot("signed-out")

	b.Navigate(s.portalURL + "/account")
	b.WaitVisible(id("login-form"))
	require.True(t, strings.HasPrefix(b.URL(), s.issuerURL+"/"), "a signed-in page now leads to sign-in, got %s", b.URL())
	b.Screenshot("account-after-signout")
	require.Empty(t, b.ConsoleErrors())
}

// TestBrowserEnglishOnPhone switches to English on a phone-sized screen and checks the
// choice sticks across pages.
func TestBrowserEnglishOnPhone(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := browsertest.New(t, browsertest.Mobile())
	id := browsertest.TestID

	b.NavigateAndWait(s.portalURL+"/", id("lang-switch-button"))
	b.ClickNavigate(id("lang-switch-button"))
	b.WaitVisible(id("signin-vneid"))
	require.Contains(t, b.Text(id("signin-vneid")), "Sign in with VNeID")
	b.Screenshot("home-english-phone")
	b.AssertAccessible(t)
	require.Empty(t, b.ConsoleErrors())

	b.Navigate(s.portalURL + "/no/such/page")
	b.WaitVisible(id("error-page"))
	require.Equal(t, "en", browsertest.Evaluate[string](b, "document.documentElement.lang"))
	b.Screenshot("not-found-english-phone")
	b.AssertAccessible(t)
}

// TestBrowserMyDataJourney is journey 9: An consents, sees his household, parcel and insurance
// fetched from the three databases, and the log of those fetches.
func TestBrowserMyDataJourney(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID

	b.NavigateAndWait(s.portalURL+"/my-data", id("login-form"))
	b.SetValue("#username", anPersonalID)
	b.SetValue("#password", vneid.DemoPassword)
	b.ClickNavigate(id("login-form") + " button[type=submit]")
	// Back on the page he asked for, which asks for consent before fetching anything.
	b.WaitVisible(id("consent-form"))
	require.True(t, strings.HasPrefix(b.URL(), s.portalURL+"/my-data"), b.URL())
	b.Screenshot("consent")
	b.AssertAccessible(t)

	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("group-population"))
	require.Contains(t, b.Text(id("group-population")), "vợ", "his household")
	require.Equal(t, 1, b.Count(id("group-land")+" h3"), "his home parcel")
	require.Contains(t, b.Text(id("group-insurance")), "Đang tham gia", "his insurance")
	require.Equal(t, 3, b.Count(id("access-log-row")+"[data-purpose='citizen-view']"))
	b.Screenshot("my-data")
	b.AssertAccessible(t)
	require.Empty(t, b.ConsoleErrors())
}
