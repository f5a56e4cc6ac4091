package cases_test

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/payment"
)

// statementLog records the name of each statement a pool's connections send: the sqlc query's
// name, or the statement itself (begin, commit).
type statementLog struct {
	mu    sync.Mutex
	names []string
}

var reQueryName = regexp.MustCompile(`^-- name: (\w+)`)

func (l *statementLog) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	name := strings.TrimSpace(data.SQL)
	if m := reQueryName.FindStringSubmatch(name); m != nil {
		name = m[1]
	}
	l.mu.Lock()
	l.names = append(l.names, name)
	l.mu.Unlock()
	return ctx
}

func (l *statementLog) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// A pipeline's statements are logged between "pipeline" and "sent", in the order queued.
func (l *statementLog) TraceBatchStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchStartData) context.Context {
	l.mu.Lock()
	l.names = append(l.names, "pipeline")
	for _, q := range data.Batch.QueuedQueries {
		name := strings.TrimSpace(q.SQL)
		if m := reQueryName.FindStringSubmatch(name); m != nil {
			name = m[1]
		}
		l.names = append(l.names, name)
	}
	l.names = append(l.names, "sent")
	l.mu.Unlock()
	return ctx
}

func (l *statementLog) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (l *statementLog) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// TestSubmitIsOneTransaction: a submission (its charges included) runs in one transaction and
// no other, claims the draft (its lock and submitted mark in one statement), reads the route,
// the fee schedule and the contact and prepares the notice before it takes the agency's
// case-code counter, which it then holds for three round trips: the counter (with the ids),
// one pipeline of the writes, the commit. cmd/bench's pgbench reference runs these statements
// in this order (TestPgbenchScript).
func TestSubmitIsOneTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	d := e.draft(t, e.an, true)

	log := &statementLog{}
	cfg := e.pool.Config()
	cfg.ConnConfig.Tracer = log
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	svc := cases.New(pool, e.clock.Now, slog.New(slog.DiscardHandler))
	cat := catalogue.New(pool)
	pay := payment.New(pool, payment.Deps{Cases: svc, Fees: cat}, payment.Config{Now: e.clock.Now})
	sub := cases.NewSubmitter(svc, cat, testCalendar{}, e.notes).WithCharges(pay)
	_, err = cat.Get(ctx, residence) // the catalogue's cache, as in a running portal
	require.NoError(t, err)
	log.names = nil

	c, err := sub.SubmitDraft(ctx, e.an, d, true, e.rules())
	require.NoError(t, err)
	require.NotEmpty(t, c.Code)
	require.Equal(t, []string{
		"begin", "DraftClaimForSubmission", "AgenciesOfCommune", "FeesInForce", "CitizenContact",
		"CaseCodeTimeline", "CaseCodeTimelineBegin", "CaseCodeEpoch", // the timeline's epoch: once per process
		"CaseNextCode", "pipeline", "CaseInsert", "EventInsertReserved", "AttachmentsLinkToCase", "sent",
		"commit", // no charge due: nothing recorded
	}, log.names)
}
