package casework

import (
	"context"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
)

// Calendars gives the working-day calendar (services/calendar.Service).
type Calendars interface {
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// ProcessingDays gives a procedure's legal processing time in working days (the catalogue).
type ProcessingDays interface {
	ProcessingDays(ctx context.Context, procedureCode string) (int, error)
}

// Officers tells whether a staff member may be assigned the agency's cases.
type Officers interface {
	// Officer reports whether id is an active officer or supervisor of the agency, and their name.
	Officer(ctx context.Context, agencyCode, id string) (name string, ok bool, err error)
}

// Change is a step of a case that its owner should hear about, passed to the Notifier inside
// the transaction that records it.
type Change struct {
	CaseID        int64
	CaseCode      string
	CitizenID     int64
	AgencyCode    string
	ProcedureCode string
	Action        Action
	FromStatus    status.Status
	ToStatus      status.Status // equal to FromStatus for an apology and a draft sent
	Reason        string
	DueOn         *time.Time // the due date after the step
	DraftDueAt    *time.Time // for a draft sent (SendDraft): when the applicant's day to answer ends
	Amount        int64      // of a payment request
	EventID       int64      // the case_events row, for idempotent delivery
	At            time.Time
}

// Notifier tells citizens about their cases. CaseChanged runs inside the transaction of the
// change, so an outbox row it writes commits or rolls back with the change; its error undoes
// the change.
type Notifier interface {
	CaseChanged(ctx context.Context, tx pgx.Tx, ch Change) error
}

// Deps are what the service needs besides the pool.
type Deps struct {
	Calendars  Calendars      // required
	Procedures ProcessingDays // required
	Officers   Officers       // needed for a supervisor to assign someone else
	Notifier   Notifier       // nil: nobody is told
	Files      CaseFiles      // stores a step's document; nil refuses steps that bring one
	Now        func() time.Time
}

// CaseFiles stores a document a citizen sends with a step, inside the step's transaction
// (services/attachments). A refused file is a fault.EINVALID returned before anything is written.
type CaseFiles interface {
	UploadToCaseTx(ctx context.Context, tx pgx.Tx, citizenID, caseID int64, field, name string, r io.Reader) (attachments.Attachment, error)
}

// Service runs the life cycle. It is safe for concurrent use.
type Service struct {
	pool  *pgxpool.Pool
	cases *cases.Service
	deps  Deps
}

// New returns the life-cycle service.
func New(pool *pgxpool.Pool, d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{pool: pool, cases: cases.New(pool, d.Now, nil), deps: d}
}

// Get returns a case the actor may see: an officer's or supervisor's own agency's, or the
// citizen's own. Any other case is not found, exactly as a missing one.
func (s *Service) Get(ctx context.Context, a Actor, caseID int64) (Case, error) {
	if err := checkActor(a); err != nil {
		return Case{}, err
	}
	c, err := s.cases.Get(ctx, s.pool, caseID)
	if err != nil {
		return Case{}, err
	}
	if err := authorize(c, a); err != nil {
		return Case{}, err
	}
	return c, nil
}

// checkActor refuses, before any case is read, the actors that act on no case.
func checkActor(a Actor) error {
	const op = "casework.actor"
	switch a.Kind {
	case KindStaff:
		if (a.Role == RoleOfficer || a.Role == RoleSupervisor) && a.ID != "" && a.AgencyCode != "" {
			return nil
		}
	case KindCitizen:
		if a.CitizenID > 0 {
			return nil
		}
	case KindSystem:
		if a.ID != "" && a.Name != "" {
			return nil
		}
	}
	return fault.New(fault.EFORBIDDEN, MsgForbidden, op)
}

// authorize hides every case but the actor's own agency's or own; the portal itself sees every
// case (and takes only its own steps: check).
func authorize(c Case, a Actor) error {
	switch {
	case a.Kind == KindSystem:
		return nil
	case a.Kind == KindStaff && a.AgencyCode != "" && a.AgencyCode == c.AgencyCode:
		return nil
	case a.Kind == KindCitizen && a.CitizenID > 0 && a.CitizenID == c.CitizenID:
		return nil
	}
	return ErrNotFound
}
