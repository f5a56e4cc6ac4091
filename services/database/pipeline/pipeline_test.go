package pipeline_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/pipeline"
)

// recorder is a DB that keeps the batches it is sent and answers each statement with its index
// in the batch.
type recorder struct {
	pipeline.DB
	sent []*pgx.Batch
}

func (r *recorder) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	r.sent = append(r.sent, b)
	return &indexResults{}
}

type indexResults struct {
	pgx.BatchResults
	next   int64
	closed bool
}

func (r *indexResults) Exec() (pgconn.CommandTag, error) { r.next++; return pgconn.CommandTag{}, nil }
func (r *indexResults) QueryRow() pgx.Row                { r.next++; return indexRow(r.next - 1) }
func (r *indexResults) Close() error                     { r.closed = true; return nil }

type indexRow int64

func (n indexRow) Scan(dest ...any) error { *dest[0].(*int64) = int64(n); return nil }

func batchOf(sql ...string) *pgx.Batch {
	b := &pgx.Batch{}
	for _, s := range sql {
		b.Queue(s)
	}
	return b
}

// Two batches queued go out as one, and each reads its own results in order.
func TestOneRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := &recorder{}
	p := pipeline.New(db)
	first := p.SendBatch(ctx, batchOf("SELECT 'a'", "SELECT 'b'"))
	second := p.SendBatch(ctx, batchOf("SELECT 'c'"))
	require.Empty(t, db.sent, "nothing goes out before Send")
	require.Equal(t, 3, p.Len())
	p.Send(ctx)
	require.Len(t, db.sent, 1)
	require.Len(t, db.sent[0].QueuedQueries, 3)
	require.Equal(t, "SELECT 'c'", db.sent[0].QueuedQueries[2].SQL)

	var got []int64
	for _, br := range []pgx.BatchResults{first, first, second} {
		var n int64
		require.NoError(t, br.QueryRow().Scan(&n))
		got = append(got, n)
	}
	require.NoError(t, first.Close(), "a share's Close ends nothing")
	require.Equal(t, []int64{0, 1, 2}, got)
	require.NoError(t, p.Close())
}

// Reading before Send fails with ErrNotSent, and so does Close; an empty pipeline sends nothing
// and closes cleanly.
func TestNotSent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := &recorder{}
	p := pipeline.New(db)
	br := p.SendBatch(ctx, batchOf("SELECT 1"))
	_, err := br.Exec()
	require.ErrorIs(t, err, pipeline.ErrNotSent)
	rows, err := br.Query() //nolint:sqlclosecheck // nil before Send: nothing to close
	require.ErrorIs(t, err, pipeline.ErrNotSent)
	require.Nil(t, rows)
	require.ErrorIs(t, br.QueryRow().Scan(), pipeline.ErrNotSent)
	require.ErrorIs(t, p.Close(), pipeline.ErrNotSent)

	empty := pipeline.New(db)
	empty.Send(ctx)
	require.Empty(t, db.sent, "an empty pipeline sends nothing")
	require.NoError(t, empty.Close())

	_, err = pipeline.Unsent().Exec()
	require.ErrorIs(t, err, pipeline.ErrNotSent)
}

// Close reads what the callers left unread: it closes the batch underneath.
func TestCloseEndsTheBatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var res *indexResults
	db := &closing{results: func(r *indexResults) { res = r }}
	p := pipeline.New(db)
	p.SendBatch(ctx, batchOf("SELECT 1", "SELECT 2"))
	p.Send(ctx)
	require.NotNil(t, res)
	require.False(t, res.closed)
	require.NoError(t, p.Close())
	require.True(t, res.closed)
}

type closing struct {
	pipeline.DB
	results func(*indexResults)
}

func (c *closing) SendBatch(context.Context, *pgx.Batch) pgx.BatchResults {
	r := &indexResults{}
	c.results(r)
	return r
}
