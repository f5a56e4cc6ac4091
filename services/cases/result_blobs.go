package cases

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases/internal/casedb"
)

// ResultBlobs keeps the PDFs of signed documents by their SHA-256, in the blob store the
// attachments use (services/attachments: PGBlobs, this database's attachment_blobs, or S3Blobs,
// a bucket). Put holds the content until tx ends, in which the result that names it is written;
// the blob_references view names it from then on, so neither a deleted attachment of the same
// content nor the garbage collection removes it.
type ResultBlobs interface {
	Put(ctx context.Context, tx pgx.Tx, sum []byte, content []byte) error
	Get(ctx context.Context, sum []byte) ([]byte, error)
}

// WithResultBlobs returns the service storing new signed documents' PDFs in b instead of the
// results table; documents stored in the table before stay readable there.
func (s *Service) WithResultBlobs(b ResultBlobs) *Service {
	c := *s
	c.resultBlobs = b
	return &c
}

// storeResultPDF puts pdf in the blob store inside tx and returns its key, or, without a blob
// store, returns pdf for the results table.
func (s *Service) storeResultPDF(ctx context.Context, tx pgx.Tx, pdf []byte) (inTable, key []byte, err error) {
	if s.resultBlobs == nil {
		return pdf, nil, nil
	}
	sum := sha256.Sum256(pdf)
	if err := s.resultBlobs.Put(ctx, tx, sum[:], pdf); err != nil {
		return nil, nil, fmt.Errorf("blob store: %w", err)
	}
	return nil, sum[:], nil
}

// resultPDF is the PDF of a stored document: the table's, or the blob store's under key. The
// caller checks it against the recorded hash and signature, as it does the table's.
func (s *Service) resultPDF(ctx context.Context, inTable, key []byte) ([]byte, error) {
	if inTable != nil || key == nil {
		return inTable, nil
	}
	if s.resultBlobs == nil {
		return nil, errors.New("the PDF is in the blob store and the service has none")
	}
	pdf, err := s.resultBlobs.Get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("blob store: %w", err)
	}
	return pdf, nil
}

// On returns the service reading and writing through pool (a read replica, say), with the same
// clock, logger and blob store.
func (s *Service) On(pool *pgxpool.Pool) *Service {
	c := *s
	c.pool, c.q = pool, casedb.New(pool)
	return &c
}
