package citizen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// ShowAccount shows who is signed in. The route requires a citizen session.
func (h *Handler) ShowAccount(c echo.Context) error {
	s, ok := h.Sessions.Current(c)
	if !ok {
		return c.Redirect(http.StatusSeeOther, "/auth/login?return_to=/account")
	}
	return c.Render(http.StatusOK, "", pages.Account(UserView(s)))
}

// UserView is how a session is shown: the personal ID masked but for its last 4 digits.
func UserView(s Session) viewctx.User {
	return viewctx.User{Name: s.Name, MaskedPersonalID: citizens.MaskPersonalID(s.PersonalID), ACR: s.ACR}
}
