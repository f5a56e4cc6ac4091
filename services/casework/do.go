package casework

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
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
	c, err := s.cases.Lock(ctx, tx, caseID)
	if err != nil {
		return Case{}, err
	}
	if err := authorize(c, a); err != nil {
		return Case{}, err
	}
	if c.Version != version {
		return Case{}, ErrConflict
	}
	now := s.deps.Now()
	if err := check(c, a, action, now); err != nil {
		return Case{}, err
	}
	if err := validate(action, in); err != nil {
		return Case{}, err
	}
	if in.File != nil && action != AnswerSupplement { // only a supplement's answer carries a document
		return Case{}, fault.New(fault.EINVALID, MsgUnknownAction, op)
	}
	e, err := s.env(ctx, c, a, action, in, now)
	if err != nil {
		return Case{}, err
	}
	st, err := apply(c, action, in, e)
	if err != nil {
		return Case{}, err
	}
	if st, err = s.linkedStep(ctx, tx, c, a, action, st, e); err != nil { // parts.go
		return Case{}, err
	}
	if err := s.cases.Save(ctx, tx, c.Version, st.next); err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	ev := st.event
	eventID, at, err := s.cases.AppendEvent(ctx, tx, cases.NewEvent{CaseID: c.ID, At: e.now, ActorKind: a.Kind,
		ActorID: a.eventID(), ActorName: a.Name, Role: a.role(), Action: string(ev.action), FromStatus: ev.from,
		ToStatus: ev.to, Note: ev.note, Reason: ev.reason, Amount: ev.amount, DueOn: ev.dueOn})
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	if action == Apology {
		err := s.cases.AddApology(ctx, tx, cases.Apology{CaseID: c.ID, EventID: eventID, Letter: ev.reason,
			OldDueOn: *c.DueOn, NewDueOn: *st.next.DueOn, StaffID: a.ID, StaffName: a.Name, SentAt: at})
		if err != nil {
			return Case{}, fmt.Errorf("%s: %w", op, err)
		}
	}
	if in.File != nil {
		if s.deps.Files == nil {
			return Case{}, fmt.Errorf("%s: no file store to keep the document", op)
		}
		// Once the step is allowed, and with it or not at all: a refused file (its type, size, or
		// a case that holds the most files already) undoes the answer, and a failed answer the file.
		if _, err := s.deps.Files.UploadToCaseTx(ctx, tx, c.CitizenID, c.ID, SupplementField, in.File.Name, in.File.Content); err != nil {
			return Case{}, err
		}
	}
	if s.deps.Notifier != nil && concernsCitizen(a, st.event) {
		ch := Change{
			CaseID: c.ID, CaseCode: c.Code, CitizenID: c.CitizenID, AgencyCode: c.AgencyCode, ProcedureCode: c.ProcedureCode,
			Action: action, FromStatus: st.event.from, ToStatus: st.event.to, Reason: st.event.reason,
			DueOn: st.next.DueOn, Amount: deref(st.event.amount), EventID: eventID, At: at,
		}
		if action == SendDraft {
			ch.DraftDueAt = st.next.DraftDueAt
		}
		if err := s.deps.Notifier.CaseChanged(ctx, tx, ch); err != nil {
			return Case{}, fmt.Errorf("%s: case %s: notify: %w", op, c.Code, err)
		}
	}
	return s.cases.Get(ctx, tx, c.ID)
}

// env gathers what the action needs from outside the case at now.
func (s *Service) env(ctx context.Context, c Case, a Actor, action Action, in Input, now time.Time) (env, error) {
	const op = "casework.env"
	e := env{now: now}
	switch action {
	case Receive, AnswerSupplement, Apology, SendDraft:
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
// an apology's new due date, and a draft to confirm. The citizen's own steps and assignments are
// not news to them.
func concernsCitizen(a Actor, ev event) bool {
	if a.Kind == KindCitizen {
		return false
	}
	return ev.from != ev.to || ev.action == Apology || ev.action == SendDraft
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
