package web_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web/browsertest"
)

// logoutApp is a provider's logout page on an origin of its own, as Ory Hydra hands logout to
// a separate app: it records the visit and sends the browser on to the provider's end_session
// with the same query, which ends the provider's session and returns to the portal.
type logoutApp struct {
	url    string
	visits atomic.Int32
}

// startOtherOriginLogoutStack runs a portal against a provider that keeps a single sign-on
// session and whose end_session_endpoint is on another origin than its issuer.
func startOtherOriginLogoutStack(t *testing.T) (*stack, *logoutApp) {
	t.Helper()
	simLn, issuer := listen(t)
	appLn, appURL := listen(t)
	portalLn, base := listen(t)
	app := &logoutApp{url: appURL + "/oauth2/sessions/logout"}
	serve(t, appLn, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth2/sessions/logout" {
			http.NotFound(w, r)
			return
		}
		app.visits.Add(1)
		http.Redirect(w, r, issuer+"/end_session?"+r.URL.RawQuery, http.StatusFound)
	}))
	sim := startSim(t, simLn, issuer, base, func(c *vneid.Config) { c.SingleSignOn, c.EndSessionURL = true, app.url })
	s := startPortal(t, portalLn, base, issuer, nil)
	s.sim = sim
	return s, app
}

// TestBrowserSignOutAtOtherOriginProvider: signing out of the portal also ends the provider's
// session when the provider's logout page is on a third origin (Chromium refuses a form
// submission's redirect there under form-action), for citizens and staff: on a shared computer
// the next person must not be signed in as them without a password.
func TestBrowserSignOutAtOtherOriginProvider(t *testing.T) {
	t.Parallel()
	s, app := startOtherOriginLogoutStack(t)
	id := browsertest.TestID

	t.Run("Citizen", func(t *testing.T) {
		b := browsertest.New(t, browsertest.Label("citizen"))
		signInBrowser(t, b, s, anPersonalID, "/account")
		b.WaitVisible(id("user-name"))
		// The provider remembers him: signing in again asks for no password.
		b.Navigate(s.portalURL + "/auth/login?return_to=/account")
		b.WaitVisible(id("user-name"))
		require.True(t, strings.HasPrefix(b.URL(), s.portalURL+"/account"), b.URL())

		before := app.visits.Load()
		b.ClickNavigate(id("header-signout"))
		b.WaitVisible(id("signin-vneid"))
		require.Equal(t, s.portalURL+"/", b.URL(), "back home from the provider")
		require.Equal(t, before+1, app.visits.Load(), "the provider's logout page was reached")

		b.Navigate(s.portalURL + "/account")
		b.WaitVisible(id("login-form"))
		require.True(t, strings.HasPrefix(b.URL(), s.issuerURL+"/"), "the provider asks for the password again, got %s", b.URL())
		b.Screenshot("provider-asks-again")
		require.Empty(t, b.ConsoleErrors())
	})

	t.Run("Staff", func(t *testing.T) {
		b := browsertest.New(t, browsertest.Label("staff"))
		signInStaffBrowser(t, b, s, "canbo.ubnd.hoankiem")
		b.WaitVisible(id("nav-staff"))
		b.Navigate(s.portalURL + "/staff/auth/login")
		b.WaitVisible(id("nav-staff"))
		require.True(t, strings.HasPrefix(b.URL(), s.portalURL+"/staff"), b.URL())

		before := app.visits.Load()
		b.ClickNavigate(id("staff-signout"))
		b.WaitVisible(id("staff-signin"))
		require.Equal(t, s.portalURL+"/staff", b.URL(), "back on the staff page from the provider")
		require.Equal(t, before+1, app.visits.Load(), "the provider's logout page was reached")

		b.Navigate(s.portalURL + "/staff/auth/login")
		b.WaitVisible(id("login-form"))
		require.True(t, strings.HasPrefix(b.URL(), s.issuerURL+"/"), "the provider asks for the password again, got %s", b.URL())
		require.Empty(t, b.ConsoleErrors())
	})
}
