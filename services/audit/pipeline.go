package audit

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motlan/portal/services/audit/internal/auditdb"
)

// pipeline is an auditdb.DBTX that sends the batches of several :batch queries in one round
// trip. sqlc's batch methods send their own batch at once, so RecordTx's chain locks and chain
// heads, two named queries, would take two round trips; through a pipeline each method only
// queues its statements, send sends them all as one pgx.Batch, and the methods' results are
// then read back in the order the methods were called. Exec, Query and QueryRow run at once on
// the transaction.
//
// A pipeline sent on a connection outside a transaction runs as one transaction; one that
// opens with BEGIN leaves its transaction open for the next, which may end with COMMIT.
type pipeline struct {
	auditdb.DBTX // a transaction, or a connection when the pipelines carry BEGIN and COMMIT
	batch        pgx.Batch
	br           pgx.BatchResults
}

var errNotSent = errors.New("audit: pipeline read before it was sent")

// SendBatch queues b's statements behind those already queued.
func (p *pipeline) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	p.batch.QueuedQueries = append(p.batch.QueuedQueries, b.QueuedQueries...)
	return pipelineResults{p}
}

// send sends every queued statement; their results are read through what SendBatch returned.
func (p *pipeline) send(ctx context.Context) { p.br = p.DBTX.SendBatch(ctx, &p.batch) }

// close reads what was not read and returns the first error of the statements.
func (p *pipeline) close() error {
	if p.br == nil {
		return errNotSent
	}
	return p.br.Close()
}

// pipelineResults reads one method's share of the pipeline's results. Close does nothing:
// the pipeline's close ends them all.
type pipelineResults struct{ p *pipeline }

func (r pipelineResults) Exec() (pgconn.CommandTag, error) {
	if r.p.br == nil {
		return pgconn.CommandTag{}, errNotSent
	}
	return r.p.br.Exec()
}

func (r pipelineResults) Query() (pgx.Rows, error) {
	if r.p.br == nil {
		return nil, errNotSent
	}
	return r.p.br.Query()
}

func (r pipelineResults) QueryRow() pgx.Row {
	if r.p.br == nil {
		return errRow{}
	}
	return r.p.br.QueryRow()
}

func (r pipelineResults) Close() error { return nil }

// Tx is nil: a pipeline never begins a transaction (it runs in the caller's).
func (r pipelineResults) Tx() pgx.Tx { return nil }

type errRow struct{}

func (errRow) Scan(...any) error { return errNotSent }
