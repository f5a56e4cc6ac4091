package drafts

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/drafts/internal/draftdb"
)

// InsertSubmittedDemo adds the bare submitted draft a demo case points to (portal seed demo), in
// the seed's transaction, and reports whether it was new: a draft that exists means the case was
// seeded before, so the seed adds nothing twice.
func InsertSubmittedDemo(ctx context.Context, tx pgx.Tx, id uuid.UUID, citizenID int64, code string, version int, at time.Time) (bool, error) {
	n, err := draftdb.New(tx).DraftInsertSubmittedDemo(ctx, draftdb.DraftInsertSubmittedDemoParams{ID: id, CitizenID: citizenID,
		ProcedureCode: code, ProcedureVersion: version, At: at})
	if err != nil {
		return false, fmt.Errorf("drafts: demo draft %s: %w", id, err)
	}
	return n == 1, nil
}
