package cases_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
)

// roundTrips counts what a pool sends: each statement sent alone and each batch is one round
// trip (once its statements are prepared on the connection).
type roundTrips struct{ n atomic.Int64 }

func (r *roundTrips) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	r.n.Add(1)
	return ctx
}

func (r *roundTrips) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (r *roundTrips) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	r.n.Add(1)
	return ctx
}

func (r *roundTrips) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (r *roundTrips) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// TestQueueScreen: the queue page's page, counts and linked work are what Queue, StatusCounts
// and PartsOfAgency return, read in one round trip, a page that ends in the part on time
// included.
func TestQueueScreen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, s, ids := bookSetup(t)
	// A part of the agency's case in processing that the police returned to it: its linked work.
	_, err := pool.Exec(ctx, `INSERT INTO case_parts (case_id, seq, kind, name_vi, name_en, agency_code, days, status, sent_at, due_on, note)
		VALUES ($1, 2, 'police', 'Xác nhận cư trú', 'Residence confirmation', $2, 5, 'returned', $3, $4, 'Thiếu giấy tờ')`,
		ids["dueToday"], bookOther, bookNow, bookDay("2026-11-25"))
	require.NoError(t, err)
	parts, err := s.PartsOfAgency(ctx, bookAgency)
	require.NoError(t, err)
	require.Len(t, parts, 1)
	counts, err := s.StatusCounts(ctx, bookAgency)
	require.NoError(t, err)
	require.NotEmpty(t, counts)

	// One connection, so that every statement is prepared on it by the first, uncounted, screen.
	cfg := pool.Config().Copy()
	cfg.MaxConns = 1
	trips := &roundTrips{}
	cfg.ConnConfig.Tracer = trips
	traced, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(traced.Close)
	ts := cases.New(traced, func() time.Time { return bookNow }, nil)
	_, err = ts.QueueScreen(ctx, bookAgency, cases.QueueFilter{}, 2)
	require.NoError(t, err)
	_, err = ts.QueueScreen(ctx, bookAgency, cases.QueueFilter{After: &cases.QueueKey{Late: true}}, 2)
	require.NoError(t, err)

	// Pages of two: deliveredLate and late fill the first from the late part; flagged leaves
	// room on the second, which the part on time fills in the same statement; the others start
	// in the part on time.
	f := cases.QueueFilter{}
	var got []string
	for i := range 5 {
		page, err := s.Queue(ctx, bookAgency, f, 2)
		require.NoError(t, err)
		trips.n.Store(0)
		v, err := ts.QueueScreen(ctx, bookAgency, f, 2)
		require.NoError(t, err)
		require.Equal(t, int64(1), trips.n.Load(), "page %d: round trips", i+1)
		require.Equal(t, page, v.Page, "page %d: the page Queue reads", i+1)
		require.Equal(t, counts, v.Counts, "page %d: the counts", i+1)
		require.Equal(t, parts, v.Parts, "page %d: the linked work", i+1)
		got = append(got, names(ids, v.Page.Items)...)
		if v.Page.Next == nil {
			require.Equal(t, 4, i, "five pages")
			break
		}
		f.After = v.Page.Next
	}
	require.Equal(t, []string{"deliveredLate", "late", "flagged", "decided", "paused", "withdrawalPaused", "dueToday", "refused",
		"new"}, got)

	// The pages ran their statements' generic plans, and the connection is back to choosing.
	var generic, custom int64
	require.NoError(t, traced.QueryRow(ctx, `SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)
		FROM pg_prepared_statements WHERE statement LIKE '%queue_lane%'`).Scan(&generic, &custom))
	require.Positive(t, generic)
	require.Zero(t, custom)
	var mode string
	require.NoError(t, traced.QueryRow(ctx, `SHOW plan_cache_mode`).Scan(&mode))
	require.Equal(t, "auto", mode)

	// Overdue only, past the late part: nothing to read but the counts and the linked work.
	trips.n.Store(0)
	v, err := ts.QueueScreen(ctx, bookAgency, cases.QueueFilter{Overdue: true, After: f.After}, 0)
	require.NoError(t, err)
	require.Equal(t, int64(1), trips.n.Load())
	require.Empty(t, v.Page.Items)
	require.Equal(t, counts, v.Counts)
}
