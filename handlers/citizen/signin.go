package citizen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/signin"
	"github.com/motlan/portal/views/pages"
)

// bindingCookie ties a started sign-in to the browser that started it (login CSRF defence).
const bindingCookie = "motlan_signin"

// StartSignIn sends the browser to the identity provider.
func (h *Handler) StartSignIn(c echo.Context) error {
	started, err := h.SignIn.Start(c.Request().Context(), c.QueryParam("return_to"))
	if err != nil {
		return h.signInFailed(c, err)
	}
	//nolint:gosec // G124: Secure follows the portal's scheme (SecureCookies, true over https); HttpOnly and SameSite are set
	c.SetCookie(&http.Cookie{
		Name:     bindingCookie,
		Value:    started.Binding,
		Path:     "/auth/callback",
		MaxAge:   600,
		HttpOnly: true,
		Secure:   h.SecureCookies,
		SameSite: http.SameSiteLaxMode, // sent on the provider's top-level redirect back to us
	})
	return c.Redirect(http.StatusSeeOther, started.AuthURL)
}

// FinishSignIn is the redirect URI: it checks everything, then starts the session.
func (h *Handler) FinishSignIn(c echo.Context) error {
	cb := signin.Callback{
		State:            c.QueryParam("state"),
		Code:             c.QueryParam("code"),
		Issuer:           c.QueryParam("iss"),
		Error:            c.QueryParam("error"),
		ErrorDescription: c.QueryParam("error_description"),
	}
	if ck, err := c.Cookie(bindingCookie); err == nil {
		cb.Binding = ck.Value
	}
	//nolint:gosec // G124: Secure follows the portal's scheme (SecureCookies, true over https); HttpOnly and SameSite are set
	c.SetCookie(&http.Cookie{Name: bindingCookie, Path: "/auth/callback", MaxAge: -1, HttpOnly: true, Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode})

	ctx := c.Request().Context()
	id, returnTo, err := h.SignIn.Finish(ctx, cb)
	if err != nil {
		return h.signInFailed(c, err)
	}
	acct, err := h.Accounts.SignedInBorn(ctx, id.Issuer, id.Subject, id.PersonalID, id.Name, id.Birthdate)
	if err != nil {
		return h.signInFailed(c, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", "citizen.finishSignIn", err))
	}
	if h.Contacts != nil { // the provider's e-mail and phone claims, when it sends them
		claimed := citizens.Claimed{Email: id.Email, EmailVerified: id.EmailVerified, Phone: id.Phone, PhoneVerified: id.PhoneVerified}
		if err := h.Contacts.FromProvider(ctx, acct.ID, claimed); err != nil {
			h.Log.WarnContext(ctx, "contact claims not stored", slogErr(err)) // the sign-in goes on without them
		}
	}
	err = h.Sessions.Begin(c, Session{
		CitizenID:  acct.ID,
		Issuer:     id.Issuer,
		Subject:    id.Subject,
		Name:       id.Name,
		PersonalID: id.PersonalID,
		Birthdate:  id.Birthdate,
		Gender:     id.Gender,
		ACR:        id.ACR,
		IDToken:    id.IDToken,
		SignedInAt: id.AuthTime,
	})
	if err != nil {
		return h.signInFailed(c, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", "citizen.finishSignIn", err))
	}
	h.Log.InfoContext(ctx, "citizen signed in", "citizen_id", acct.ID, "acr", id.ACR, "has_personal_id", id.HasPersonalID())
	return c.Redirect(http.StatusSeeOther, returnTo) // "/" without a return_to: the home's "Việc cần làm"
}

// signInFailed logs the reason and shows the sign-in error page; no session is created.
func (h *Handler) signInFailed(c echo.Context, err error) error {
	status := http.StatusUnauthorized
	if fault.Code(err) != fault.EUNAUTHORIZED {
		status = http.StatusServiceUnavailable
	}
	msg := fault.Message(err)
	if msg == "error.internal" {
		msg = signin.MsgUnavailable
	}
	h.Log.WarnContext(c.Request().Context(), "sign-in failed", slogErr(err))
	return c.Render(status, "", pages.SignInError(msg))
}
