// Package registryfeed sends the national population database the facts an issued result
// changes — a child born, a new permanent residence, a marriage — as the civil status and
// residence databases synchronise with it through the exchange. The update is a River job
// inserted in the transaction that issues the result (an outbox): it is sent after the commit,
// retried while the exchange is down, and its failure never undoes the result.
package registryfeed

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/results"
)

// Agencies names the agency that issued a result and where it sits (services/catalogue).
type Agencies interface {
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
}

// Feed enqueues the updates of issued results.
type Feed struct {
	jobs     *river.Client[pgx.Tx] // insert-only (services/jobs.NewInserter)
	agencies Agencies
}

// New returns a Feed that inserts its jobs with inserter.
func New(inserter *river.Client[pgx.Tx], agencies Agencies) *Feed {
	return &Feed{jobs: inserter, agencies: agencies}
}

// EnqueueTx enqueues, in tx, the update that the result r of case c makes to the population
// database, if its procedure records such a fact; it does nothing otherwise.
func (f *Feed) EnqueueTx(ctx context.Context, tx pgx.Tx, c cases.Case, r results.Result) error {
	agency, err := f.agencies.Agency(ctx, r.AgencyCode)
	if err != nil {
		return fmt.Errorf("registryfeed: %s: agency %s: %w", r.Code, r.AgencyCode, err)
	}
	up, ok := UpdateOf(c, r, agency)
	if !ok {
		return nil
	}
	if _, err := f.jobs.InsertTx(ctx, tx, UpdateArgs{Update: up}, nil); err != nil {
		return fmt.Errorf("registryfeed: enqueue %s: %w", r.Code, err)
	}
	return nil
}

// Issued is EnqueueTx as an outcome.IssuedHook: it runs in the transaction of every result issued.
func (f *Feed) Issued(ctx context.Context, tx pgx.Tx, c cases.Case, _ results.Issue, r results.Result) error {
	return f.EnqueueTx(ctx, tx, c, r)
}
