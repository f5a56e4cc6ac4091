package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
)

// Actor kinds of the timeline.
const (
	KindStaff   = "staff"
	KindCitizen = "citizen"
	KindSystem  = "system"
)

// Event is one step of a case's timeline, with its link in the case's hash chain.
type Event struct {
	ID         int64
	Seq        int // 1 for the submission, then 2, 3, … per case
	At         time.Time
	ActorKind  string
	ActorID    string
	ActorName  string
	Role       string
	Action     string        // "submit" for the first event, else a casework action
	FromStatus status.Status // 0 for the submission
	ToStatus   status.Status
	Note       string // for an assignment, the assignee's name
	Reason     string
	Amount     *int64
	DueOn      *time.Time
	PrevHash   []byte
	Hash       []byte
}

// Events returns a case's timeline, oldest first.
func (s *Service) Events(ctx context.Context, caseID int64) ([]Event, error) {
	return s.EventsIn(ctx, s.pool, caseID)
}

// EventsIn is Events inside the caller's transaction.
func (s *Service) EventsIn(ctx context.Context, db DB, caseID int64) ([]Event, error) {
	rows, err := casedb.New(db).EventsOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: events of case %d: %w", caseID, err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event{ID: r.ID, Seq: r.Seq, At: r.At, ActorKind: r.ActorKind, ActorID: r.ActorID,
			ActorName: r.ActorName, Role: r.Role, Action: r.Action, ToStatus: r.ToStatus, Note: r.Note,
			Reason: r.Reason, Amount: r.Amount, DueOn: r.DueOn, PrevHash: r.PrevHash, Hash: r.Hash}
		if r.FromStatus != nil {
			out[i].FromStatus = *r.FromStatus
		}
	}
	return out, nil
}

// NewEvent is a step to append to a case's timeline.
type NewEvent struct {
	CaseID     int64
	At         time.Time
	ActorKind  string
	ActorID    string
	ActorName  string
	Role       string
	Action     string
	FromStatus status.Status // 0 for the submission
	ToStatus   status.Status
	Note       string
	Reason     string
	Amount     *int64
	DueOn      *time.Time
}

// AppendEvent appends a step inside tx; the database links it into the case's chain.
func (s *Service) AppendEvent(ctx context.Context, tx pgx.Tx, e NewEvent) (id int64, at time.Time, err error) {
	var from *status.Status
	if e.FromStatus != 0 {
		from = &e.FromStatus
	}
	r, err := casedb.New(tx).EventInsert(ctx, casedb.EventInsertParams{
		CaseID: e.CaseID, At: e.At, ActorKind: e.ActorKind, ActorID: e.ActorID, ActorName: e.ActorName, Role: e.Role,
		Action: e.Action, FromStatus: from, ToStatus: e.ToStatus, Note: e.Note, Reason: e.Reason, Amount: e.Amount, DueOn: e.DueOn,
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("cases: event of case %d: %w", e.CaseID, err)
	}
	return r.ID, r.At, nil
}

// Apology is the one letter of apology of a late case and the new due date it promises.
type Apology struct {
	CaseID    int64
	EventID   int64
	Letter    string
	OldDueOn  time.Time
	NewDueOn  time.Time
	StaffID   string
	StaffName string
	SentAt    time.Time
}

// AddApology records an apology inside the step's transaction.
func (s *Service) AddApology(ctx context.Context, tx pgx.Tx, a Apology) error {
	err := casedb.New(tx).ApologyInsert(ctx, casedb.ApologyInsertParams{CaseID: a.CaseID, EventID: a.EventID,
		Letter: a.Letter, OldDueOn: a.OldDueOn, NewDueOn: a.NewDueOn, StaffID: a.StaffID, StaffName: a.StaffName, SentAt: a.SentAt})
	if err != nil {
		return fmt.Errorf("cases: apology of case %d: %w", a.CaseID, err)
	}
	return nil
}
