package casefile

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
)

// CitizenFile is what the citizen's own case page shows.
type CitizenFile struct {
	Filing
	Case    cases.Case
	Overdue bool
	Events  []cases.Event
	Files   []attachments.Attachment
	Actions []casework.Action // what the citizen may do now
	Draft   casework.Draft    // where the draft of the result stands, for a procedure that needs one
	Request string            // the officer's open request (a supplement or a payment), if any
	Parts   []cases.Part      // a linked procedure's parts, each with its agency
}

// ForCitizen loads the citizen's own case by code in one transaction; anyone else's is not found.
// A citizen reading their own case is not an access to be logged.
func (s *Service) ForCitizen(ctx context.Context, a casework.Actor, code string) (CitizenFile, error) {
	if a.Kind != casework.KindCitizen || a.CitizenID <= 0 {
		return CitizenFile{}, casework.ErrNotFound
	}
	var f CitizenFile
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		k, err := s.cases.ForCitizenIn(ctx, tx, a.CitizenID, code)
		if err != nil {
			return err
		}
		f.Case = k
		if f.Events, err = s.cases.EventsIn(ctx, tx, k.ID); err != nil {
			return err
		}
		if f.Files, err = attachments.OfCase(ctx, tx, k.CitizenID, k.ID); err != nil {
			return err
		}
		f.Parts, err = s.cases.Parts(ctx, tx, k.ID)
		return err
	})
	if err != nil {
		return CitizenFile{}, fmt.Errorf("casefile: for citizen: %w", err)
	}
	if f.Filing, err = s.filing(ctx, f.Case); err != nil {
		return CitizenFile{}, fmt.Errorf("casefile: for citizen: %w", err)
	}
	now := s.now()
	f.Overdue = f.Case.Overdue(now)
	f.Actions = casework.CanDo(f.Case, a, now)
	f.Draft = casework.DraftOf(f.Case, now)
	for _, e := range f.Events {
		if e.Action == string(casework.RequestSupplement) || e.Action == string(casework.RequestPayment) {
			f.Request = e.Reason
		}
	}
	return f, nil
}
