package readpool

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var (
	errNotReplica = errors.New("readpool: the replica's server is not in recovery: it is not a replica")
	errNoReplay   = errors.New("readpool: the replica has replayed no transaction since it started and is behind")
)

// measure returns how far behind the primary the replica is. It first reads the primary's WAL
// position, then asks the replica whether it has replayed up to it: if so, the replica held at
// that moment everything the primary had committed, and is not behind, however old its last
// replayed transaction (a primary with nothing to write sends nothing to replay). Otherwise the
// lag is the age, on the clock, of the last transaction the replica replayed. A replica whose
// connection to the primary is broken has received and replayed all it got, which the primary's
// position tells apart from caught up. The clock is the portal's: hosts synchronised by NTP differ
// by milliseconds, which a lag bound of seconds can bear.
func (p *Pools) measure(ctx context.Context, now time.Time) (time.Duration, error) {
	// Neither a request's deadline nor its cancellation cuts a measurement short: the next one is
	// a second away and every read in between relies on it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), measureTimeout)
	defer cancel()
	var written string
	if err := p.primary.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&written); err != nil {
		return 0, fmt.Errorf("readpool: the primary's WAL position: %w", err)
	}
	var inRecovery, caughtUp bool
	var replayed *time.Time
	err := p.replica.QueryRow(ctx, `SELECT pg_is_in_recovery(),
		coalesce(pg_last_wal_replay_lsn() >= $1::text::pg_lsn, false),
		pg_last_xact_replay_timestamp()`, written).Scan(&inRecovery, &caughtUp, &replayed)
	switch {
	case err != nil:
		return 0, fmt.Errorf("readpool: the replica's replay: %w", err)
	case !inRecovery:
		return 0, errNotReplica
	case caughtUp:
		return 0, nil
	case replayed == nil:
		return 0, errNoReplay
	}
	return max(now.Sub(*replayed), 0), nil
}
