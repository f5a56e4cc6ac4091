package attachments

import (
	"context"

	"github.com/google/uuid"

	"github.com/motlan/portal/services/attachments/internal/attachmentsdb"
	"github.com/motlan/portal/services/database/pipeline"
)

// QueueLinkToCase queues, in the submission's pipeline p (sent in its transaction), the move of
// a draft's files to the case it became. Its error, if any, is p's (Close).
func QueueLinkToCase(ctx context.Context, p *pipeline.Pipeline, draftID uuid.UUID, caseID int64) {
	attachmentsdb.New(p).AttachmentsLinkToCase(ctx, []attachmentsdb.AttachmentsLinkToCaseParams{{CaseID: caseID, DraftID: draftID}})
}
