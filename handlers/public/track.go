package public

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Tracker is the public status lookup (services/helpdesk).
type Tracker interface {
	Track(ctx context.Context, code, last4 string) (helpdesk.Public, bool, error)
}

// ShowTrack is the public status lookup form. The receipt's QR code opens it as
// /tra-cuu?code=<case code>: the code is filled in and the citizen types only the last four
// digits of the ID. Nothing is looked up until they do.
func (h *Handler) ShowTrack(c echo.Context) error {
	return c.Render(http.StatusOK, "", pages.Track(pages.TrackPage{Code: trackCode(c.QueryParam("code"))}))
}

// maxTrackCode is longer than any case code ("UBND-00070-261127-0001"): a longer value in the
// address is not echoed back.
const maxTrackCode = 40

// trackCode is a case code from the address as the form shows it: trimmed, "" when too long.
func trackCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxTrackCode {
		return ""
	}
	return s
}

// Track answers with the status, the due date and whether the case is late, nothing else. An
// unknown code and a wrong ID suffix get the same page with the same status, so codes cannot be
// probed.
func (h *Handler) Track(c echo.Context) error {
	p := pages.TrackPage{Code: c.FormValue("code"), Searched: true}
	if p.Errors = trackErrors(p.Code, c.FormValue("last4")); len(p.Errors) > 0 {
		p.Searched = false
		return c.Render(http.StatusUnprocessableEntity, "", pages.Track(p))
	}
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

// trackErrors says what to type when the code or the four digits are missing, each linked to
// its box.
func trackErrors(code, last4 string) []components.ErrorLink {
	var errs []components.ErrorLink
	if strings.TrimSpace(code) == "" {
		errs = append(errs, components.ErrorLink{FieldID: "tr-code", Message: "track.error.code"})
	}
	if strings.TrimSpace(last4) == "" {
		errs = append(errs, components.ErrorLink{FieldID: "tr-last4", Message: "track.error.last4"})
	}
	return errs
}
