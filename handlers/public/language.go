package public

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/signin"
	"github.com/motlan/portal/views/i18n"
)

// LangCookie keeps the chosen language for a year.
const LangCookie = "motlan_lang"

// SetLanguage stores the chosen language and returns to the page it was chosen on.
func (h *Handler) SetLanguage(c echo.Context) error {
	lang, ok := i18n.Parse(c.FormValue("lang"))
	if !ok {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	//nolint:gosec // G124: Secure follows the portal's scheme (SecureCookies, true over https); HttpOnly and SameSite are set
	c.SetCookie(&http.Cookie{
		Name:     LangCookie,
		Value:    lang,
		Path:     "/",
		MaxAge:   365 * 24 * 3600,
		HttpOnly: true,
		Secure:   h.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
	return c.Redirect(http.StatusSeeOther, signin.SafeReturnTo(c.FormValue("next")))
}
