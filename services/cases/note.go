package cases

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/fault"
)

// Note is an internal note on a case, for the agency's staff only.
type Note struct {
	AuthorKind string
	AuthorName string
	Body       string
	At         time.Time
}

// MaxNote is the longest note, in characters.
const MaxNote = 4000

// CheckNote refuses an empty note or one longer than MaxNote, with the fault every note route
// answers.
func CheckNote(body string) error {
	if body == "" || utf8.RuneCountInString(body) > MaxNote {
		return fault.New(fault.EINVALID, "case.reason.required", "cases.addNote")
	}
	return nil
}

// AddNote appends an internal note.
func (s *Service) AddNote(ctx context.Context, caseID int64, authorKind, authorID, authorName, body string) error {
	return s.addNote(ctx, s.q, caseID, authorKind, authorID, authorName, body)
}

func (s *Service) addNote(ctx context.Context, q *casedb.Queries, caseID int64, authorKind, authorID, authorName, body string) error {
	if err := CheckNote(body); err != nil {
		return err
	}
	err := q.NoteInsert(ctx, casedb.NoteInsertParams{CaseID: caseID, AuthorKind: authorKind, AuthorID: authorID,
		AuthorName: authorName, Body: body, CreatedAt: s.now()})
	if err != nil {
		return fmt.Errorf("cases: add note: %w", err)
	}
	return nil
}

// AddNoteByCodeIn appends a note to the case with that code (the helpdesk, which works across
// agencies) inside the caller's transaction, which writes the access with it; ErrNotFound when
// there is no such case.
func (s *Service) AddNoteByCodeIn(ctx context.Context, db DB, code, authorKind, authorID, authorName, body string) error {
	q := casedb.New(db)
	id, err := q.CaseIDByCode(ctx, code)
	if _, err := one(id, err, func(int64) (Case, error) { return Case{}, nil }, "add note"); err != nil {
		return err
	}
	return s.addNote(ctx, q, id, authorKind, authorID, authorName, body)
}

// Notes returns a case's internal notes, oldest first, read through db (a page's read model
// reads them in its transaction).
func (s *Service) Notes(ctx context.Context, db DB, caseID int64) ([]Note, error) {
	rows, err := casedb.New(db).NotesOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: notes: %w", err)
	}
	out := make([]Note, len(rows))
	for i, r := range rows {
		out[i] = Note{AuthorKind: r.AuthorKind, AuthorName: r.AuthorName, Body: r.Body, At: r.CreatedAt}
	}
	return out, nil
}

// Discrepancy is a citizen's report that a prefilled value was wrong.
type Discrepancy struct {
	Database, RecordRef, Attribute, ShownValue, Comment string
	At                                                  time.Time
}

// Discrepancies returns the reports made on the case's draft, read through db.
func (s *Service) Discrepancies(ctx context.Context, db DB, caseID int64) ([]Discrepancy, error) {
	rows, err := casedb.New(db).DiscrepanciesOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: discrepancies: %w", err)
	}
	out := make([]Discrepancy, len(rows))
	for i, r := range rows {
		out[i] = Discrepancy{Database: r.Database, RecordRef: r.RecordRef, Attribute: r.Attribute, ShownValue: r.ShownValue,
			Comment: r.Comment, At: r.CreatedAt}
	}
	return out, nil
}
