package database

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/ratelimit"
	"github.com/motlan/portal/services/signin"
)

// PurgeExpired deletes sessions, sign-in attempts and rate-limit windows past their expiry.
// Every replica may run it: the deletes are idempotent. The sign-in attempts and the windows are
// services/signin's and services/ratelimit's tables, deleted by their named queries; the sessions
// table is the layout of the session store in web/ (scs pgxstore), which owns no query of its
// own, so its delete stays written here.
func PurgeExpired(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int64, error) {
	tag, err := pool.Exec(ctx, `DELETE FROM sessions WHERE expiry < $1`, now)
	if err != nil {
		return 0, fmt.Errorf("database: purge expired: %w", err)
	}
	attempts, err := signin.PurgeExpired(ctx, pool, now)
	if err != nil {
		return tag.RowsAffected(), fmt.Errorf("database: purge expired: %w", err)
	}
	windows, err := ratelimit.PurgeExpired(ctx, pool, now)
	if err != nil {
		return tag.RowsAffected() + attempts, fmt.Errorf("database: purge expired: %w", err)
	}
	return tag.RowsAffected() + attempts + windows, nil
}
