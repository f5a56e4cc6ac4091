package casework

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/fault"
)

// Do takes an action on a case for an actor who saw the case at version. Everything — the
// case's new state, its timeline event, an apology letter, the citizen's notification — commits
// in one transaction. It fails with ErrNotFound for a case the actor may not see, ErrConflict
// when the case changed since version (another officer acted first), a fault.EFORBIDDEN for a
// role that may not take the action, a fault.ECONFLICT (MsgBadStatus) for an action the case's
// status does not allow, and a fault.EINVALID for missing input.
func (s *Service) Do(ctx context.Context, a Actor, caseID int64, version int, action Action, in Input) (Case, error) {
	var out Case
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, err := s.DoTx(ctx, tx, a, caseID, version, action, in)
		out = c
		return err
	})
	if err != nil {
		return Case{}, err
	}
	return out, nil
}

// DoTx is Do inside the caller's transaction, for a step that must commit with other writes:
// an approval with the issued result, a delivery with the result's first download. It locks
// the case's row until the caller's transaction ends. The calendar, the catalogue and the staff
// directory are read through their own services (their own connections), not through tx.
func (s *Service) DoTx(ctx context.Context, tx pgx.Tx, a Actor, caseID int64, version int, action Action, in Input) (Case, error) {
	op := fmt.Sprintf("casework.%s", action)
	if _, ok := rules[action]; !ok {
		return Case{}, fault.New(fault.EINVALID, MsgUnknownAction, op)
	}
	if err := checkActor(a); err != nil {
		return Case{}, err
	}
	c, err := load(ctx, tx, caseID, true)
	if err != nil {
		return Case{}, err
	}
	if err := authorize(c, a); err != nil {
		return Case{}, err
	}
	if c.Version != version {
		return Case{}, ErrConflict
	}
	if err := check(c, a, action); err != nil {
		return Case{}, err
	}
	if err := validate(action, in); err != nil {
		return Case{}, err
	}
	e, err := s.env(ctx, c, a, action, in)
	if err != nil {
		return Case{}, err
	}
	st, err := apply(c, action, in, e)
	if err != nil {
		return Case{}, err
	}
	if err := update(ctx, tx, c.Version, st.next); err != nil {
		return Case{}, fmt.Errorf("%s: case %s: %w", op, c.Code, err)
	}
	eventID, at, err := insertEvent(ctx, tx, c.ID, a, st.event, e)
	if err != nil {
		return Case{}, fmt.Errorf("%s: case %s: %w", op, c.Code, err)
	}
	if action == Apology {
		_, err := tx.Exec(ctx, `
			INSERT INTO case_apologies (case_id, event_id, letter, old_due_on, new_due_on, staff_id, staff_name, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			c.ID, eventID, st.event.reason, *c.DueOn, *st.next.DueOn, a.ID, a.Name, at)
		if err != nil {
			return Case{}, fmt.Errorf("%s: case %s: apology: %w", op, c.Code, err)
		}
	}
	if s.deps.Notifier != nil && concernsCitizen(a, st.event) {
		ch := Change{
			CaseID: c.ID, CaseCode: c.Code, CitizenID: c.CitizenID, AgencyCode: c.AgencyCode, ProcedureCode: c.ProcedureCode,
			Action: action, FromStatus: st.event.from, ToStatus: st.event.to, Reason: st.event.reason,
			DueOn: st.next.DueOn, Amount: deref(st.event.amount), EventID: eventID, At: at,
		}
		if err := s.deps.Notifier.CaseChanged(ctx, tx, ch); err != nil {
			return Case{}, fmt.Errorf("%s: case %s: notify: %w", op, c.Code, err)
		}
	}
	return load(ctx, tx, c.ID, false)
}

// env gathers what the action needs from outside the case.
func (s *Service) env(ctx context.Context, c Case, a Actor, action Action, in Input) (env, error) {
	const op = "casework.env"
	e := env{now: s.deps.Now()}
	switch action {
	case Receive, AnswerSupplement, Apology:
		cal, err := s.deps.Calendars.Calendar(ctx)
		if err != nil {
			return env{}, fmt.Errorf("%s: calendar: %w", op, err)
		}
		e.cal = cal
	}
	switch action {
	case Receive:
		days, err := s.deps.Procedures.ProcessingDays(ctx, c.ProcedureCode)
		if err != nil {
			return env{}, fmt.Errorf("%s: processing days of %s: %w", op, c.ProcedureCode, err)
		}
		if days < 0 {
			return env{}, fmt.Errorf("%s: processing days of %s: %d", op, c.ProcedureCode, days)
		}
		e.days = days
	case Assign:
		switch {
		case in.AssignTo == "" && a.Role == RoleSupervisor:
			return env{}, fault.New(fault.EINVALID, MsgAssignee, op)
		case in.AssignTo == "" || in.AssignTo == a.ID: // a claim
			e.assignee, e.assigneeName = a.ID, a.Name
		case a.Role != RoleSupervisor:
			return env{}, fault.New(fault.EFORBIDDEN, MsgForbidden, op) // an officer only claims
		case s.deps.Officers == nil:
			return env{}, fault.New(fault.EINVALID, MsgAssignee, op)
		default:
			name, ok, err := s.deps.Officers.Officer(ctx, c.AgencyCode, in.AssignTo)
			if err != nil {
				return env{}, fmt.Errorf("%s: officer %s: %w", op, in.AssignTo, err)
			}
			if !ok {
				return env{}, fault.New(fault.EINVALID, MsgAssignee, op)
			}
			e.assignee, e.assigneeName = in.AssignTo, name
		}
	}
	return e, nil
}

// concernsCitizen says whether the case's owner is told of a step: what staff do to the status,
// and an apology's new due date. The citizen's own steps and assignments are not news to them.
func concernsCitizen(a Actor, ev event) bool {
	if a.Kind == KindCitizen {
		return false
	}
	return ev.from != ev.to || ev.action == Apology
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// update writes the case's new state, if it is still at the version read.
func update(ctx context.Context, tx pgx.Tx, version int, n Case) error {
	var prev *int
	if n.PrevStatus != 0 {
		prev = &n.PrevStatus
	}
	var outcome, assigned *string
	if n.Outcome != "" {
		outcome = &n.Outcome
	}
	if n.AssignedTo != "" {
		assigned = &n.AssignedTo
	}
	var amount *int64
	if n.PaymentAmount > 0 {
		amount = &n.PaymentAmount
	}
	tag, err := tx.Exec(ctx, `
		UPDATE cases SET status = $3, prev_status = $4, outcome = $5, received_at = $6, due_on = $7, paused_at = $8,
			paused_days = $9, assigned_to = $10, assigned_name = $11, overdue = $12, payment_amount = $13, paid_at = $14,
			version = version + 1
		WHERE id = $1 AND version = $2`,
		n.ID, version, n.Status, prev, outcome, n.ReceivedAt, n.DueOn, n.PausedAt,
		n.PausedDays, assigned, n.AssignedName, n.Overdue, amount, n.PaidAt)
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	if tag.RowsAffected() != 1 {
		return ErrConflict
	}
	return nil
}

// insertEvent appends the step to the case's timeline; the database links it into the chain.
func insertEvent(ctx context.Context, tx pgx.Tx, caseID int64, a Actor, ev event, e env) (int64, time.Time, error) {
	var id int64
	var at time.Time
	err := tx.QueryRow(ctx, `
		INSERT INTO case_events (case_id, at, actor_kind, actor_id, actor_name, role, action, from_status, to_status,
			note, reason, amount, due_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		RETURNING id, at`,
		caseID, e.now, a.Kind, a.eventID(), a.Name, a.role(), string(ev.action), ev.from, ev.to,
		ev.note, ev.reason, ev.amount, ev.dueOn).Scan(&id, &at)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("event: %w", err)
	}
	return id, at, nil
}
