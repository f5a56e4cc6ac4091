package audit

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit/internal/auditdb"
	"github.com/motlan/portal/services/database/pipeline"
)

// batchTx is a pgx.Tx that keeps the batches it is sent and answers each statement with its
// index in the batch.
type batchTx struct {
	pgx.Tx
	sent []*pgx.Batch
}

func (t *batchTx) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	t.sent = append(t.sent, b)
	return &indexResults{batch: b}
}

// indexResults answers BEGIN and COMMIT with their tags.
type indexResults struct {
	pgx.BatchResults
	batch *pgx.Batch
	next  int64
}

func (r *indexResults) Exec() (pgconn.CommandTag, error) {
	r.next++
	if sql := r.batch.QueuedQueries[r.next-1].SQL; sql == "begin" || sql == "commit" {
		return pgconn.NewCommandTag(strings.ToUpper(sql)), nil
	}
	return pgconn.CommandTag{}, nil
}

func (r *indexResults) QueryRow() pgx.Row {
	r.next++
	return indexRow(r.next - 1)
}

func (r *indexResults) Close() error { return nil }

type indexRow int64

// Scan fills a chain head (its seq and hash) or a row written (its seq) with the index.
func (n indexRow) Scan(dest ...any) error {
	*dest[0].(*int64) = int64(n)
	if b, ok := dest[1].(*[]byte); ok {
		*b = []byte{byte(n)}
	}
	return nil
}

// The chain locks and heads of an append go out in one batch, locks first, and each method
// reads its own results.
func TestPipelineOneRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx := &batchTx{}
	p := pipeline.New(tx)
	q := auditdb.New(p)
	subjects := []string{"001088012345", "079175001234"}
	locked := q.ChainLock(ctx, []auditdb.ChainLockParams{
		{Class: chainLockClass, SubjectPersonalID: subjects[0]}, {Class: chainLockClass, SubjectPersonalID: subjects[1]},
	})
	read := q.ChainHead(ctx, subjects)
	require.Empty(t, tx.sent, "nothing is sent before Send")
	p.Send(ctx)
	require.Len(t, tx.sent, 1)
	require.Len(t, tx.sent[0].QueuedQueries, 4)
	require.Contains(t, tx.sent[0].QueuedQueries[0].SQL, "pg_advisory_xact_lock")
	require.Contains(t, tx.sent[0].QueuedQueries[1].SQL, "pg_advisory_xact_lock")
	require.Contains(t, tx.sent[0].QueuedQueries[2].SQL, "data_access_log")
	require.Equal(t, []any{subjects[1]}, tx.sent[0].QueuedQueries[3].Arguments)

	var execs int
	locked.Exec(func(_ int, err error) {
		require.NoError(t, err)
		execs++
	})
	var seqs []int64
	read.QueryRow(func(_ int, r auditdb.ChainHeadRow, err error) {
		require.NoError(t, err)
		seqs = append(seqs, r.SubjectSeq)
	})
	require.NoError(t, p.Close())
	require.Equal(t, 2, execs)
	require.Equal(t, []int64{2, 3}, seqs, "the heads' results follow the locks'")
}

// RecordTx's locks and head reads: one batch, each head from its own statement.
func TestLockChainsOneRoundTrip(t *testing.T) {
	t.Parallel()
	tx := &batchTx{}
	heads, err := lockChains(context.Background(), tx, []string{"001088012345", "079175001234"}, false, true)
	require.NoError(t, err)
	require.Len(t, tx.sent, 1)
	require.Len(t, tx.sent[0].QueuedQueries, 4)
	require.Equal(t, int64(2), heads["001088012345"].seq)
	require.Equal(t, []byte{3}, heads["079175001234"].hash)
}

// An append in a transaction of its own takes two round trips: BEGIN goes with the locks and
// the heads, COMMIT behind the rows.
func TestAppendOwnTwoRoundTrips(t *testing.T) {
	t.Parallel()
	tx := &batchTx{}
	l := New(nil, func() time.Time { return time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC) })
	e := Entry{SubjectPersonalID: "001088012345", ActorKind: ActorCitizen, ActorID: "citizen:1", Purpose: "citizen-view",
		Reference: "CV-1", Outcome: OutcomeOK}
	_, err := l.appendTx(context.Background(), tx, []Entry{e, e}, appendRun{own: true})
	require.NoError(t, err)
	require.Len(t, tx.sent, 2)
	first, second := tx.sent[0].QueuedQueries, tx.sent[1].QueuedQueries
	require.Len(t, first, 3)
	require.Equal(t, "begin", first[0].SQL)
	require.Contains(t, first[1].SQL, "pg_advisory_xact_lock")
	require.Len(t, second, 4)
	require.Contains(t, second[0].SQL, "data_access_log_advance_head", "the head moves before the rows are written")
	require.Contains(t, second[1].SQL, "INSERT INTO data_access_log")
	require.Contains(t, second[2].SQL, "INSERT INTO data_access_log")
	require.Equal(t, "commit", second[3].SQL)
	require.Equal(t, second[0].Arguments[3], second[2].Arguments[0], "to the last row's place")
	require.Equal(t, second[0].Arguments[4], second[2].Arguments[len(second[2].Arguments)-1], "and hash")

	t.Run("InTheCallersTransaction", func(t *testing.T) {
		tx := &batchTx{}
		require.NoError(t, l.RecordTx(context.Background(), tx, e))
		require.Len(t, tx.sent, 2)
		for _, b := range tx.sent {
			for _, q := range b.QueuedQueries {
				require.NotContains(t, []string{"begin", "commit"}, q.SQL)
			}
		}
	})
}

// An append after a head read ahead takes one round trip: BEGIN, the chain's lock and the check
// and advance of the head go with the rows and COMMIT, and nothing is read after them (the log was read with
// the head: TestRecordAndListAfter).
func TestAppendAheadOneRoundTrip(t *testing.T) {
	t.Parallel()
	tx := &batchTx{}
	l := New(nil, func() time.Time { return time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC) })
	e := Entry{SubjectPersonalID: "001088012345", ActorKind: ActorCitizen, ActorID: "citizen:1", Purpose: "citizen-view",
		Reference: "CV-1", Outcome: OutcomeOK}
	head := &Head{subject: e.SubjectPersonalID, head: chainHead{seq: 7, hash: []byte{7}}}
	_, err := l.appendTx(context.Background(), tx, []Entry{e, e}, appendRun{own: true, ahead: head})
	require.NoError(t, err)
	require.Len(t, tx.sent, 1)
	qs := tx.sent[0].QueuedQueries
	require.Len(t, qs, 6)
	require.Equal(t, "begin", qs[0].SQL)
	require.Contains(t, qs[1].SQL, "pg_advisory_xact_lock")
	require.Contains(t, qs[2].SQL, "data_access_log_advance_head")
	require.Equal(t, []any{e.SubjectPersonalID, int64(7), []byte{7}}, qs[2].Arguments[:3], "from the head read ahead")
	require.Equal(t, int64(9), qs[2].Arguments[3], "to the last row")
	require.Contains(t, qs[3].SQL, "INSERT INTO data_access_log")
	require.Equal(t, int64(8), qs[3].Arguments[0], "the rows follow the head read ahead")
	require.Equal(t, int64(9), qs[4].Arguments[0])
	require.Equal(t, qs[2].Arguments[4], qs[4].Arguments[len(qs[4].Arguments)-1], "the head's hash is the last row's")
	require.Equal(t, "commit", qs[5].SQL)

	_, err = l.appendTx(context.Background(), &batchTx{}, []Entry{e, {SubjectPersonalID: "079175001234"}}, appendRun{own: true, ahead: head})
	require.Error(t, err, "entries of another chain than the head's")
}
