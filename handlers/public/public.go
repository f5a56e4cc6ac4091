// Package public holds the pages anyone may open: the home page, the language switch, the
// health endpoints and the administrative map's communes for the address field.
package public

import (
	"context"

	"github.com/motlan/portal/services/database"
)

// Readiness tells whether the database is reachable and migrated (services/database).
type Readiness interface {
	Migrations(ctx context.Context) (database.MigrationState, error)
}

// ReadinessFunc adapts a function to Readiness.
type ReadinessFunc func(ctx context.Context) (database.MigrationState, error)

// Migrations calls f.
func (f ReadinessFunc) Migrations(ctx context.Context) (database.MigrationState, error) {
	return f(ctx)
}

// Handler serves the public pages.
type Handler struct {
	Ready         Readiness
	Verifier      Verifier
	Names         Names
	Tracker       Tracker
	Map           Communes
	IPN           IPN    // the payment gateway's notifications (payment_ipn.go)
	Shares        Shares // a citizen's document shared by a link (shared.go)
	SecureCookies bool
}
