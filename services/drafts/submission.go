package drafts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/drafts/internal/draftdb"
)

// LockForSubmission locks the citizen's draft inside the submission's transaction and tells
// whether it was already submitted (another request won the race). Another citizen's draft, or
// a missing one, is ErrNotFound.
func LockForSubmission(ctx context.Context, tx pgx.Tx, citizenID int64, id uuid.UUID) (submitted bool, err error) {
	submittedAt, err := draftdb.New(tx).DraftLockForSubmission(ctx, id, citizenID)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, ErrNotFound
	}
	if err != nil {
		return false, fmt.Errorf("drafts: lock for submission: %w", err)
	}
	return submittedAt != nil, nil
}

// MarkSubmitted marks the draft submitted at at, inside the submission's transaction.
func MarkSubmitted(ctx context.Context, tx pgx.Tx, id uuid.UUID, at time.Time) error {
	if err := draftdb.New(tx).DraftMarkSubmitted(ctx, at, id); err != nil {
		return fmt.Errorf("drafts: mark submitted: %w", err)
	}
	return nil
}
