package readpool_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/readpool"
)

// clock is the real time moved by an offset the test sets: the replica's replay times are the
// server's real ones, and the test makes them look old by moving the guard's clock ahead.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// setup is a primary with a streaming replica, a probe row (v = 1) both have, and a pool on each.
func setup(t *testing.T) (*dbtest.Replicated, *pgxpool.Pool, *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	r := dbtest.NewReplicated(t)
	primary, err := pgxpool.New(ctx, r.PrimaryURL)
	require.NoError(t, err)
	t.Cleanup(primary.Close)
	replica, err := pgxpool.New(ctx, r.ReplicaURL)
	require.NoError(t, err)
	t.Cleanup(replica.Close)
	_, err = primary.Exec(ctx, `CREATE TABLE probe (k text PRIMARY KEY, v int NOT NULL); INSERT INTO probe VALUES ('a', 1)`)
	require.NoError(t, err)
	r.WaitCaughtUp(t)
	return r, primary, replica
}

func value(t *testing.T, db *pgxpool.Pool) int {
	t.Helper()
	var v int
	require.NoError(t, db.QueryRow(context.Background(), `SELECT v FROM probe WHERE k = 'a'`).Scan(&v))
	return v
}

// TestReplica runs against one real streaming replica; its steps pause, resume, stop and start
// it, so they run in order.
func TestReplica(t *testing.T) {
	ctx := context.Background()
	r, primary, replica := setup(t)
	clk := &clock{}
	pools := readpool.New(primary, replica, readpool.Config{MaxLag: time.Minute, Now: clk.now})

	t.Run("NoReplica", func(t *testing.T) {
		alone := readpool.New(primary, nil, readpool.Config{})
		require.Same(t, primary, alone.Reader(ctx))
		_, ok := alone.Lag()
		require.False(t, ok)
		require.Zero(t, alone.Fallbacks())
	})

	r.PauseReplay(t)
	_, err := primary.Exec(ctx, `UPDATE probe SET v = 2 WHERE k = 'a'`)
	require.NoError(t, err)

	t.Run("ReplicaWithinMaxLag", func(t *testing.T) {
		db := pools.Reader(ctx)
		require.Same(t, replica, db)
		require.Equal(t, 1, value(t, db), "the replica, paused, still has the old value")
		lag, ok := pools.Lag()
		require.True(t, ok)
		require.Less(t, lag, time.Minute)
		require.Zero(t, pools.Fallbacks())
	})

	t.Run("PrimaryOnceBehind", func(t *testing.T) {
		clk.advance(2 * time.Minute) // the last transaction the replica replayed is now two minutes old
		db := pools.Reader(ctx)
		require.Same(t, primary, db)
		require.Equal(t, 2, value(t, db), "the primary has the write the replica has not replayed")
		lag, ok := pools.Lag()
		require.True(t, ok)
		require.Greater(t, lag, time.Minute)
		require.Equal(t, uint64(1), pools.Fallbacks())
	})

	t.Run("LagGrowsBetweenMeasurements", func(t *testing.T) {
		// Measured once an hour: after the first measurement, the guard counts the lag on by
		// the clock, and sends reads to the primary before it measures again.
		hourly := readpool.New(primary, replica, readpool.Config{MaxLag: time.Minute, Every: time.Hour, Now: clk.now})
		clk.advance(-2 * time.Minute)
		require.Same(t, replica, hourly.Reader(ctx))
		clk.advance(2 * time.Minute)
		require.Same(t, primary, hourly.Reader(ctx))
		lag, _ := hourly.Lag()
		require.Less(t, lag, time.Minute, "not measured again")
	})

	t.Run("RecheckAsksPrimaryOnMiss", func(t *testing.T) {
		_, err := primary.Exec(ctx, `INSERT INTO probe VALUES ('b', 3)`)
		require.NoError(t, err)
		within := readpool.New(primary, replica, readpool.Config{MaxLag: time.Hour, Now: clk.now})
		var asked []*pgxpool.Pool
		v, found, err := readpool.Recheck(ctx, within, func(db *pgxpool.Pool) (int, bool, error) {
			asked = append(asked, db)
			var v int
			err := db.QueryRow(ctx, `SELECT coalesce(max(v), 0) FROM probe WHERE k = 'b'`).Scan(&v)
			return v, v != 0, err
		})
		require.NoError(t, err)
		require.True(t, found)
		require.Equal(t, 3, v)
		require.Equal(t, []*pgxpool.Pool{replica, primary}, asked, "the replica first, then the primary")
	})

	t.Run("CaughtUpWithIdlePrimary", func(t *testing.T) {
		r.ResumeReplay(t)
		// An hour with nothing to replay: the last replayed transaction is old, yet the replica
		// has all the primary wrote. (The primary's own background writes, an autovacuum say,
		// may be on their way to the replica at one measurement: the next one, a second later,
		// finds it caught up again.)
		clk.advance(time.Hour)
		require.Eventually(t, func() bool {
			clk.advance(time.Second)
			return pools.Reader(ctx) == replica
		}, 30*time.Second, 10*time.Millisecond)
		require.Equal(t, 2, value(t, replica))
		lag, ok := pools.Lag()
		require.True(t, ok)
		require.Zero(t, lag)
	})

	t.Run("FallbackWhenReplicaStopped", func(t *testing.T) {
		before := pools.Fallbacks()
		r.StopReplica(t)
		clk.advance(time.Second)
		db := pools.Reader(ctx)
		require.Same(t, primary, db)
		require.Equal(t, 2, value(t, db))
		_, ok := pools.Lag()
		require.False(t, ok)
		require.Equal(t, before+1, pools.Fallbacks())

		// Unreachable last time, the replica is measured again in the background, and serves
		// once it answers.
		r.StartReplica(t)
		r.WaitCaughtUp(t)
		require.Eventually(t, func() bool {
			clk.advance(time.Second)
			return pools.Reader(ctx) == replica
		}, 30*time.Second, 10*time.Millisecond, "back on the replica once it answers")
	})
}
