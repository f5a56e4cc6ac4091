package attachments

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Querier is a pool or a transaction.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// OfCase returns a submitted case's files, read through q so that a page's read model reads them
// in its own transaction. The caller has authorized the reader of the case.
func OfCase(ctx context.Context, q Querier, citizenID, caseID int64) ([]Attachment, error) {
	rows, err := q.Query(ctx, `SELECT id, field, file_name, content_type, size_bytes FROM attachments
		WHERE case_id = $1 AND citizen_id = $2 ORDER BY created_at`, caseID, citizenID)
	if err != nil {
		return nil, fmt.Errorf("attachments: of case: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Attachment, error) {
		var a Attachment
		return a, r.Scan(&a.ID, &a.Field, &a.FileName, &a.ContentType, &a.SizeBytes)
	})
	if err != nil {
		return nil, fmt.Errorf("attachments: of case: %w", err)
	}
	return out, nil
}
