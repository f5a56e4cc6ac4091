package cases

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// EventAnchor returns where a case's attached chain starts: the sequence number and hash of its
// newest event in a detached month (case_event_anchors, DetachEvents), or 0 and 32 zero bytes
// when none of its events was detached.
func (s *Service) EventAnchor(ctx context.Context, db DB, caseID int64) (seq int, hash []byte, err error) {
	err = db.QueryRow(ctx, `SELECT seq, hash FROM case_event_anchors WHERE case_id = $1`, caseID).Scan(&seq, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, make([]byte, sha256.Size), nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("cases: event anchor of case %d: %w", caseID, err)
	}
	return seq, hash, nil
}
