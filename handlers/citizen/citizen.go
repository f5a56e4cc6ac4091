// Package citizen holds the pages and actions of signed-in citizens, and their sign-in and
// sign-out through the citizen identity provider (VNeID).
package citizen

import (
	"context"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/signin"
)

// Session is what the portal keeps about a signed-in citizen, server-side.
type Session struct {
	CitizenID  int64     `json:"citizen_id"`
	Issuer     string    `json:"iss"`
	Subject    string    `json:"sub"`
	Name       string    `json:"name"`
	PersonalID string    `json:"personal_id,omitempty"`
	Birthdate  string    `json:"birthdate,omitempty"`
	Gender     string    `json:"gender,omitempty"`
	ACR        string    `json:"acr,omitempty"`
	IDToken    string    `json:"id_token"`
	SignedInAt time.Time `json:"signed_in_at"`
}

// SignIn is the relying party (services/signin).
type SignIn interface {
	Start(ctx context.Context, returnTo string) (signin.Started, error)
	Finish(ctx context.Context, cb signin.Callback) (signin.Identity, string, error)
	LogoutURL(ctx context.Context, idTokenHint, postLogoutRedirect string) (string, error)
}

// Accounts records citizen accounts (services/citizens).
type Accounts interface {
	SignedInBorn(ctx context.Context, issuer, subject, personalID, fullName, birthdate string) (citizens.Citizen, error)
}

// Sessions holds the citizen session (web implements it on server-side sessions).
type Sessions interface {
	// Begin starts a session under a new session id, whatever id the browser had before.
	Begin(c echo.Context, s Session) error
	// End destroys the session server-side and returns what it held.
	End(c echo.Context) (Session, bool, error)
	Current(c echo.Context) (Session, bool)
}

// Handler serves the citizen's pages.
type Handler struct {
	SignIn        SignIn
	Accounts      Accounts
	Sessions      Sessions
	MyData        MyData
	Apply         Apply
	Life          Lifecycle
	Notifications Notifications
	Contacts      Contacts
	Ratings       Ratings          // the satisfaction rating after a result (rating.go); nil: not asked
	Payments      Payments         // fees paid through the payment gateway (payment.go); nil: none shown
	Documents     Holdings         // "Giấy tờ của tôi" and its share links (held.go, held_share.go)
	Clock         func() time.Time // what a page shows as expired; nil: time.Now
	BaseURL       string           // the portal's public URL, for the post-logout redirect
	SecureCookies bool
	Log           *slog.Logger
}

var (
	_ SignIn   = (*signin.Service)(nil)
	_ Accounts = (*citizens.Service)(nil)
)
