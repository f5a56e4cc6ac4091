package database_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/migrations"
)

// Migration 00039 gives each citizen's access-log chain a head: the newest of their rows, or
// their anchor when their rows left with detached months. A database with a history before it
// gets the heads of that history.
func TestAccessLogHeadsFromHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, emptyDatabase(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	db := stdlib.OpenDBFromPool(pool)
	t.Cleanup(func() { _ = db.Close() })
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS)
	require.NoError(t, err)
	_, err = p.UpTo(ctx, 38)
	require.NoError(t, err)

	const an, binh, chi = "001088012345", "048095004321", "079175001234"
	at := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	hash := func(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }
	// An: three rows and an older anchor; Bình: an anchor only (every row detached); Chí: two rows.
	for _, r := range []struct {
		pid  string
		seq  int64
		hash byte
		at   time.Time
	}{{an, 3, 13, at}, {an, 4, 14, at.Add(time.Hour)}, {an, 5, 15, at.Add(2 * time.Hour)}, {chi, 1, 31, at}, {chi, 2, 32, at.Add(time.Minute)}} {
		_, err := pool.Exec(ctx, `INSERT INTO data_access_log (chain, subject_seq, subject_personal_id, actor_kind, actor_id, actor_name,
			actor_role, purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash)
			VALUES (2, $1, $2, 'citizen', 'citizen:1', 'Nguyễn Văn An', 'citizen', 'citizen-view', 'CV-1', '{population}',
			'{population.identity}', 'ok', $3, $4, $5)`, r.seq, r.pid, r.at, hash(r.hash-1), hash(r.hash))
		require.NoError(t, err)
	}
	for _, a := range []struct {
		pid  string
		seq  int64
		hash byte
	}{{an, 2, 12}, {binh, 7, 27}} {
		_, err := pool.Exec(ctx, `INSERT INTO data_access_log_anchors (subject_personal_id, subject_seq, hash, accessed_at, month)
			VALUES ($1, $2, $3, $4, '2026-09-01')`, a.pid, a.seq, hash(a.hash), at.AddDate(0, -2, 0))
		require.NoError(t, err)
	}

	_, err = p.UpTo(ctx, 39)
	require.NoError(t, err)
	heads := map[string]int64{}
	rows, err := pool.Query(ctx, `SELECT subject_personal_id, subject_seq, hash FROM data_access_log_heads`)
	require.NoError(t, err)
	for rows.Next() {
		var pid string
		var seq int64
		var h []byte
		require.NoError(t, rows.Scan(&pid, &seq, &h))
		require.Equal(t, hash(byte(10*map[string]int64{an: 1, binh: 2, chi: 3}[pid]+seq)), h, pid)
		heads[pid] = seq
	}
	require.NoError(t, rows.Err())
	require.Equal(t, map[string]int64{an: 5, binh: 7, chi: 2}, heads)

	// And back: the check of 00038 returns, the heads go.
	_, err = p.DownTo(ctx, 38)
	require.NoError(t, err)
	var exists bool
	require.NoError(t, pool.QueryRow(ctx, `SELECT to_regclass('data_access_log_heads') IS NOT NULL`).Scan(&exists))
	require.False(t, exists)
	_, err = pool.Exec(ctx, `SELECT data_access_log_expect_head($1, 5, $2)`, an, hash(15))
	require.NoError(t, err)
}
