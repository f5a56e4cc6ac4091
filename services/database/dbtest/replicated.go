package dbtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/cluster"
)

// Replicated is a throwaway primary and a streaming replica of it (pg_basebackup -R), each a
// private cluster of its own, for tests of reads sent to a replica. Its database "motlan" is
// migrated on the primary and reaches the replica through the WAL, as everything else written
// there does.
type Replicated struct {
	PrimaryURL string // the database "motlan" on the primary
	ReplicaURL string // the same database on the replica

	primary, replica *cluster.Cluster
}

// NewReplicated starts a primary, migrates its database "motlan", and starts a replica of it; both
// are stopped and removed when the test ends. It takes a few seconds: a test that needs it does
// not share it with other tests when it pauses or stops the replica.
func NewReplicated(t testing.TB) *Replicated {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	primary := throwawayCluster(t, "motlan-primary-", func(dir string, port int) (*cluster.Cluster, error) {
		c, err := cluster.New(dir, port)
		if err != nil {
			return nil, err
		}
		return c, c.Start(ctx)
	})
	if err := primary.CreateDatabase(ctx, "motlan"); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	pool, err := database.Open(ctx, primary.URL("motlan"))
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	_, err = database.Migrate(ctx, pool)
	pool.Close()
	if err != nil {
		t.Fatalf("dbtest: migrate the primary: %v", err)
	}
	replica := throwawayCluster(t, "motlan-replica-", func(dir string, port int) (*cluster.Cluster, error) {
		return primary.Replicate(ctx, dir, port)
	})
	return &Replicated{PrimaryURL: primary.URL("motlan"), ReplicaURL: replica.URL("motlan"), primary: primary, replica: replica}
}

// throwawayCluster starts a cluster with start in a fresh folder on a free port, and stops and
// removes it when the test ends.
func throwawayCluster(t testing.TB, prefix string, start func(dir string, port int) (*cluster.Cluster, error)) *cluster.Cluster {
	t.Helper()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("dbtest: remove %s: %v", dir, err)
		}
	})
	port, err := freePort()
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	c, err := start(dir, port)
	if c != nil {
		t.Cleanup(func() {
			if err := c.Stop(context.Background()); err != nil {
				t.Errorf("dbtest: stop %s: %v", dir, err)
			}
		})
	}
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return c
}

// PauseReplay stops the replica applying the WAL it receives (pg_wal_replay_pause): what the
// primary commits from now on is not seen on the replica until ResumeReplay.
func (r *Replicated) PauseReplay(t testing.TB) {
	t.Helper()
	r.onReplica(t, `SELECT pg_wal_replay_pause()`)
}

// ResumeReplay lets the replica apply the WAL again and waits until it has applied everything the
// primary had written when it was called.
func (r *Replicated) ResumeReplay(t testing.TB) {
	t.Helper()
	r.onReplica(t, `SELECT pg_wal_replay_resume()`)
	r.WaitCaughtUp(t)
}

// WaitCaughtUp waits until the replica has applied everything the primary has written so far.
func (r *Replicated) WaitCaughtUp(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var lsn string
	p := r.conn(t, r.PrimaryURL)
	defer func() { _ = p.Close(context.Background()) }() // a helper's connection: nothing to do if closing fails
	if err := p.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		t.Fatalf("dbtest: primary's position: %v", err)
	}
	q := r.conn(t, r.ReplicaURL)
	defer func() { _ = q.Close(context.Background()) }() // a helper's connection: nothing to do if closing fails
	for {
		var done bool
		err := q.QueryRow(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::text::pg_lsn`, lsn).Scan(&done)
		if err == nil && done {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("dbtest: the replica did not replay up to %s: %v", lsn, err)
		case <-time.After(10 * time.Millisecond): // polls a real server's state
		}
	}
}

// StopReplica shuts the replica down; StartReplica starts it again.
func (r *Replicated) StopReplica(t testing.TB) {
	t.Helper()
	if err := r.replica.Stop(context.Background()); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
}

// StartReplica starts the replica stopped by StopReplica.
func (r *Replicated) StartReplica(t testing.TB) {
	t.Helper()
	if err := r.replica.Start(context.Background()); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
}

func (r *Replicated) onReplica(t testing.TB, sql string) {
	t.Helper()
	c := r.conn(t, r.ReplicaURL)
	defer func() { _ = c.Close(context.Background()) }() // a helper's connection: nothing to do if closing fails
	if _, err := c.Exec(context.Background(), sql); err != nil {
		t.Fatalf("dbtest: %s on the replica: %v", sql, err)
	}
}

// conn connects for one helper call; the caller closes it.
func (r *Replicated) conn(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return c
}
