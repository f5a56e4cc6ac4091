package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
)

// The steps of the parts of a linked case (a procedure of services/catalogue with parts). They
// change no status, but the last part done decides the case; they are not in the rules' table,
// which is the case's own life cycle.
const (
	PartDone     Action = "part_done"     // an agency completes its part, with a reference
	PartReturned Action = "part_returned" // an agency returns its part to the lead agency, with a note
	PartResent   Action = "part_resent"   // the lead agency sends a returned part again, with a note
)

// Part is a part of a linked case (services/cases).
type Part = cases.Part

// Message keys of the faults of the parts' steps (views/i18n).
const (
	MsgPartsWaiting  = "part.error.waiting"   // the lead agency has done its part: the others decide
	MsgPartStatus    = "part.error.status"    // the part is not where the step expects it
	MsgPartReference = "part.error.reference" // a part is done with the reference of what was done
	MsgPartNote      = "part.error.note"      // a return or an answer says why
)

// maxReference is the longest reference of a part done (the column's CHECK).
const maxReference = 100

// leadDecisions are the steps the lead agency no longer takes once its part is done: the case
// is then decided by the other agencies' parts.
var leadDecisions = []Action{Approve, Refuse, RequestPayment}

// LinkedActions keeps, of the actions CanDo offers on a case with parts, those its agency still
// takes: once the lead agency's part is done, its officers no longer approve, refuse or ask for
// payment, since the other agencies' parts decide the case.
func LinkedActions(acts []Action, parts []Part) []Action {
	if len(parts) == 0 || !parts[0].Done() {
		return acts
	}
	return slices.DeleteFunc(slices.Clone(acts), func(act Action) bool { return slices.Contains(leadDecisions, act) })
}

// linkedStep fits a step of the case's own life cycle to its parts, inside the step's
// transaction, before the case is saved. At receipt the lead's part gets its due date. The
// lead's approval does the lead's part and sends the others to their agencies, each with its
// due date; unless that was the last part, the case stays in processing, undecided (no outcome)
// and its citizen is not told of a decision. Once the lead's part is done, the lead agency no
// longer decides (leadDecisions). A case without parts is left as it is.
func (s *Service) linkedStep(ctx context.Context, tx pgx.Tx, c Case, a Actor, action Action, st step, e env) (step, error) {
	const op = "casework.linked"
	parts, err := s.cases.LockParts(ctx, tx, c.ID)
	if err != nil || len(parts) == 0 {
		return st, err
	}
	lead := parts[0]
	switch {
	case lead.Done() && slices.Contains(leadDecisions, action):
		return step{}, fault.New(fault.ECONFLICT, MsgPartsWaiting, op)
	case action == Receive && lead.Status == cases.PartPending:
		due := e.cal.AddWorkingDays(e.now, lead.Days)
		lead.DueOn = &due
		return st, s.cases.SavePart(ctx, tx, cases.PartPending, lead)
	case action != Approve:
		return st, nil
	}
	cal, err := s.deps.Calendars.Calendar(ctx)
	if err != nil {
		return step{}, fmt.Errorf("%s: calendar: %w", op, err)
	}
	now := e.now
	lead.Status, lead.DoneAt, lead.DoneBy, lead.DoneByName = cases.PartDone, &now, a.ID, a.Name
	if err := s.cases.SavePart(ctx, tx, cases.PartPending, lead); err != nil {
		return step{}, err
	}
	parts[0] = lead
	for _, p := range parts[1:] {
		if p.Status != cases.PartWaiting {
			continue
		}
		due := cal.AddWorkingDays(now, p.Days)
		p.Status, p.SentAt, p.DueOn = cases.PartPending, &now, &due
		if err := s.cases.SavePart(ctx, tx, cases.PartWaiting, p); err != nil {
			return step{}, err
		}
	}
	if cases.AllDone(parts) {
		return st, nil
	}
	st.next.Status, st.next.Outcome = c.Status, ""
	st.event.action, st.event.to, st.event.reason = PartDone, c.Status, partDoneText(lead)
	return st, nil
}

// partDoneText is the timeline's line of a part done: its name and, for another agency's part,
// what it recorded.
func partDoneText(p Part) string {
	if p.Reference == "" {
		return p.Name.VI + ": đã xong."
	}
	return fmt.Sprintf("%s: đã xong (%s).", p.Name.VI, p.Reference)
}

// PartInput is what an agency's step on its part brings.
type PartInput struct {
	Reference string // part done: what was done (the residence registration's or the card's number)
	Note      string // part returned or resent: why, or what was fixed
}

// CompletePartTx does the part seq of a case for an officer of the part's agency, inside the
// caller's transaction, with the reference of what was done. When it was the last part, the
// case is decided (approved, 4→9) in the same transaction and its citizen told; the caller
// issues the result (services/outcome). Another agency's part is not found, as is a part still
// waiting for the lead agency; a part not pending, or a case not in processing, is a conflict.
func (s *Service) CompletePartTx(ctx context.Context, tx pgx.Tx, a Actor, caseID int64, seq int, in PartInput) (Case, error) {
	const op = "casework.part_done"
	ref := strings.TrimSpace(in.Reference)
	if ref == "" || utf8.RuneCountInString(ref) > maxReference {
		return Case{}, fault.New(fault.EINVALID, MsgPartReference, op)
	}
	c, parts, p, err := s.lockPart(ctx, tx, a, caseID, seq)
	if err != nil {
		return Case{}, err
	}
	now := s.deps.Now()
	p.Status, p.DoneAt, p.DoneBy, p.DoneByName, p.Reference = cases.PartDone, &now, a.ID, a.Name, ref
	if err := s.cases.SavePart(ctx, tx, cases.PartPending, p); err != nil {
		return Case{}, err
	}
	parts[seq-1] = p
	if err := s.partEvent(ctx, tx, a, c, PartDone, partDoneText(p), now); err != nil {
		return Case{}, err
	}
	if cases.AllDone(parts) {
		if err := s.decideLinked(ctx, tx, c, now); err != nil {
			return Case{}, err
		}
	}
	return s.cases.Get(ctx, tx, c.ID)
}

// ReturnPart sends the part seq back to the lead agency, for an officer of the part's agency,
// with what must be fixed. The case stays in processing; the lead agency sends it again.
func (s *Service) ReturnPart(ctx context.Context, a Actor, caseID int64, seq int, in PartInput) (Case, error) {
	const op = "casework.part_returned"
	note, err := partNote(in.Note, op)
	if err != nil {
		return Case{}, err
	}
	var out Case
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, _, p, err := s.lockPart(ctx, tx, a, caseID, seq)
		if err != nil {
			return err
		}
		p.Status, p.Note = cases.PartReturned, note
		if err := s.cases.SavePart(ctx, tx, cases.PartPending, p); err != nil {
			return err
		}
		if err := s.partEvent(ctx, tx, a, c, PartReturned, p.Name.VI+": "+note, s.deps.Now()); err != nil {
			return err
		}
		out, err = s.cases.Get(ctx, tx, c.ID)
		return err
	})
	return out, err
}

// ResendPart sends a returned part again to its agency, for an officer of the case's own (lead)
// agency, with what was fixed. The part keeps its due date.
func (s *Service) ResendPart(ctx context.Context, a Actor, caseID int64, seq int, in PartInput) (Case, error) {
	const op = "casework.part_resent"
	note, err := partNote(in.Note, op)
	if err != nil {
		return Case{}, err
	}
	if err := checkActor(a); err != nil || a.Kind != KindStaff {
		return Case{}, fault.New(fault.EFORBIDDEN, MsgForbidden, op)
	}
	var out Case
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		c, err := s.cases.Lock(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if err := authorize(c, a); err != nil {
			return err
		}
		parts, err := s.cases.LockParts(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if seq < 2 || seq > len(parts) {
			return ErrNotFound
		}
		p := parts[seq-1]
		if p.Status != cases.PartReturned || c.Status != status.Processing {
			return fault.New(fault.ECONFLICT, MsgPartStatus, op)
		}
		p.Status, p.Note = cases.PartPending, note
		if err := s.cases.SavePart(ctx, tx, cases.PartReturned, p); err != nil {
			return err
		}
		if err := s.partEvent(ctx, tx, a, c, PartResent, p.Name.VI+": "+note, s.deps.Now()); err != nil {
			return err
		}
		out, err = s.cases.Get(ctx, tx, c.ID)
		return err
	})
	return out, err
}

// lockPart locks the case and its parts and returns the part seq for an officer of the part's
// agency: the part must be another agency's than the lead's, have reached that agency, be
// pending there, and the case be in processing.
func (s *Service) lockPart(ctx context.Context, tx pgx.Tx, a Actor, caseID int64, seq int) (Case, []Part, Part, error) {
	const op = "casework.part"
	if err := checkActor(a); err != nil || a.Kind != KindStaff {
		return Case{}, nil, Part{}, fault.New(fault.EFORBIDDEN, MsgForbidden, op)
	}
	c, err := s.cases.Lock(ctx, tx, caseID)
	if err != nil {
		return Case{}, nil, Part{}, err
	}
	parts, err := s.cases.LockParts(ctx, tx, c.ID)
	if err != nil {
		return Case{}, nil, Part{}, err
	}
	if seq < 2 || seq > len(parts) {
		return Case{}, nil, Part{}, ErrNotFound
	}
	p := parts[seq-1]
	if p.AgencyCode != a.AgencyCode || p.Status == cases.PartWaiting {
		return Case{}, nil, Part{}, ErrNotFound // another agency's part is not shown, nor one not yet sent
	}
	if p.Status != cases.PartPending || c.Status != status.Processing {
		return Case{}, nil, Part{}, fault.New(fault.ECONFLICT, MsgPartStatus, op)
	}
	return c, parts, p, nil
}

// partEvent appends a part's step to the case's timeline: no change of status.
func (s *Service) partEvent(ctx context.Context, tx pgx.Tx, a Actor, c Case, action Action, text string, now time.Time) error {
	_, _, err := s.cases.AppendEvent(ctx, tx, cases.NewEvent{CaseID: c.ID, At: now, ActorKind: a.Kind, ActorID: a.eventID(),
		ActorName: a.Name, Role: a.role(), Action: string(action), FromStatus: c.Status, ToStatus: c.Status, Reason: text})
	if err != nil {
		return fmt.Errorf("casework.%s: %w", action, err)
	}
	return nil
}

// Who the timeline names for the decision that follows from the parts.
const (
	linkedActorID   = "system:linked"
	linkedActorName = "Hệ thống liên thông"
)

// decideLinked approves a linked case whose every part is done (4→9), as the life cycle's
// approval would, and tells its citizen: the decision follows from the parts, so the timeline
// names the portal's linking, not an officer.
func (s *Service) decideLinked(ctx context.Context, tx pgx.Tx, c Case, now time.Time) error {
	const op = "casework.linked"
	st, err := apply(c, Approve, Input{}, env{now: now})
	if err != nil {
		return err
	}
	if err := s.cases.Save(ctx, tx, c.Version, st.next); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	reason := "Mọi phần việc liên thông đã xong."
	eventID, at, err := s.cases.AppendEvent(ctx, tx, cases.NewEvent{CaseID: c.ID, At: now, ActorKind: KindSystem,
		ActorID: linkedActorID, ActorName: linkedActorName, Role: KindSystem, Action: string(Approve),
		FromStatus: c.Status, ToStatus: st.next.Status, Reason: reason})
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if s.deps.Notifier == nil {
		return nil
	}
	err = s.deps.Notifier.CaseChanged(ctx, tx, Change{CaseID: c.ID, CaseCode: c.Code, CitizenID: c.CitizenID,
		AgencyCode: c.AgencyCode, ProcedureCode: c.ProcedureCode, Action: Approve, FromStatus: c.Status,
		ToStatus: st.next.Status, Reason: reason, DueOn: st.next.DueOn, EventID: eventID, At: at})
	if err != nil {
		return fmt.Errorf("%s: case %s: notify: %w", op, c.Code, err)
	}
	return nil
}

// partNote checks the note of a return or an answer.
func partNote(note, op string) (string, error) {
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return "", fault.New(fault.EINVALID, MsgPartNote, op)
	case utf8.RuneCountInString(note) > MaxReason:
		return "", fault.New(fault.EINVALID, MsgReasonTooLong, op)
	}
	return note, nil
}
