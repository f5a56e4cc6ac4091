package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/database"
)

// Message keys of the page shown while the database cannot be reached (catalog_outage.go).
const (
	MsgOutageTitle = "error.outage.title"
	MsgOutageBody  = "error.outage.body"
)

// pingTimeout bounds the question "does the database answer?" asked on an error page's way.
const pingTimeout = time.Second

// pinger is the database pool, as the error handler asks it.
type pinger interface {
	Ping(ctx context.Context) error
}

// outage turns an internal error that is the database being unreachable (down, restarting,
// failing over) into 503 and the maintenance page, and tells every 503 when to try again.
// Other answers pass through unchanged. An error that may be a connection cut under a query
// (a bare unexpected EOF or reset) is the database's only if the database does not answer now.
func (a *App) outage(err error, c echo.Context, status int, title, msg string) (int, string, string) {
	if status == http.StatusInternalServerError &&
		(database.Unavailable(err) || database.MaybeCut(err) && !a.databaseAnswers(c.Request().Context())) {
		status, title, msg = http.StatusServiceUnavailable, MsgOutageTitle, MsgOutageBody
	}
	if status == http.StatusServiceUnavailable {
		c.Response().Header().Set("Retry-After", strconv.Itoa(database.RetryAfterSeconds))
	}
	return status, title, msg
}

func (a *App) databaseAnswers(ctx context.Context) bool {
	if a.database == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), pingTimeout)
	defer cancel()
	return a.database.Ping(ctx) == nil
}
