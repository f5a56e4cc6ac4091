package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/pages"
)

// statusOf maps fault codes to HTTP statuses.
var statusOf = map[string]int{
	fault.EINVALID:      http.StatusBadRequest,
	fault.EUNAUTHORIZED: http.StatusUnauthorized,
	fault.EFORBIDDEN:    http.StatusForbidden,
	fault.ENOTFOUND:     http.StatusNotFound,
	fault.ECONFLICT:     http.StatusConflict,
	fault.EUNAVAILABLE:  http.StatusServiceUnavailable,
	fault.EINTERNAL:     http.StatusInternalServerError,
}

// errorHandler turns any error into a localised error page with the request ID. Users never see
// internal error text. The request's one log line (requestLogger) carries the error, as an
// error for 5xx. A database that cannot be reached is a 503 with Retry-After (outage.go).
func (a *App) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if a.limited(err, c) { // 429 with Retry-After: limits.go
		return
	}
	status, title, msg := http.StatusInternalServerError, "error.title", "error.internal"
	var he *echo.HTTPError
	var fe *fault.Error
	switch {
	case errors.As(err, &fe):
		status = statusOf[fe.Code]
		msg = fault.Message(err)
	case errors.As(err, &he):
		status = he.Code
		switch he.Code {
		case http.StatusNotFound:
			title, msg = "error.notfound", "error.notfound.body"
		case http.StatusMethodNotAllowed:
			msg = "error.method"
		case http.StatusForbidden:
			msg = "error.forbidden"
		case http.StatusTooManyRequests:
			msg = "error.toomany"
		case http.StatusServiceUnavailable:
			msg = "error.unavailable"
		default:
			if he.Code < 500 {
				msg = "error.invalid"
			}
		}
	}
	status, title, msg = a.outage(err, c, status, title, msg)
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if rerr := c.Render(status, "", pages.Error(title, msg)); rerr != nil {
		a.log.ErrorContext(c.Request().Context(), "render error page", slog.Any("error", rerr))
		_ = c.String(http.StatusInternalServerError, "500")
	}
}

var (
	errStaffSignedOut = fault.New(fault.EUNAUTHORIZED, "error.signedout", "web.requireStaff")
	errStaffForbidden = fault.New(fault.EFORBIDDEN, "error.forbidden", "web.requireStaff")
)
