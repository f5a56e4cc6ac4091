// Package pipeline sends the statements of several sqlc :batch queries (or hand-written
// batches) to PostgreSQL in one round trip.
//
// sqlc's batch methods send their own pgx.Batch at once, so two named queries take two round
// trips. Through a Pipeline each method only queues its statements (SendBatch); Send sends all
// of them as one pgx.Batch, and the methods' results are then read back in the order the
// methods were called. Close reads what was not read and returns the first error. Exec, Query
// and QueryRow are not queued: they run at once on the DB underneath.
//
// A pipeline sent on a pool or a connection outside a transaction runs as one implicit
// transaction (one commit); one that opens with BEGIN leaves its transaction open for the next,
// which may end with COMMIT; one sent on a pgx.Tx runs in that transaction.
package pipeline

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DB is what sqlc's generated code runs on (its DBTX): a pool, a connection or a transaction.
type DB interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// ErrNotSent is what a queued statement's result reads as before Send.
var ErrNotSent = errors.New("pipeline: read before it was sent")

// Pipeline is a DB whose SendBatch queues. The zero value with DB set is ready to use; a
// Pipeline is used once, by one goroutine.
type Pipeline struct {
	DB
	batch pgx.Batch
	br    pgx.BatchResults
}

// New returns a pipeline on db.
func New(db DB) *Pipeline { return &Pipeline{DB: db} }

// SendBatch queues b's statements behind those already queued. The results it returns read
// that share of the pipeline's results once it is sent; their Close does nothing.
func (p *Pipeline) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	p.batch.QueuedQueries = append(p.batch.QueuedQueries, b.QueuedQueries...)
	return results{p}
}

// Queue queues one statement and returns what reads its result once the pipeline is sent.
func (p *Pipeline) Queue(sql string, args ...any) pgx.BatchResults {
	p.batch.Queue(sql, args...)
	return results{p}
}

// Len is the number of statements queued.
func (p *Pipeline) Len() int { return p.batch.Len() }

// Send sends every queued statement in one round trip; with none queued it sends nothing.
func (p *Pipeline) Send(ctx context.Context) {
	if p.batch.Len() > 0 {
		p.br = p.DB.SendBatch(ctx, &p.batch)
	}
}

// Close reads what was not read, gives the connection back, and returns the first error of
// the statements: ErrNotSent when statements were queued and never sent.
func (p *Pipeline) Close() error {
	if p.br == nil {
		if p.batch.Len() > 0 {
			return ErrNotSent
		}
		return nil
	}
	return p.br.Close()
}

// Unsent returns results that read as ErrNotSent, for a DB that records batches without
// running them (a test's or a benchmark's stand-in).
func Unsent() pgx.BatchResults { return results{&Pipeline{}} }

// results reads one query's share of the pipeline's results.
type results struct{ p *Pipeline }

func (r results) Exec() (pgconn.CommandTag, error) {
	if r.p.br == nil {
		return pgconn.CommandTag{}, ErrNotSent
	}
	return r.p.br.Exec()
}

func (r results) Query() (pgx.Rows, error) {
	if r.p.br == nil {
		return nil, ErrNotSent
	}
	return r.p.br.Query()
}

func (r results) QueryRow() pgx.Row {
	if r.p.br == nil {
		return unsentRow{}
	}
	return r.p.br.QueryRow()
}

// Close does nothing: the pipeline's Close ends them all.
func (r results) Close() error { return nil }

// Tx is nil: a pipeline never begins a transaction (it runs in its DB's, if any).
func (r results) Tx() pgx.Tx { return nil }

type unsentRow struct{}

func (unsentRow) Scan(...any) error { return ErrNotSent }
