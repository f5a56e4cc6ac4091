// Package outcome ties a decision to its electronic result: an approval and the signed result
// commit together, and the citizen's first download of the result and the case's delivery too.
package outcome

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/results"
)

// Service runs the two-part steps.
type Service struct {
	pool      *pgxpool.Pool
	work      *casework.Service
	results   *results.Service
	catalogue Catalogue
	units     Units // names the places the documents show
	verifyURL string
	onIssued  []IssuedHook // issued.go
}

// New returns the outcome service; units names places on the documents, verifyURL is where the
// result's QR code points.
func New(pool *pgxpool.Pool, work *casework.Service, res *results.Service, cat Catalogue, units Units, verifyURL string) *Service {
	return &Service{pool: pool, work: work, results: res, catalogue: cat, units: units, verifyURL: verifyURL}
}

// Approve decides the case (4→9) and issues its signed result in one transaction: no approval
// without its result, no result without its approval. The result's text is the decision this
// service writes from the case as approved.
func (s *Service) Approve(ctx context.Context, a casework.Actor, caseID int64, version int) (casework.Case, results.Result, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return casework.Case{}, results.Result{}, fmt.Errorf("outcome: approve: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	c, err := s.work.DoTx(ctx, tx, a, caseID, version, casework.Approve, casework.Input{})
	if err != nil {
		return casework.Case{}, results.Result{}, err
	}
	r, err := s.issueIfDecided(ctx, tx, c) // parts.go: a linked case's parts may be still to do
	if err != nil {
		return casework.Case{}, results.Result{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return casework.Case{}, results.Result{}, fmt.Errorf("outcome: approve: %w", err)
	}
	return c, r, nil
}

// Download returns the case's result to its owner. With deliver, the first download also
// delivers the case (9→10); without, nothing changes: the caller gives deliver only to a
// download the citizen made themselves, not one a link on another site may have started.
func (s *Service) Download(ctx context.Context, a casework.Actor, caseID int64, deliver bool) (results.Result, []byte, error) {
	c, err := s.work.Get(ctx, a, caseID) // authorizes: the owner only
	if err != nil {
		return results.Result{}, nil, err
	}
	r, pdf, err := s.results.ForCase(ctx, c.ID)
	if err != nil {
		return results.Result{}, nil, err
	}
	if !deliver || c.Status != status.Done {
		return r, pdf, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return results.Result{}, nil, fmt.Errorf("outcome: download: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	first, err := s.results.MarkDownloadedTx(ctx, tx, r.Code)
	if err != nil {
		return results.Result{}, nil, err
	}
	if first {
		if _, err := s.work.DoTx(ctx, tx, a, c.ID, c.Version, casework.Deliver, casework.Input{}); err != nil {
			return results.Result{}, nil, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return results.Result{}, nil, fmt.Errorf("outcome: download: %w", err)
	}
	return r, pdf, nil
}
