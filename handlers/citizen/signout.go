package citizen

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/views/pages"
)

// SignOut ends the portal session, then moves the browser on to the provider's end-session
// endpoint, which returns it to the home page. It moves on by navigation from a page, not by
// redirecting the form's submission: browsers apply the CSP's form-action to such redirects,
// and a provider's logout page may be on an origin of its own (Ory Hydra's logout app).
func (h *Handler) SignOut(c echo.Context) error {
	s, had, err := h.Sessions.End(c)
	if err != nil {
		return err
	}
	if !had {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	ctx := c.Request().Context()
	h.Log.InfoContext(ctx, "citizen signed out", "citizen_id", s.CitizenID)
	logoutURL, err := h.SignIn.LogoutURL(ctx, s.IDToken, h.BaseURL+"/")
	if err != nil || logoutURL == "" {
		// The portal session is gone either way; the provider's session ends on its own.
		if err != nil {
			h.Log.WarnContext(ctx, "no end-session URL", slogErr(err))
		}
		return c.Redirect(http.StatusSeeOther, "/")
	}
	return c.Render(http.StatusOK, "", pages.SigningOut(logoutURL, false))
}

func slogErr(err error) slog.Attr { return slog.Any("error", err) }
