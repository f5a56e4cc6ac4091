package helpdesk

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
)

// AddNote leaves an agent's note for the officers of the case with that code, and writes the
// access to the case in its applicant's data-access log, in one transaction. The answer does not
// say whether the code exists: a note that is refused is refused before the case is looked for,
// and a note for no case is a nil error that writes nothing, like a note that was left.
func (s *Service) AddNote(ctx context.Context, a Agent, code, body string) error {
	if err := cases.CheckNote(body); err != nil {
		return err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" || len(code) > 60 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		l, err := s.cases.LookupByCodeIn(ctx, tx, code)
		if err != nil {
			return err
		}
		if err := s.cases.AddNoteByCodeIn(ctx, tx, code, "helpdesk", "staff:"+a.Login, a.Name, body); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, audit.Entry{
			SubjectPersonalID: l.ApplicantPID, ActorKind: audit.ActorHelpdesk, ActorID: "staff:" + a.Login, ActorName: a.Name,
			ActorRole: "helpdesk", Purpose: "helpdesk-note", Reference: l.Code, Databases: []string{"portal"},
			Attributes: []string{"case.notes"}, Outcome: audit.OutcomeOK,
		})
	})
	if errors.Is(err, cases.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("helpdesk: add note: %w", err)
	}
	return nil
}
