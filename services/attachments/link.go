package attachments

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/attachments/internal/attachmentsdb"
)

// LinkToCase moves a draft's files to the case it became, inside the submission's transaction.
func LinkToCase(ctx context.Context, tx pgx.Tx, draftID uuid.UUID, caseID int64) error {
	if err := attachmentsdb.New(tx).AttachmentsLinkToCase(ctx, caseID, draftID); err != nil {
		return fmt.Errorf("attachments: link to case: %w", err)
	}
	return nil
}
