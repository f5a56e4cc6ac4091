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

// ClaimForSubmission locks the citizen's draft inside the submission's transaction and marks it
// submitted at at, in one statement (LockForSubmission and MarkSubmitted in one round trip). It
// tells whether the draft was this transaction's to submit: false when another request
// submitted it (a claim waiting on the lock sees the other's commit), when it is someone
// else's, or gone. The mark is undone with the transaction.
func ClaimForSubmission(ctx context.Context, tx pgx.Tx, citizenID int64, id uuid.UUID, at time.Time) (bool, error) {
	n, err := draftdb.New(tx).DraftClaimForSubmission(ctx, at, id, citizenID)
	if err != nil {
		return false, fmt.Errorf("drafts: claim for submission: %w", err)
	}
	return n == 1, nil
}
