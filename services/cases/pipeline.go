package cases

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pipeline is a DB that sends several statements as one pgx.Batch: one round trip and, on a
// pool, one implicit transaction (one commit) instead of one each. The :batch queries of casedb
// only queue their statements on it (SendBatch), as a page of the queue queues its own SQL
// (queueRead); send sends them all; their results are then read in the order they were queued,
// and close reads what was not. Exec, Query and QueryRow run at once on the DB underneath.
type pipeline struct {
	DB
	batch pgx.Batch
	br    pgx.BatchResults
}

var errNotSent = errors.New("cases: pipeline read before it was sent")

// SendBatch queues b's statements behind those already queued.
func (p *pipeline) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	p.batch.QueuedQueries = append(p.batch.QueuedQueries, b.QueuedQueries...)
	return pipelineResults{p}
}

// send sends every queued statement, if there is one.
func (p *pipeline) send(ctx context.Context) {
	if p.batch.Len() > 0 {
		p.br = p.DB.SendBatch(ctx, &p.batch)
	}
}

// close reads what was not read, gives the connection back, and returns the first error of the
// statements.
func (p *pipeline) close() error {
	if p.br == nil {
		if p.batch.Len() > 0 {
			return errNotSent
		}
		return nil
	}
	return p.br.Close()
}

// pipelineResults reads one query's share of the pipeline's results. Close does nothing: the
// pipeline's close ends them all.
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

// Tx is nil: a pipeline never begins a transaction.
func (r pipelineResults) Tx() pgx.Tx { return nil }

type errRow struct{}

func (errRow) Scan(...any) error { return errNotSent }
