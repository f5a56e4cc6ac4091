package casetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motlan/portal/services/cases/status"
)

// Status reads a case's status from its row, through db (a transaction sees its own writes).
func Status(ctx context.Context, db DB, id int64) (status.Status, error) {
	var s int16
	if err := db.QueryRow(ctx, `SELECT status FROM cases WHERE id = $1`, id).Scan(&s); err != nil {
		return 0, fmt.Errorf("casetest: status of case %d: %w", id, err)
	}
	return status.Status(s), nil
}

// SetStatusRaw changes a case's status by hand, as a raw UPDATE that keeps the other columns as
// the table's checks want them (prev_status at 7, an outcome at 9 and 10, paused_at at 5 and 7),
// so that only the transition trigger can refuse it. It returns the database's error: a refused
// change is a *pgconn.PgError with code 23514 and constraint cases_status_transition.
func SetStatusRaw(ctx context.Context, db DB, id int64, to status.Status) error {
	_, err := db.Exec(ctx, `
		UPDATE cases SET status = $2::smallint,
			prev_status = CASE WHEN $2::smallint = 7 THEN status END,
			outcome = CASE WHEN $2::smallint IN (9, 10) THEN coalesce(outcome, 'approved') END,
			paused_at = CASE WHEN $2::smallint = 5 THEN now() WHEN $2::smallint = 7 THEN paused_at END
		WHERE id = $1`, id, int16(to))
	return err
}

// Set is what UpdateRaw writes; a zero field is left alone.
type Set struct {
	Status        status.Status // only this, with no other column adjusted: the triggers still apply
	Agency        string
	ApplicantName string
	AssignedTo    string
	Received      *time.Time
	DueOn         *time.Time
	NextVersion   bool // version = version + 1, as a step does
}

// UpdateRaw changes the cases ids in one raw UPDATE (the triggers on cases see one statement)
// and returns how many rows it changed, or the database's error.
func UpdateRaw(ctx context.Context, db DB, ids []int64, set Set) (int64, error) {
	sets, args := []string{}, []any{ids}
	add := func(col string, v any) {
		args = append(args, v)
		sets = append(sets, fmt.Sprintf("%s = $%d", col, len(args)))
	}
	if set.Status != 0 {
		add("status", int16(set.Status))
	}
	if set.Agency != "" {
		add("agency_code", set.Agency)
	}
	if set.ApplicantName != "" {
		add("applicant_name", set.ApplicantName)
	}
	if set.AssignedTo != "" {
		add("assigned_to", set.AssignedTo)
	}
	if set.Received != nil {
		add("received_at", *set.Received)
	}
	if set.DueOn != nil {
		add("due_on", *set.DueOn)
	}
	if set.NextVersion {
		sets = append(sets, "version = version + 1")
	}
	if len(sets) == 0 {
		return 0, errors.New("casetest: UpdateRaw with nothing to set")
	}
	tag, err := db.Exec(ctx, "UPDATE cases SET "+strings.Join(sets, ", ")+" WHERE id = ANY($1)", args...)
	return tag.RowsAffected(), err
}

// IDs lists the ids of the agency's cases in status st, in id order.
func IDs(ctx context.Context, db DB, agency string, st status.Status) ([]int64, error) {
	rows, err := db.Query(ctx, `SELECT id FROM cases WHERE agency_code = $1 AND status = $2 ORDER BY id`, agency, int16(st))
	if err != nil {
		return nil, fmt.Errorf("casetest: ids: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// CountByStatus counts the agency's cases by status in the table itself, not in case_counts
// (which triggers keep, and which the queue reads).
func CountByStatus(ctx context.Context, db DB, agency string) (map[status.Status]int, error) {
	rows, err := db.Query(ctx, `SELECT status, count(*) FROM cases WHERE agency_code = $1 GROUP BY 1`, agency)
	if err != nil {
		return nil, fmt.Errorf("casetest: count by status: %w", err)
	}
	out := map[status.Status]int{}
	var st int16
	var n int
	_, err = pgx.ForEachRow(rows, []any{&st, &n}, func() error {
		out[status.Status(st)] = n
		return nil
	})
	return out, err
}

// Apology is the stored apology of a case.
type Apology struct {
	Letter   string
	OldDueOn time.Time
	NewDueOn time.Time
}

// ApologyOf reads the case's apology row; pgx.ErrNoRows when there is none.
func ApologyOf(ctx context.Context, db DB, caseID int64) (Apology, error) {
	var a Apology
	err := db.QueryRow(ctx, `SELECT letter, old_due_on, new_due_on FROM case_apologies WHERE case_id = $1`, caseID).
		Scan(&a.Letter, &a.OldDueOn, &a.NewDueOn)
	if err != nil {
		return a, fmt.Errorf("casetest: apology of case %d: %w", caseID, err)
	}
	return a, nil
}

// CountEvents counts the case's events.
func CountEvents(ctx context.Context, db DB, caseID int64) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT count(*) FROM case_events WHERE case_id = $1`, caseID).Scan(&n)
	return n, err
}

// UpdateEventsRaw tries to rewrite the reason of every event of the case, as a raw UPDATE. The
// timeline is append-only: it returns the database's refusal.
func UpdateEventsRaw(ctx context.Context, db DB, caseID int64, reason string) error {
	_, err := db.Exec(ctx, `UPDATE case_events SET reason = $2 WHERE case_id = $1`, caseID, reason)
	return err
}

// DeleteEventsRaw tries to delete the case's events, as a raw DELETE. The timeline is
// append-only: it returns the database's refusal.
func DeleteEventsRaw(ctx context.Context, db DB, caseID int64) error {
	_, err := db.Exec(ctx, `DELETE FROM case_events WHERE case_id = $1`, caseID)
	return err
}

// Tampering is a change to one stored event.
type Tampering struct {
	Reason *string       // sets its reason
	Shift  time.Duration // moves its time
	Rehash bool          // then recomputes its own hash from the changed row (the next event's link is left)
	Delete bool          // removes it; the fields above are then ignored
}

// TamperEvent changes one event with the append-only guard off, as someone with the table
// owner's rights could, in a transaction that turns the guard back on.
func TamperEvent(ctx context.Context, db DB, eventID int64, t Tampering) error {
	return pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `ALTER TABLE case_events DISABLE TRIGGER case_events_no_update`); err != nil {
			return err
		}
		var stmts []string
		var args [][]any
		switch {
		case t.Delete:
			stmts, args = append(stmts, `DELETE FROM case_events WHERE id = $1`), append(args, []any{eventID})
		default:
			if t.Reason != nil {
				stmts, args = append(stmts, `UPDATE case_events SET reason = $2 WHERE id = $1`), append(args, []any{eventID, *t.Reason})
			}
			if t.Shift != 0 {
				stmts = append(stmts, `UPDATE case_events SET at = at + $2::double precision * interval '1 microsecond' WHERE id = $1`)
				args = append(args, []any{eventID, float64(t.Shift.Microseconds())})
			}
			if t.Rehash { // after the other changes: the function reads the row as it is now
				stmts, args = append(stmts, `UPDATE case_events SET hash = case_event_hash(prev_hash, case_events) WHERE id = $1`), append(args, []any{eventID})
			}
		}
		for i, q := range stmts {
			tag, err := tx.Exec(ctx, q, args[i]...)
			if err != nil {
				return fmt.Errorf("casetest: tamper with event %d: %w", eventID, err)
			}
			if tag.RowsAffected() != 1 {
				return fmt.Errorf("casetest: tamper with event %d: no such event", eventID)
			}
		}
		_, err := tx.Exec(ctx, `ALTER TABLE case_events ENABLE TRIGGER case_events_no_update`)
		return err
	})
}

// FlipResultPDFByte flips the lowest bit of byte i of the stored PDF of result code.
func FlipResultPDFByte(ctx context.Context, db DB, code string, i int) error {
	return one(db.Exec(ctx, `UPDATE results SET pdf = set_byte(pdf, $2, get_byte(pdf, $2) # 1) WHERE code = $1`, code, i))
}

// SetResultSHA256 overwrites the recorded hash of result code.
func SetResultSHA256(ctx context.Context, db DB, code string, sum []byte) error {
	return one(db.Exec(ctx, `UPDATE results SET sha256 = $2 WHERE code = $1`, code, sum))
}

// SetResultSignature overwrites the recorded signature of result code.
func SetResultSignature(ctx context.Context, db DB, code string, signature []byte) error {
	return one(db.Exec(ctx, `UPDATE results SET signature = $2 WHERE code = $1`, code, signature))
}

// CountResults counts the rows of results that db sees.
func CountResults(ctx context.Context, db DB) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT count(*) FROM results`).Scan(&n)
	return n, err
}

// one is the error of a write that must change exactly one row.
func one(tag pgconn.CommandTag, err error) error {
	if err != nil {
		return fmt.Errorf("casetest: %w", err)
	}
	if n := tag.RowsAffected(); n != 1 {
		return fmt.Errorf("casetest: %d rows changed, want 1", n)
	}
	return nil
}

// Count counts every case in the table.
func Count(ctx context.Context, db DB) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT count(*) FROM cases`).Scan(&n)
	return n, err
}
