package audit

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit/internal/auditdb"
)

// batchTx is a pgx.Tx that keeps the batches it is sent and answers each statement with its
// index in the batch.
type batchTx struct {
	pgx.Tx
	sent []*pgx.Batch
}

func (t *batchTx) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	t.sent = append(t.sent, b)
	return &indexResults{}
}

type indexResults struct {
	pgx.BatchResults
	next int64
}

func (r *indexResults) Exec() (pgconn.CommandTag, error) {
	r.next++
	return pgconn.CommandTag{}, nil
}

func (r *indexResults) QueryRow() pgx.Row {
	r.next++
	return indexRow(r.next - 1)
}

func (r *indexResults) Close() error { return nil }

type indexRow int64

func (n indexRow) Scan(dest ...any) error {
	*dest[0].(*int64) = int64(n)
	*dest[1].(*[]byte) = []byte{byte(n)}
	return nil
}

// The chain locks and heads of an append go out in one batch, locks first, and each method
// reads its own results back.
func TestPipelineOneRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx := &batchTx{}
	p := &pipeline{Tx: tx}
	q := auditdb.New(p)
	subjects := []string{"001088012345", "079175001234"}
	locked := q.ChainLock(ctx, []auditdb.ChainLockParams{
		{Class: chainLockClass, SubjectPersonalID: subjects[0]}, {Class: chainLockClass, SubjectPersonalID: subjects[1]},
	})
	read := q.ChainHead(ctx, subjects)
	require.Empty(t, tx.sent, "nothing is sent before send")
	p.send(ctx)
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
	require.NoError(t, p.close())
	require.Equal(t, 2, execs)
	require.Equal(t, []int64{2, 3}, seqs, "the heads' results follow the locks'")
}

func TestPipelineErrNotSent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := &pipeline{Tx: &batchTx{}}
	auditdb.New(p).ChainLock(ctx, []auditdb.ChainLockParams{{Class: chainLockClass, SubjectPersonalID: "001088012345"}}).
		Exec(func(_ int, err error) { require.ErrorIs(t, err, errNotSent) })
	require.ErrorIs(t, p.close(), errNotSent)
}

// RecordTx's locks and head reads: one batch, each head from its own statement.
func TestLockChainsOneRoundTrip(t *testing.T) {
	t.Parallel()
	tx := &batchTx{}
	heads, err := lockChains(context.Background(), tx, []string{"001088012345", "079175001234"})
	require.NoError(t, err)
	require.Len(t, tx.sent, 1)
	require.Len(t, tx.sent[0].QueuedQueries, 4)
	require.Equal(t, int64(2), heads["001088012345"].seq)
	require.Equal(t, []byte{3}, heads["079175001234"].hash)
}
