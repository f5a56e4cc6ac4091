package attachments

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/attachments/internal/attachmentsdb"
)

// Querier is a pool or a transaction.
type Querier = attachmentsdb.DBTX

// OfCase returns a submitted case's files, read through q so that a page's read model reads them
// in its own transaction. The caller has authorized the reader of the case.
func OfCase(ctx context.Context, q Querier, citizenID, caseID int64) ([]Attachment, error) {
	out, err := ofCase(ctx, attachmentsdb.New(q), citizenID, caseID)
	if err != nil {
		return nil, fmt.Errorf("attachments: of case: %w", err)
	}
	return out, nil
}

// ofCase reads the citizen's files of a case, oldest first.
func ofCase(ctx context.Context, q *attachmentsdb.Queries, citizenID, caseID int64) ([]Attachment, error) {
	rows, err := q.AttachmentsOfCase(ctx, caseID, citizenID)
	if err != nil {
		return nil, err
	}
	out := make([]Attachment, len(rows))
	for i, r := range rows {
		out[i] = Attachment{ID: r.ID, Field: r.Field, FileName: r.FileName, ContentType: r.ContentType, SizeBytes: r.SizeBytes}
	}
	return out, nil
}
