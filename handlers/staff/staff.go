// Package staff holds the civil servants' pages: their sign-in through the workforce identity
// provider (a client and a session separate from citizens'), the agency's work queue, the case
// page and its actions, and the administration of the staff directory.
package staff

import (
	"context"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/signin"
	"github.com/motlan/portal/services/staff"
)

// Session is what the portal keeps about a signed-in staff member. Roles and agency are read
// from the directory on every request, so a change or a disabling takes effect at once.
type Session struct {
	StaffID    int64     `json:"staff_id"`
	Login      string    `json:"login"`
	Name       string    `json:"name"`
	IDToken    string    `json:"id_token"`
	SignedInAt time.Time `json:"signed_in_at"`
}

// SignIn is the staff client's relying party (services/signin).
type SignIn interface {
	Start(ctx context.Context, returnTo string) (signin.Started, error)
	Finish(ctx context.Context, cb signin.Callback) (signin.Identity, string, error)
	LogoutURL(ctx context.Context, idTokenHint, postLogoutRedirect string) (string, error)
}

// Directory is the staff directory (services/staff).
type Directory interface {
	SignedIn(ctx context.Context, issuer, subject, login string) (staff.Member, error)
	Get(ctx context.Context, id int64) (staff.Member, error)
	List(ctx context.Context) ([]staff.Member, error)
	Add(ctx context.Context, m staff.Member) (staff.Member, error)
	Disable(ctx context.Context, login string) error
}

// Sessions holds the staff session, apart from citizens'.
type Sessions interface {
	Begin(c echo.Context, s Session) error
	End(c echo.Context) (Session, bool, error)
	Current(c echo.Context) (Session, bool)
}

// Handler serves the staff pages.
type Handler struct {
	SignIn        SignIn
	Directory     Directory
	Sessions      Sessions
	Queue         Queue
	Export        Export // the supervisor's CSV, logged (dashboard.go)
	Catalogue     Catalogue
	Casework      Casework
	Admin         Admin
	Stats         Stats
	Feedback      Feedback // the applicants' satisfaction ratings (dashboard_ratings.go); nil: not shown
	Linked        Linked   // the parts of linked procedures (parts.go)
	Payments      Payments // fees requested, paid and reported (payments.go, payment_request.go, dashboard_payments.go)
	BaseURL       string
	SecureCookies bool
	Log           *slog.Logger
}

// memberKey is where the staff middleware leaves the current member for handlers.
const memberKey = "staff_member"

// Member returns the signed-in, active member the staff middleware loaded.
func Member(c echo.Context) (staff.Member, bool) {
	m, ok := c.Get(memberKey).(staff.Member)
	return m, ok
}

// SetMember is used by the staff middleware.
func SetMember(c echo.Context, m staff.Member) { c.Set(memberKey, m) }

var (
	_ SignIn    = (*signin.Service)(nil)
	_ Directory = (*staff.Service)(nil)
)
