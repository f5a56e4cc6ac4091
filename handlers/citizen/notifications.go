package citizen

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Notifications reads the citizen's in-app notifications (services/notify).
type Notifications interface {
	ForCitizen(ctx context.Context, citizenID int64, limit int) ([]notify.Notification, error)
	MarkRead(ctx context.Context, citizenID int64, id int64) error
}

// ShowNotifications lists the citizen's notifications.
func (h *Handler) ShowNotifications(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	ns, err := h.Notifications.ForCitizen(c.Request().Context(), s.CitizenID, 100)
	if err != nil {
		return err
	}
	items := make([]pages.NotificationItem, 0, len(ns))
	for _, n := range ns {
		items = append(items, pages.NotificationItem{ID: n.ID, Title: components.Text{VI: n.TitleVI, EN: n.TitleEN},
			Body: components.Text{VI: n.BodyVI, EN: n.BodyEN}, Link: n.Link, At: n.CreatedAt, Read: n.Read()})
	}
	return c.Render(http.StatusOK, "", pages.Notifications(items))
}

// OpenNotification marks it read and goes to its case.
func (h *Handler) OpenNotification(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return notFound
	}
	ctx := c.Request().Context()
	if err := h.Notifications.MarkRead(ctx, s.CitizenID, id); err != nil {
		return err
	}
	ns, err := h.Notifications.ForCitizen(ctx, s.CitizenID, 100)
	if err != nil {
		return err
	}
	for _, n := range ns {
		if n.ID == id && n.Link != "" {
			return c.Redirect(http.StatusSeeOther, n.Link)
		}
	}
	return c.Redirect(http.StatusSeeOther, "/notifications")
}
