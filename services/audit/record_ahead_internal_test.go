package audit

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
)

func aheadEntry(pid string) Entry {
	return Entry{SubjectPersonalID: pid, ActorKind: ActorCitizen, ActorID: "citizen:1", ActorName: "Nguyễn Văn An",
		ActorRole: "citizen", Purpose: "citizen-view", Reference: "CV-1", Databases: []string{"population"},
		Attributes: []string{"population.household"}, Outcome: OutcomeOK}
}

// seqsOf is the places of pid's rows in its chain, newest first.
func seqsOf(t *testing.T, pool *pgxpool.Pool, pid string) []int64 {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT subject_seq FROM data_access_log WHERE subject_personal_id = $1 ORDER BY seq DESC`, pid)
	require.NoError(t, err)
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	require.NoError(t, err)
	return seqs
}

func rowsOf(t *testing.T, pool *pgxpool.Pool, pid string) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1`, pid).Scan(&n))
	return n
}

// An append after a head read ahead writes in one round trip when nobody appended in between: on
// a new chain, on a chain with rows, and on a chain that goes on from its anchor (its months
// detached); when another append came first, the head check fails the transaction before any row
// is written (errHeadMoved), and RecordAndListAfter appends again under the lock. The chains
// verify.
func TestRecordAndListAfter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	l := New(pool, func() time.Time { return now })
	const an, binh, chi = "001088012345", "079175001234", "048095004321"
	// firstTry appends n entries after a head read ahead as RecordAndListAfter does, and
	// requires that it wrote them at the first try, in one round trip; it returns the rows
	// written, as read back.
	firstTry := func(pid string, n int) []Entry {
		t.Helper()
		h, err := l.ReadHead(ctx, pid, 100)
		require.NoError(t, err)
		entries := make([]Entry, n)
		for i := range entries {
			entries[i] = aheadEntry(pid)
		}
		var written []Entry
		_, err = l.appendOwn(ctx, entries, appendRun{subject: pid, ahead: &h, written: &written})
		require.NoError(t, err, "written at the first try")
		return written
	}

	t.Run("NewChain", func(t *testing.T) {
		written := firstTry(an, 2)
		require.Len(t, written, 2)
		require.Equal(t, []int64{2, 1}, seqsOf(t, pool, an))
		log, err := l.ForSubject(ctx, an, 100)
		require.NoError(t, err)
		require.Equal(t, []Entry{log[1], log[0]}, written, "the rows as they are read back, in the order written")
	})
	// The list after a head read ahead is the one ForSubject reads after the append, whatever
	// the limit: the rows written above the rows read with the head, the oldest cut off.
	t.Run("ChainWithRows", func(t *testing.T) {
		other := aheadEntry(an)
		other.ActorKind, other.ActorID, other.ActorName, other.ActorRole = ActorStaff, "staff:7", "Lê Thị Hoa", "officer"
		require.NoError(t, l.Record(ctx, other))
		for _, limit := range []int{1, 2, 3, 4, 10} {
			h, err := l.ReadHead(ctx, an, limit)
			require.NoError(t, err)
			list, err := l.RecordAndListAfter(ctx, h, aheadEntry(an), aheadEntry(an))
			require.NoError(t, err)
			want, err := l.ForSubject(ctx, an, limit)
			require.NoError(t, err)
			require.Equal(t, want, list, "limit %d", limit)
		}
	})
	t.Run("FromAnchor", func(t *testing.T) {
		// Chí's chain left the table with a detached month: only its anchor and its head are left.
		_, err := pool.Exec(ctx, `INSERT INTO data_access_log_anchors (subject_personal_id, subject_seq, hash, accessed_at, month)
			VALUES ($1, 4, $2, $3, '2026-10-01')`, chi, bytes.Repeat([]byte{4}, 32), now.Add(-40*24*time.Hour))
		require.NoError(t, err)
		_, err = pool.Exec(ctx, `INSERT INTO data_access_log_heads (subject_personal_id, subject_seq, hash, accessed_at)
			VALUES ($1, 4, $2, $3)`, chi, bytes.Repeat([]byte{4}, 32), now.Add(-40*24*time.Hour))
		require.NoError(t, err)
		list := firstTry(chi, 1)
		require.Len(t, list, 1)
		require.Equal(t, []int64{5}, seqsOf(t, pool, chi), "the chain goes on from its anchor")
	})
	t.Run("Moved", func(t *testing.T) {
		h, err := l.ReadHead(ctx, binh, 100)
		require.NoError(t, err)
		require.NoError(t, l.Record(ctx, aheadEntry(binh))) // another append comes first
		_, err = l.appendOwn(ctx, []Entry{aheadEntry(binh), aheadEntry(binh)}, appendRun{subject: binh, ahead: &h})
		require.ErrorIs(t, err, errHeadMoved)
		require.Equal(t, 1, rowsOf(t, pool, binh), "nothing written after the failed check")

		list, err := l.RecordAndListAfter(ctx, h, aheadEntry(binh), aheadEntry(binh))
		require.NoError(t, err)
		require.Len(t, list, 3, "the row appended meanwhile is listed too: the log was read again")
		require.Equal(t, []int64{3, 2, 1}, seqsOf(t, pool, binh))
		want, err := l.ForSubject(ctx, binh, 100)
		require.NoError(t, err)
		require.Equal(t, want, list)
	})
	t.Run("Concurrent", func(t *testing.T) {
		const workers, each = 8, 5
		before := rowsOf(t, pool, an)
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for range workers {
			wg.Go(func() {
				for range each {
					h, err := l.ReadHead(ctx, an, 10)
					if err == nil {
						_, err = l.RecordAndListAfter(ctx, h, aheadEntry(an))
					}
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		require.Equal(t, before+workers*each, rowsOf(t, pool, an))
	})
	t.Run("ErrNoHead", func(t *testing.T) {
		_, err := l.RecordAndListAfter(ctx, Head{}, aheadEntry(an))
		require.Error(t, err)
		_, err = l.ReadHead(ctx, "123", 10)
		require.Error(t, err)
		_, err = l.ReadHead(ctx, an, 0)
		require.Error(t, err)
	})

	rep, err := l.Verify(ctx)
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
}
