package database

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// PurgeExpired deletes sessions and sign-in attempts past their expiry. Every replica may run it:
// the deletes are idempotent.
func PurgeExpired(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int64, error) {
	var total int64
	for _, q := range []string{
		`DELETE FROM sessions WHERE expiry < $1`,
		`DELETE FROM signin_attempts WHERE expires_at < $1`,
	} {
		tag, err := pool.Exec(ctx, q, now)
		if err != nil {
			return total, fmt.Errorf("database: purge expired: %w", err)
		}
		total += tag.RowsAffected()
	}
	return total, nil
}
