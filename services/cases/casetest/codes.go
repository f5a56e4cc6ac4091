package casetest

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// SetCodeCounter sets an agency's case-code counter of a day as a promoted replica that lacked
// the old primary's last commits would hold it: its last number, and the server timeline that
// gave it.
func SetCodeCounter(ctx context.Context, db DB, agency string, day time.Time, last, timeline int) error {
	tag, err := db.Exec(ctx, `UPDATE case_code_counters SET last = $3, timeline = $4 WHERE agency_code = $1 AND day = $2`,
		agency, day, last, timeline)
	if err != nil {
		return fmt.Errorf("casetest: set code counter: %w", err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("casetest: no code counter of %s on %s", agency, day.Format(time.DateOnly))
	}
	return nil
}

// CodeOfDraft is a case's code and the draft it was submitted from.
type CodeOfDraft struct {
	Code    string
	DraftID uuid.UUID
}

// CasesOf reads the code and the draft of every case submitted from one of drafts or having one
// of codes: what a failover check compares with the codes receipts showed.
func CasesOf(ctx context.Context, db DB, drafts []uuid.UUID, codes []string) ([]CodeOfDraft, error) {
	rows, err := db.Query(ctx, `SELECT code, draft_id FROM cases WHERE draft_id = ANY($1) OR code = ANY($2)`, drafts, codes)
	if err != nil {
		return nil, fmt.Errorf("casetest: cases of drafts: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CodeOfDraft])
	if err != nil {
		return nil, fmt.Errorf("casetest: cases of drafts: %w", err)
	}
	return out, nil
}
