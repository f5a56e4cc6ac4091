package readpool

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Recheck runs read on the reader's pool and, when that was the replica and read found nothing
// or failed, once more on the primary: what was written a moment ago (the case code on a receipt
// just handed out, a result just issued) may not have reached the replica yet, and its absence
// there is no answer. read reports whether it found what it looked for.
func Recheck[T any](ctx context.Context, r Reader, read func(db *pgxpool.Pool) (T, bool, error)) (T, bool, error) {
	db := r.Reader(ctx)
	v, found, err := read(db)
	if (found && err == nil) || db == r.Primary() {
		return v, found, err
	}
	return read(r.Primary())
}
