package drafts_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/drafts"
)

// ClaimForSubmission is the submission's lock on the draft and its submitted mark in one
// statement: the owner's first claim wins, a claim that waited on the lock loses once the winner
// commits and wins if the winner rolls back, and someone else's or a missing draft is never
// claimed.
func TestClaimForSubmission(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		claim := func(citizenID int64, id uuid.UUID) bool {
			var claimed bool
			require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
				var err error
				claimed, err = drafts.ClaimForSubmission(ctx, tx, citizenID, id, e.clock.Now())
				return err
			}))
			return claimed
		}
		require.False(t, claim(e.binh.CitizenID, id), "someone else's draft")
		require.False(t, claim(e.an.CitizenID, uuid.New()), "no draft")
		require.Nil(t, e.get(t, e.an, id).SubmittedAt)
		require.True(t, claim(e.an.CitizenID, id))
		require.True(t, e.get(t, e.an, id).SubmittedAt.Equal(e.clock.Now()))
		require.False(t, claim(e.an.CitizenID, id), "a second submission finds it submitted")
	})

	// A second claim waits for the first's transaction: it loses when the first commits, and
	// wins when the first rolls back (its mark undone).
	for _, commit := range []bool{true, false} {
		name := map[bool]string{true: "RaceCommit", false: "RaceRollback"}[commit]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			id := e.start(t, e.an, residence)
			first, err := e.pool.Begin(ctx)
			require.NoError(t, err)
			defer func() { _ = first.Rollback(ctx) }()
			claimed, err := drafts.ClaimForSubmission(ctx, first, e.an.CitizenID, id, e.clock.Now())
			require.NoError(t, err)
			require.True(t, claimed)

			second := make(chan bool, 1)
			go func() {
				var won bool
				_ = pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
					var err error
					won, err = drafts.ClaimForSubmission(ctx, tx, e.an.CitizenID, id, e.clock.Now())
					return err
				})
				second <- won
			}()
			require.Eventually(t, func() bool {
				var waiting int
				err := e.pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
					WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`).Scan(&waiting)
				return err == nil && waiting == 1
			}, 30*time.Second, 5*time.Millisecond, "the second claim waits for the draft's row")
			if commit {
				require.NoError(t, first.Commit(ctx))
			} else {
				require.NoError(t, first.Rollback(ctx))
			}
			require.Equal(t, !commit, <-second)
		})
	}
}
