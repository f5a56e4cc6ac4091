package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/jobs"
)

// fakePayments records the calls of the payments job, in order.
type fakePayments struct {
	mu        sync.Mutex
	calls     []string
	reconcile error
	done      chan struct{}
}

func (f *fakePayments) call(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, name)
	if f.done != nil && name == "refunds" {
		select {
		case f.done <- struct{}{}:
		default:
		}
	}
}

func (f *fakePayments) Reconcile(context.Context) (int, error) {
	f.call("reconcile")
	return 1, f.reconcile
}

func (f *fakePayments) RequestRefunds(context.Context) (int, error) { f.call("refunds"); return 0, nil }

// TestPaymentsWorker: a round reconciles, then asks for refunds, even when a query failed; the
// failure fails the job, so River retries it.
func TestPaymentsWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := &fakePayments{}
	w := &jobs.PaymentsWorker{Payments: p, Log: log}
	require.NoError(t, w.Work(ctx, &river.Job[jobs.PaymentsArgs]{}))
	require.Equal(t, []string{"reconcile", "refunds"}, p.calls)

	p = &fakePayments{reconcile: errors.New("gateway down")}
	w = &jobs.PaymentsWorker{Payments: p, Log: log}
	require.ErrorContains(t, w.Work(ctx, &river.Job[jobs.PaymentsArgs]{}), "gateway down")
	require.Equal(t, []string{"reconcile", "refunds"}, p.calls)
}

// TestRunnerRunsPayments checks the River client runs the periodic payments job when given
// Payments.
func TestRunnerRunsPayments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	p := &fakePayments{done: make(chan struct{}, 1)}
	r, err := jobs.New(pool, &countingDrafts{done: make(chan struct{}, 1)}, jobs.Config{Payments: p},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { require.NoError(t, r.Stop(ctx)) })
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		t.Fatal("the payments job did not run")
	}
}
