package cases

import (
	"context"
	"errors"
	"fmt"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/pipeline"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/routing"
)

// Procedures is the catalogue (services/catalogue). In gives its reads in a transaction: a
// submission routes its case in the transaction that writes it.
type Procedures interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Route(ctx context.Context, p catalogue.Procedure, provinceCode, communeCode string) (catalogue.Agency, error)
	In(tx pgx.Tx) catalogue.InTx
}

// routeIn is the catalogue with its routes read in a submission's transaction.
type routeIn struct {
	Procedures
	tx catalogue.InTx
}

func (r routeIn) Route(ctx context.Context, p catalogue.Procedure, provinceCode, communeCode string) (catalogue.Agency, error) {
	return r.tx.Route(ctx, p, provinceCode, communeCode)
}

// Calendars gives the working-day calendar (services/calendar).
type Calendars interface {
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// Notifier tells the citizen, inside the submission's transaction (services/notify): prepared
// before the agency's case-code counter is taken (the outbox rows' ids reserved, their jobs
// queued), then queued with the case's writes once the case has its code.
type Notifier interface {
	PrepareCaseChange(ctx context.Context, tx pgx.Tx, c notify.Change) (notify.Pending, error)
}

// ReceiptHours is how long, in working hours, an agency has to receive an online case
// (casework.ReceiptHours is this constant).
const ReceiptHours = 8

// Charges are what a case owes with its application (services/payment: the fee schedule's
// charges due online). DueWithApplicationTx reads the schedule in the submission's transaction,
// once the draft is locked: never on another connection of the pool, for a read on the pool
// while the transaction holds its connection and the draft's lock would starve the pool when
// many submissions of one draft arrive at once (each waiting on the lock with a connection
// held). RecordTx writes what it gave inside the transaction, after the case's row; its error
// undoes the submission.
type Charges interface {
	DueWithApplicationTx(ctx context.Context, tx pgx.Tx, procedureCode, provinceCode string, on time.Time) ([]catalogue.Fee, error)
	RecordTx(ctx context.Context, tx pgx.Tx, caseID int64, due []catalogue.Fee) error
}

// Submitter turns drafts into cases.
type Submitter struct {
	cases      *Service
	procedures Procedures
	calendars  Calendars
	notifier   Notifier
	charges    Charges
	codes      *codes
}

// NewSubmitter returns the submission service; notifier may be nil.
func NewSubmitter(cases *Service, p Procedures, c Calendars, n Notifier) *Submitter {
	return &Submitter{cases: cases, procedures: p, calendars: c, notifier: n, codes: newCodes(nil)}
}

// WithTimeline makes case codes follow the server timeline r reads (tests simulate a failover);
// the default reads the server's.
func (s *Submitter) WithTimeline(r TimelineReader) *Submitter {
	s.codes = newCodes(r)
	return s
}

// WithCharges makes each submission record, in its transaction, the charges due with the
// application; nil records none.
func (s *Submitter) WithCharges(c Charges) *Submitter {
	s.charges = c
	return s
}

// ErrIncomplete is returned with the problem that stops a submission.
type ErrIncomplete struct{ Problem drafts.Problem }

func (e ErrIncomplete) Error() string {
	return fmt.Sprintf("cases: draft incomplete at step %d", e.Problem.Step)
}

// Message keys of submission faults.
const (
	MsgDeclaration = "submit.error.declaration"
	MsgTampered    = "submit.error.tampered"
)

// SubmitDraft creates the case of a draft the caller has just read for the citizen
// (drafts.Service.Get), once: a double click, a retry or a second tab get the same case back.
// Everything — the case, its snapshot with provenance, its first event, the charges due with it
// (WithCharges), the link of its files, the draft's submitted mark — commits in one
// transaction, in which the draft is locked and checked again, so a draft submitted meanwhile,
// or someone else's, still gives the one case or ErrNotFound. The transaction begins by locking
// the draft and marking it submitted in one statement (drafts.ClaimForSubmission), and also does
// the submission's reads (the route, the fee schedule, the citizen's contact), so a submission
// is the caller's draft read and this one transaction. The claim, the reads and the notice's
// preparation (its outbox ids and jobs) come before the agency's case-code counter is taken,
// which the transaction then holds locked for as few round trips as it can (every submission to
// the agency that day waits on it): the counter's upsert, which also reserves the case's and its
// first event's ids; one pipeline of the case, its event, its notice and its files' link; the
// commit. Only a case with parties, parts or charges adds their statements.
func (s *Submitter) SubmitDraft(ctx context.Context, a drafts.Applicant, d drafts.Draft, declared bool, rules forms.Rules) (Case, error) {
	const op = "cases.submit"
	draftID := d.ID
	if d.SubmittedAt != nil {
		return s.byDraft(ctx, a.CitizenID, draftID)
	}
	if !declared {
		return Case{}, fault.New(fault.EINVALID, MsgDeclaration, op)
	}
	problem := d.Check(rules)
	if len(problem.Tampered) > 0 {
		return Case{}, fault.New(fault.EINVALID, MsgTampered, op)
	}
	if !problem.OK() {
		return Case{}, ErrIncomplete{Problem: problem}
	}
	proc, err := s.procedures.Get(ctx, d.ProcedureCode)
	if err != nil {
		return Case{}, err
	}
	if err := proc.Open(); err != nil { // withdrawn since the draft began
		return Case{}, err
	}
	cal, err := s.calendars.Calendar(ctx)
	if err != nil {
		return Case{}, err
	}
	now := s.cases.now()
	// The case's JSON is written by encoding/json's rules (jsonv1's options) on the faster v2
	// engine, as cases and drafts are read (fromRow).
	data, err := jsonv2.Marshal(d.Answers, jsonv1.DefaultOptionsV1())
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	prov := provenance(d)
	provJSON, err := jsonv2.Marshal(prov, jsonv1.DefaultOptionsV1())
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	parties := PartiesOf(d, a)
	partiesJSON, err := jsonv2.Marshal(parties, jsonv1.DefaultOptionsV1())
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}

	tx, err := s.cases.pool.Begin(ctx)
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	claimed, err := drafts.ClaimForSubmission(ctx, tx, a.CitizenID, draftID, now)
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	if !claimed { // another request won the race while we checked: its case; deleted meanwhile, or someone else's: ErrNotFound
		_ = tx.Rollback(ctx)
		return s.byDraft(ctx, a.CitizenID, draftID)
	}
	procs := routeIn{Procedures: s.procedures, tx: s.procedures.In(tx)}
	route, err := routing.Decide(ctx, procs, proc, d.Schema, d.Answers, d.Prefill.Parcels)
	if err != nil {
		return Case{}, err
	}
	agency := route.Agency
	parts, err := partsOf(ctx, procs, proc, agency)
	if err != nil {
		return Case{}, err
	}
	// The due date runs from receipt; the agency must receive an online case within 8 working
	// hours of its province's office hours, so the receipt promises the due date counted from
	// then. A case submitted after the cut-off (15:00) or on a day off counts from the opening
	// of the next working day ("được tính từ ngày làm việc tiếp theo"), so both windows start
	// there. "1 ngày; nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo" reads:
	// the day the case counts from is the next working day, and its N working days follow that
	// day, which does not count (Civil Code 2015, art. 147); so a one-day case submitted at 15:30
	// on a Friday counts from Monday and is promised for Tuesday. (Within 8 working hours, a case
	// submitted after 15:00 is received the next working day at the latest either way: the rule
	// moves when the clock starts, which the receipt says, not the promised date.)
	hours := cal.Hours(agency.ProvinceCode)
	countsFrom, _ := cal.CountsFrom(now, hours)
	receiptBy := cal.AddWorkingHours(countsFrom, ReceiptHours, hours)
	expectedDue := cal.AddWorkingDays(receiptBy, proc.ProcessingDays)

	var due []catalogue.Fee
	if s.charges != nil {
		if due, err = s.charges.DueWithApplicationTx(ctx, tx, proc.Code, agency.ProvinceCode, now); err != nil {
			return Case{}, fmt.Errorf("%s: charges: %w", op, err)
		}
	}
	var notice notify.Pending
	if s.notifier != nil {
		due := civilDate(expectedDue) // the notifier reads the citizen's contact in tx itself
		notice, err = s.notifier.PrepareCaseChange(ctx, tx, notify.Change{CitizenID: a.CitizenID, ProcedureCode: proc.Code,
			ProcedureNameVI: proc.NameVI, ProcedureNameEN: proc.NameEN, ToStatus: int(status.New), DueOn: &due})
		if err != nil {
			return Case{}, fmt.Errorf("%s: notify: %w", op, err)
		}
	}
	// The agency's counter row: locked from here until the commit. The statement also reserves
	// the case's id and its first event's, so the writes that need them follow in one round trip.
	next, err := s.codes.next(ctx, tx, agency.Code, now)
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	code := next.code
	p := pipeline.New(tx)
	q := casedb.New(p)
	var row casedb.Case
	inserted := q.CaseInsert(ctx, []casedb.CaseInsertParams{{ID: next.caseID, Code: code, DraftID: draftID, CitizenID: a.CitizenID,
		ApplicantPid: a.PersonalID, ApplicantName: a.Name, ProcedureCode: d.ProcedureCode, ProcedureVersion: d.Version,
		AgencyCode: agency.Code, Status: status.New, SubmittedAt: now, ExpectedDueOn: civilDate(expectedDue), Data: data, Provenance: provJSON,
		Parties: partiesJSON, RoutingReasonVi: route.Reason.VI, RoutingReasonEn: route.Reason.EN}})
	q.EventInsertReserved(ctx, []casedb.EventInsertReservedParams{{ID: next.eventID, CaseID: next.caseID, At: now,
		ActorKind: KindCitizen, ActorID: fmt.Sprintf("citizen:%d", a.CitizenID), ActorName: a.Name, Action: "submit", ToStatus: status.New}})
	if notice != nil {
		if err := notice.Queue(ctx, p, next.caseID, code, next.eventID); err != nil {
			return Case{}, fmt.Errorf("%s: notify: %w", op, err)
		}
	}
	attachments.QueueLinkToCase(ctx, p, draftID, next.caseID)
	p.Send(ctx)
	inserted.QueryRow(func(_ int, r casedb.Case, e error) { row, err = r, e })
	if e := p.Close(); err == nil {
		err = e
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "cases_draft_id_key" {
		_ = tx.Rollback(ctx)
		return s.byDraft(ctx, a.CitizenID, draftID)
	}
	if err != nil {
		return Case{}, fmt.Errorf("%s: insert: %w", op, err)
	}
	// The row's JSON columns are what was just marshalled: the case keeps the values themselves.
	created := scalarsOf(row, false)
	created.Data, created.Provenance, created.Parties = d.Answers, prov, parties
	// What only some cases have, after the case's row (their foreign key): the people the case is
	// about, its parts, its charges.
	if subjects := Subjects(parties); len(subjects) > 0 {
		ids, pids := make([]string, len(subjects)), make([]string, len(subjects))
		for i, p := range subjects {
			ids[i], pids[i] = p.ID, p.PersonalID
		}
		if err := casedb.New(tx).CasePartiesInsert(ctx, created.ID, ids, pids); err != nil {
			return Case{}, fmt.Errorf("%s: parties: %w", op, err)
		}
	}
	if err := insertParts(ctx, casedb.New(tx), created.ID, now, parts); err != nil {
		return Case{}, fmt.Errorf("%s: %w", op, err)
	}
	if len(due) > 0 {
		if err := s.charges.RecordTx(ctx, tx, created.ID, due); err != nil {
			return Case{}, fmt.Errorf("%s: charges: %w", op, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return Case{}, fmt.Errorf("%s: commit: %w", op, err)
	}
	return created, nil
}

func (s *Submitter) byDraft(ctx context.Context, citizenID int64, draftID uuid.UUID) (Case, error) {
	return s.cases.ForDraft(ctx, citizenID, draftID)
}

// ForDraft returns the case the citizen's draft became: a read, for a page that finds the draft
// already submitted.
func (s *Service) ForDraft(ctx context.Context, citizenID int64, draftID uuid.UUID) (Case, error) {
	r, err := s.q.CaseByDraft(ctx, draftID, citizenID)
	return one(r, err, func(r casedb.CaseByDraftRow) (Case, error) { return fromRow(r.Case, r.ApologySent) }, "by draft")
}

// civilDate is t's Vietnamese date: case codes and due dates are civil dates in UTC+7.
func civilDate(t time.Time) time.Time { return calendar.Date(t) }

// provenance says, for every answered field, where its value came from.
func provenance(d drafts.Draft) map[string]Provenance {
	out := map[string]Provenance{}
	for _, st := range d.Schema.Steps {
		for _, f := range st.Fields {
			if _, ok := d.Answers[f.Name]; !ok {
				continue
			}
			if h, ok := drafts.ParseHeld(d.Answers.String(f.Name)); ok {
				out[f.Name] = heldProvenance(h)
				continue
			}
			switch filled, ok := d.Prefill.Fields[f.Name]; {
			case ok && filled.Locked:
				out[f.Name] = Provenance{Source: filled.Database, RecordRef: filled.RecordRef, RetrievedAt: filled.RetrievedAt}
			case d.SelfDeclared(f):
				out[f.Name] = Provenance{Source: "self_declared"}
			default:
				out[f.Name] = Provenance{Source: "citizen"}
			}
		}
	}
	return out
}
