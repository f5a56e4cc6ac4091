package casework

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
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
	FromStatus    int
	ToStatus      int // equal to FromStatus for an apology
	Reason        string
	DueOn         *time.Time // the due date after the step
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
	Now        func() time.Time
}

// Service runs the life cycle. It is safe for concurrent use.
type Service struct {
	pool *pgxpool.Pool
	deps Deps
}

// New returns the life-cycle service.
func New(pool *pgxpool.Pool, d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{pool: pool, deps: d}
}

const caseColumns = `c.id, c.code, c.citizen_id, c.agency_code, c.procedure_code, c.status, coalesce(c.prev_status, 0),
	c.version, coalesce(c.outcome, ''), c.submitted_at, c.received_at, c.paused_at, c.due_on, c.paused_days,
	EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id), coalesce(c.assigned_to, ''), c.assigned_name,
	c.overdue, c.receipt_overdue, coalesce(c.payment_amount, 0), c.paid_at`

func scanCase(row pgx.Row) (Case, error) {
	var c Case
	err := row.Scan(&c.ID, &c.Code, &c.CitizenID, &c.AgencyCode, &c.ProcedureCode, &c.Status, &c.PrevStatus,
		&c.Version, &c.Outcome, &c.SubmittedAt, &c.ReceivedAt, &c.PausedAt, &c.DueOn, &c.PausedDays,
		&c.ApologySent, &c.AssignedTo, &c.AssignedName, &c.Overdue, &c.ReceiptOverdue, &c.PaymentAmount, &c.PaidAt)
	return c, err
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// load reads a case; lock takes its row lock for the rest of the transaction.
func load(ctx context.Context, q querier, id int64, lock bool) (Case, error) {
	sql := `SELECT ` + caseColumns + ` FROM cases c WHERE c.id = $1`
	if lock {
		sql += ` FOR UPDATE OF c`
	}
	c, err := scanCase(q.QueryRow(ctx, sql, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Case{}, ErrNotFound
	}
	if err != nil {
		return Case{}, fmt.Errorf("casework: load case %d: %w", id, err)
	}
	return c, nil
}

// Get returns a case the actor may see: an officer's or supervisor's own agency's, or the
// citizen's own. Any other case is not found, exactly as a missing one.
func (s *Service) Get(ctx context.Context, a Actor, caseID int64) (Case, error) {
	if err := checkActor(a); err != nil {
		return Case{}, err
	}
	c, err := load(ctx, s.pool, caseID, false)
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
	}
	return fault.New(fault.EFORBIDDEN, MsgForbidden, op)
}

// authorize hides every case but the actor's own agency's or own.
func authorize(c Case, a Actor) error {
	switch {
	case a.Kind == KindStaff && a.AgencyCode != "" && a.AgencyCode == c.AgencyCode:
		return nil
	case a.Kind == KindCitizen && a.CitizenID > 0 && a.CitizenID == c.CitizenID:
		return nil
	}
	return ErrNotFound
}
