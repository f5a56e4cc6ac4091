package public

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/views/pages"
)

// Tracker is the public status lookup (services/helpdesk).
type Tracker interface {
	Track(ctx context.Context, code, last4 string) (helpdesk.Public, bool, error)
}

// ShowTrack is the public status lookup form.
func (h *Handler) ShowTrack(c echo.Context) error {
	return c.Render(http.StatusOK, "", pages.Track(pages.TrackPage{}))
}

// Track answers with the status, the due date and whether the case is late, nothing else. An
// unknown code and a wrong ID suffix get the same page with the same status, so codes cannot be
// probed.
func (h *Handler) Track(c echo.Context) error {
	p := pages.TrackPage{Code: c.FormValue("code"), Searched: true}
	pub, found, err := h.Tracker.Track(c.Request().Context(), p.Code, c.FormValue("last4"))
	if err != nil {
		return err
	}
	if found {
		p.Found, p.Status, p.Due, p.Overdue = true, pub.Status, pub.ExpectedDueOn, pub.Overdue
		if pub.DueOn != nil {
			p.Due = *pub.DueOn
		}
	}
	return c.Render(http.StatusOK, "", pages.Track(p))
}
