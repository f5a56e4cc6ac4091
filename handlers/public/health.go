package public

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Healthz answers while the process is alive.
func (h *Handler) Healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// Readyz answers 200 when the database is reachable and every migration is applied, else 503,
// so a load balancer sends no traffic to a replica that cannot serve it.
func (h *Handler) Readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	state, err := h.Ready.Migrations(ctx)
	switch {
	case err != nil:
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "database unreachable"})
	case !state.UpToDate():
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "reason": "migrations pending", "current": state.Current, "latest": state.Latest})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ready", "migration": state.Current})
}
