// Package ratelimit keeps the portal's rate limits in PostgreSQL, so every replica behind a load
// balancer counts against the same limit: N replicas do not give N times the limit. A limit is a
// fixed window per key (an address, an agent, a case code): each hit is one atomic upsert of the
// window's row (migration 00024), refused once the window holds Limit hits. Fixed windows are
// simple and exact across replicas; at a window's edge a client may get up to twice the limit in
// a short span, which the limits below allow for. The table rate_limit_windows is read and
// written only here, through the named queries of queries/*.sql compiled by sqlc.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/ratelimit/internal/ratelimitdb"
)

// Rule is one limit: at most Limit hits per Window for each key.
type Rule struct {
	Name   string // names the limit in keys and logs: "verify", "track.code", …
	Limit  int
	Window time.Duration
}

// Exceeded is the error of a refused hit. It says when the window ends, for the Retry-After
// of the answer; the HTTP layer turns it into a 429 page.
type Exceeded struct {
	Rule       string
	RetryAfter time.Duration // at least a second
}

func (e *Exceeded) Error() string {
	return fmt.Sprintf("ratelimit: %s: limit reached, retry after %s", e.Rule, e.RetryAfter)
}

// Hit is a counted hit, which GiveBack can take back.
type Hit struct {
	key    string
	window time.Time
}

// Limiter counts hits in PostgreSQL.
type Limiter struct {
	q   *ratelimitdb.Queries
	now func() time.Time
}

// New returns a limiter on pool; now (nil for time.Now) places hits in their windows.
func New(pool *pgxpool.Pool, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{q: ratelimitdb.New(pool), now: now}
}

// maxKey bounds a key's length (the table's CHECK says 200 characters).
const maxKey = 160

// Key is how the limit of rule r stores key: the rule's name first, then key as valid UTF-8
// without NUL bytes (which PostgreSQL's text refuses) and cut to a bounded length. Two keys that
// differ only beyond the cut share a limit, which only makes it stricter.
func Key(r Rule, key string) string {
	key = strings.ToValidUTF8(strings.ReplaceAll(key, "\x00", "?"), "?")
	k := r.Name + ":" + key
	for len(k) > maxKey {
		_, size := utf8.DecodeLastRuneInString(k)
		k = k[:len(k)-size]
	}
	return k
}

// Take counts one hit of key under r. When the window already holds r.Limit hits, nothing is
// counted and the error is an *Exceeded. Any other error is the database's: the caller decides
// whether to fail open.
func (l *Limiter) Take(ctx context.Context, r Rule, key string) (Hit, error) {
	now := l.now()
	start := now.Truncate(r.Window)
	end := start.Add(r.Window)
	h := Hit{key: Key(r, key), window: start}
	_, err := l.q.WindowHit(ctx, ratelimitdb.WindowHitParams{Key: h.key, WindowStart: start, WindowEnd: end, MaxHits: r.Limit})
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return Hit{}, &Exceeded{Rule: r.Name, RetryAfter: max(end.Sub(now).Round(time.Second), time.Second)}
	case err != nil:
		return Hit{}, fmt.Errorf("ratelimit: %s: %w", r.Name, err)
	}
	return h, nil
}

// GiveBack takes back a hit that should not count (a guess that proved right). A hit whose
// window has ended, or the zero Hit, gives back nothing.
func (l *Limiter) GiveBack(ctx context.Context, h Hit) error {
	if h.key == "" {
		return nil
	}
	if err := l.q.WindowGiveBack(ctx, h.key, h.window); err != nil {
		return fmt.Errorf("ratelimit: give back: %w", err)
	}
	return nil
}

// PurgeExpired deletes the windows that ended before now (the hourly purge job).
func PurgeExpired(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int64, error) {
	n, err := ratelimitdb.New(pool).WindowsPurge(ctx, now)
	if err != nil {
		return 0, fmt.Errorf("ratelimit: purge: %w", err)
	}
	return n, nil
}
