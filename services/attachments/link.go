package attachments

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// LinkToCase moves a draft's files to the case it became, inside the submission's transaction.
func LinkToCase(ctx context.Context, tx pgx.Tx, draftID uuid.UUID, caseID int64) error {
	if _, err := tx.Exec(ctx, `UPDATE attachments SET case_id = $1 WHERE draft_id = $2`, caseID, draftID); err != nil {
		return fmt.Errorf("attachments: link to case: %w", err)
	}
	return nil
}
