package staff

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/signin"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/pages"
)

const bindingCookie = "motlan_staff_signin"

// StartSignIn sends the browser to the workforce identity provider.
func (h *Handler) StartSignIn(c echo.Context) error {
	started, err := h.SignIn.Start(c.Request().Context(), c.QueryParam("return_to"))
	if err != nil {
		return h.signInFailed(c, err)
	}
	//nolint:gosec // G124: Secure follows the portal's scheme (SecureCookies, true over https); HttpOnly and SameSite are set
	c.SetCookie(&http.Cookie{Name: bindingCookie, Value: started.Binding, Path: "/staff/auth/callback", MaxAge: 600,
		HttpOnly: true, Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode})
	return c.Redirect(http.StatusSeeOther, started.AuthURL)
}

// FinishSignIn checks the provider's answer, then the directory: an identity without a portal
// role gets a clear 403, and no session.
func (h *Handler) FinishSignIn(c echo.Context) error {
	cb := signin.Callback{State: c.QueryParam("state"), Code: c.QueryParam("code"), Issuer: c.QueryParam("iss"),
		Error: c.QueryParam("error"), ErrorDescription: c.QueryParam("error_description")}
	if ck, err := c.Cookie(bindingCookie); err == nil {
		cb.Binding = ck.Value
	}
	//nolint:gosec // G124: Secure follows the portal's scheme (SecureCookies, true over https); HttpOnly and SameSite are set
	c.SetCookie(&http.Cookie{Name: bindingCookie, Path: "/staff/auth/callback", MaxAge: -1, HttpOnly: true, Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode})
	ctx := c.Request().Context()
	id, returnTo, err := h.SignIn.Finish(ctx, cb)
	if err != nil {
		return h.signInFailed(c, err)
	}
	m, err := h.Directory.SignedIn(ctx, id.Issuer, id.Subject, id.Username)
	if fault.Code(err) == fault.EFORBIDDEN {
		h.Log.WarnContext(ctx, "staff identity without a portal role", "login", id.Username)
		return c.Render(http.StatusForbidden, "", pages.StaffForbidden(fault.Message(err)))
	}
	if err != nil {
		return h.signInFailed(c, err)
	}
	if err := h.Sessions.Begin(c, Session{StaffID: m.ID, Login: m.Login, Name: m.FullName, IDToken: id.IDToken, SignedInAt: id.AuthTime}); err != nil {
		return h.signInFailed(c, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", "staff.finishSignIn", err))
	}
	h.Log.InfoContext(ctx, "staff signed in", "staff_id", m.ID, "agency", m.AgencyCode, "roles", m.Roles)
	if returnTo == "/" {
		returnTo = home(m)
	}
	return c.Redirect(http.StatusSeeOther, returnTo)
}

// home is where a member lands after signing in.
func home(m staff.Member) string {
	switch {
	case m.Has(staff.RoleOfficer), m.Has(staff.RoleSupervisor):
		return "/staff/queue"
	case m.Has(staff.RoleAdmin):
		return "/staff/admin/staff"
	case m.Has(staff.RoleHelpdesk):
		return "/staff/helpdesk"
	}
	return "/staff"
}

// SignOut ends the staff session, then moves the browser on to the provider's end-session
// endpoint from a page (see the citizen's SignOut for why not by a redirect).
func (h *Handler) SignOut(c echo.Context) error {
	s, had, err := h.Sessions.End(c)
	if err != nil {
		return err
	}
	c.Set(memberKey, nil) // the page that follows shows no one signed in
	if !had {
		return c.Redirect(http.StatusSeeOther, "/staff")
	}
	ctx := c.Request().Context()
	h.Log.InfoContext(ctx, "staff signed out", "staff_id", s.StaffID)
	url, err := h.SignIn.LogoutURL(ctx, s.IDToken, h.BaseURL+"/staff")
	if err != nil || url == "" {
		if err != nil {
			h.Log.WarnContext(ctx, "no end-session URL", "error", err)
		}
		return c.Redirect(http.StatusSeeOther, "/staff")
	}
	return c.Render(http.StatusOK, "", pages.SigningOut(url, true))
}

func (h *Handler) signInFailed(c echo.Context, err error) error {
	status := http.StatusUnauthorized
	if fault.Code(err) != fault.EUNAUTHORIZED {
		status = http.StatusServiceUnavailable
	}
	msg := fault.Message(err)
	if msg == "error.internal" {
		msg = signin.MsgUnavailable
	}
	h.Log.WarnContext(c.Request().Context(), "staff sign-in failed", "error", err)
	return c.Render(status, "", pages.SignInError(msg))
}

// ShowHome is the staff landing page: signed out, the sign-in button; signed in, who you are.
func (h *Handler) ShowHome(c echo.Context) error {
	m, ok := Member(c)
	if !ok {
		return c.Render(http.StatusOK, "", pages.StaffHome(nil))
	}
	return c.Render(http.StatusOK, "", pages.StaffHome(&pages.StaffMember{Name: m.FullName, Login: m.Login, AgencyCode: m.AgencyCode, Roles: m.Roles}))
}
