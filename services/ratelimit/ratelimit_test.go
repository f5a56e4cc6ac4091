package ratelimit_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/ratelimit"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// clock stands still until the test moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// retryAfter requires err to be an *Exceeded and returns its RetryAfter.
func retryAfter(t *testing.T, err error) time.Duration {
	t.Helper()
	var e *ratelimit.Exceeded
	require.True(t, errors.As(err, &e), "want *Exceeded, got %v", err)
	return e.RetryAfter
}

func TestTake(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	clk := &clock{t: time.Date(2026, 12, 3, 10, 0, 20, 0, time.UTC)}
	rule := ratelimit.Rule{Name: "test", Limit: 3, Window: time.Minute}
	// Two limiters on one database: two replicas.
	one, two := ratelimit.New(pool, clk.Now), ratelimit.New(pool, clk.Now)

	t.Run("OK", func(t *testing.T) {
		for _, l := range []*ratelimit.Limiter{one, two, one} {
			_, err := l.Take(ctx, rule, "203.0.113.5")
			require.NoError(t, err)
		}
	})
	t.Run("ErrExceededAcrossReplicas", func(t *testing.T) {
		_, err := two.Take(ctx, rule, "203.0.113.5")
		require.Equal(t, 40*time.Second, retryAfter(t, err), "until the window ends")
		_, err = one.Take(ctx, rule, "203.0.113.5")
		require.Positive(t, retryAfter(t, err))
	})
	t.Run("KeysApart", func(t *testing.T) {
		_, err := one.Take(ctx, rule, "203.0.113.6")
		require.NoError(t, err)
		_, err = one.Take(ctx, ratelimit.Rule{Name: "other", Limit: 1, Window: time.Minute}, "203.0.113.5")
		require.NoError(t, err, "the same key under another rule")
	})
	t.Run("NextWindow", func(t *testing.T) {
		clk.Add(40 * time.Second)
		_, err := one.Take(ctx, rule, "203.0.113.5")
		require.NoError(t, err)
	})
	t.Run("RefusedHitsWriteNothing", func(t *testing.T) {
		var hits int
		require.NoError(t, pool.QueryRow(ctx, `SELECT max(hits) FROM rate_limit_windows WHERE key = 'test:203.0.113.5'`).Scan(&hits))
		require.Equal(t, 3, hits, "the count stops at the limit")
	})
}

// TestTakeConcurrent: hits at once from many connections never exceed the limit.
func TestTakeConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	l := ratelimit.New(pool, nil)
	rule := ratelimit.Rule{Name: "burst", Limit: 7, Window: time.Hour}
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed, refused := 0, 0
	for range 30 {
		wg.Go(func() {
			_, err := l.Take(ctx, rule, "one")
			mu.Lock()
			defer mu.Unlock()
			var e *ratelimit.Exceeded
			switch {
			case err == nil:
				allowed++
			case errors.As(err, &e):
				refused++
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	require.Equal(t, 7, allowed)
	require.Equal(t, 23, refused)
}

func TestGiveBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	clk := &clock{t: time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}
	l := ratelimit.New(pool, clk.Now)
	rule := ratelimit.Rule{Name: "guess", Limit: 2, Window: time.Hour}
	h, err := l.Take(ctx, rule, "CODE-1")
	require.NoError(t, err)
	require.NoError(t, l.GiveBack(ctx, h), "a right guess does not count")
	for range 2 {
		_, err = l.Take(ctx, rule, "CODE-1")
		require.NoError(t, err)
	}
	_, err = l.Take(ctx, rule, "CODE-1")
	require.Positive(t, retryAfter(t, err))
	require.NoError(t, l.GiveBack(ctx, ratelimit.Hit{}), "the zero hit gives back nothing")
}

func TestKey(t *testing.T) {
	t.Parallel()
	r := ratelimit.Rule{Name: "track.code"}
	require.Equal(t, "track.code:UBND-1", ratelimit.Key(r, "UBND-1"))
	require.Equal(t, "track.code:a?b?", ratelimit.Key(r, "a\x00b\xff"), "text PostgreSQL accepts")
	long := ratelimit.Key(r, strings.Repeat("ễ", 200))
	require.LessOrEqual(t, len(long), 160)
	require.True(t, strings.HasSuffix(long, "ễ"), "cut between characters")

	// Such keys are stored.
	ctx := context.Background()
	l := ratelimit.New(dbtest.New(t), nil)
	_, err := l.Take(ctx, ratelimit.Rule{Name: "odd", Limit: 1, Window: time.Minute}, "a\x00b\xff"+strings.Repeat("ễ", 200))
	require.NoError(t, err)
}

func TestPurgeExpired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	clk := &clock{t: time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}
	l := ratelimit.New(pool, clk.Now)
	_, err := l.Take(ctx, ratelimit.Rule{Name: "short", Limit: 1, Window: time.Minute}, "k")
	require.NoError(t, err)
	_, err = l.Take(ctx, ratelimit.Rule{Name: "long", Limit: 1, Window: time.Hour}, "k")
	require.NoError(t, err)
	n, err := ratelimit.PurgeExpired(ctx, pool, clk.Now().Add(2*time.Minute))
	require.NoError(t, err)
	require.Equal(t, int64(1), n, "only the ended window")
	var left string
	require.NoError(t, pool.QueryRow(ctx, `SELECT string_agg(key, ',') FROM rate_limit_windows`).Scan(&left))
	require.Equal(t, "long:k", left)
}
