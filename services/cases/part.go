package cases

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
)

// Statuses of a part of a linked case (case_parts).
const (
	PartWaiting  = "waiting"  // waits for the lead agency's decision
	PartPending  = "pending"  // at its agency, which is to do it
	PartReturned = "returned" // its agency asked the lead agency to fix something
	PartDone     = "done"
)

// Part is one part of a case of a linked procedure (catalogue.Part): which agency decides it,
// where it stands, by when, and who did it. Part 1 is the lead's, decided by the case's own
// agency through the case's approval; the others go to their agencies after it.
type Part struct {
	CaseID     int64
	Seq        int // 1 is the lead's
	Kind       string
	Name       forms.Text // as the procedure named it when the case was filed
	AgencyCode string
	Days       int
	Status     string
	SentAt     *time.Time // when it reached its agency
	DueOn      *time.Time // its own legal date, a civil date
	DoneAt     *time.Time
	DoneBy     string // the staff member's id
	DoneByName string
	Reference  string // what the agency recorded (the residence registration's or the card's number)
	Note       string // the last return's or answer's text
}

// Lead reports whether the part is the lead agency's.
func (p Part) Lead() bool { return p.Seq == 1 }

// Done reports whether the part is done.
func (p Part) Done() bool { return p.Status == PartDone }

// AllDone reports whether every part is done: only then is a linked case decided.
func AllDone(ps []Part) bool {
	for _, p := range ps {
		if !p.Done() {
			return false
		}
	}
	return true
}

// newPart is a part of a case about to be submitted, its agency found.
type newPart struct {
	kind, agency string
	name         forms.Text
	days         int
}

// partsOf finds the agency of each part of a linked procedure for a case that goes to lead: the
// lead's part is lead's own; another part goes to the agency of its kind in the lead's commune
// (a commune-level part) or province. A procedure that is not linked has no parts.
func partsOf(ctx context.Context, procs Procedures, p catalogue.Procedure, lead catalogue.Agency) ([]newPart, error) {
	if !p.Linked() {
		return nil, nil
	}
	out := make([]newPart, len(p.Parts))
	for i, pt := range p.Parts {
		out[i] = newPart{kind: pt.Kind, name: pt.Name, agency: lead.Code, days: pt.Days}
		if i == 0 {
			continue
		}
		a, err := procs.Route(ctx, catalogue.Procedure{Code: p.Code, AgencyKind: pt.AgencyKind, AgencyLevel: pt.AgencyLevel},
			lead.ProvinceCode, lead.CommuneCode)
		if err != nil {
			return nil, fmt.Errorf("cases: part %s of %s: %w", pt.Kind, p.Code, err)
		}
		out[i].agency = a.Code
	}
	return out, nil
}

// insertParts writes a new case's parts inside its submission's transaction: the lead's pending
// at the case's agency, the others waiting.
func insertParts(ctx context.Context, q *casedb.Queries, caseID int64, submitted time.Time, parts []newPart) error {
	if len(parts) == 0 {
		return nil
	}
	n := len(parts)
	arg := casedb.PartsInsertParams{CaseID: caseID, SubmittedAt: submitted, Seqs: make([]int16, n), Kinds: make([]string, n),
		NamesVi: make([]string, n), NamesEn: make([]string, n), AgencyCodes: make([]string, n), Days: make([]int, n)}
	for i, p := range parts {
		arg.Seqs[i], arg.Kinds[i], arg.AgencyCodes[i], arg.Days[i] = int16(i+1), p.kind, p.agency, p.days
		arg.NamesVi[i], arg.NamesEn[i] = p.name.VI, p.name.EN
	}
	if err := q.PartsInsert(ctx, arg); err != nil {
		return fmt.Errorf("parts: %w", err)
	}
	return nil
}

// Parts returns a case's parts in order; a case of a procedure that is not linked has none.
func (s *Service) Parts(ctx context.Context, db DB, caseID int64) ([]Part, error) {
	rows, err := casedb.New(db).PartsOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: parts of %d: %w", caseID, err)
	}
	out := make([]Part, len(rows))
	for i, r := range rows {
		out[i] = partOf(casedb.PartsOfCaseForUpdateRow(r))
	}
	return out, nil
}

// LockParts returns a case's parts and holds their row locks until tx ends; a step takes the
// case's lock (Lock) first.
func (s *Service) LockParts(ctx context.Context, tx pgx.Tx, caseID int64) ([]Part, error) {
	rows, err := casedb.New(tx).PartsOfCaseForUpdate(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: lock parts of %d: %w", caseID, err)
	}
	out := make([]Part, len(rows))
	for i, r := range rows {
		out[i] = partOf(r)
	}
	return out, nil
}

func partOf(r casedb.PartsOfCaseForUpdateRow) Part {
	return Part{CaseID: r.CaseID, Seq: int(r.Seq), Kind: r.Kind, Name: forms.Text{VI: r.NameVi, EN: r.NameEn}, AgencyCode: r.AgencyCode, Days: r.Days, Status: r.Status,
		SentAt: r.SentAt, DueOn: r.DueOn, DoneAt: r.DoneAt, DoneBy: r.DoneBy, DoneByName: r.DoneByName,
		Reference: r.Reference, Note: r.Note}
}

// SavePart writes a part's new state inside tx if it is still in status was; else ErrConflict.
func (s *Service) SavePart(ctx context.Context, tx pgx.Tx, was string, p Part) error {
	n, err := casedb.New(tx).PartUpdate(ctx, casedb.PartUpdateParams{Status: p.Status, SentAt: p.SentAt, DueOn: p.DueOn,
		DoneAt: p.DoneAt, DoneBy: p.DoneBy, DoneByName: p.DoneByName, Reference: p.Reference, Note: p.Note,
		CaseID: p.CaseID, Seq: int16(p.Seq), Was: was}) //nolint:gosec // a handful of parts
	if err != nil {
		return fmt.Errorf("cases: save part %d/%d: %w", p.CaseID, p.Seq, err)
	}
	if n != 1 {
		return ErrConflict
	}
	return nil
}

// PartItem is a part on an agency's list of linked work, with its case.
type PartItem struct {
	Part
	CaseCode       string
	ProcedureCode  string
	LeadAgencyCode string
	SubjectName    string // whom the case is about (the child)
}

// PartsOfAgency lists an agency's linked work on cases in processing, by due date: the parts
// pending at it, and the parts of its own cases that another agency returned to it.
func (s *Service) PartsOfAgency(ctx context.Context, agency string) ([]PartItem, error) {
	var out []PartItem
	var err error
	s.q.PartsOfAgency(ctx, partsOfAgencyArgs(agency)).Query(func(_ int, rows []casedb.PartsOfAgencyRow, e error) {
		out, err = partItems(rows), e
	})
	if err != nil {
		return nil, fmt.Errorf("cases: parts of agency %s: %w", agency, err)
	}
	return out, nil
}

func partsOfAgencyArgs(agency string) []casedb.PartsOfAgencyParams {
	return []casedb.PartsOfAgencyParams{{AgencyCode: agency, Processing: int16(status.Processing)}}
}

func partItems(rows []casedb.PartsOfAgencyRow) []PartItem {
	out := make([]PartItem, len(rows))
	for i, r := range rows {
		out[i] = PartItem{Part: Part{CaseID: r.CaseID, Seq: int(r.Seq), Kind: r.Kind, Name: forms.Text{VI: r.NameVi, EN: r.NameEn}, AgencyCode: r.AgencyCode, Days: r.Days,
			Status: r.Status, SentAt: r.SentAt, DueOn: r.DueOn, Note: r.Note},
			CaseCode: r.Code, ProcedureCode: r.ProcedureCode, LeadAgencyCode: r.LeadAgencyCode, SubjectName: r.SubjectName}
	}
	return out
}

// ForPartAgencyIn returns, inside the caller's transaction, a case by code to an agency that
// holds one of its parts once that part has reached it; for any other agency it is not found.
func (s *Service) ForPartAgencyIn(ctx context.Context, db DB, agency, code string) (Case, error) {
	id, err := casedb.New(db).CaseIDOfPartAgency(ctx, code, agency)
	if errors.Is(err, pgx.ErrNoRows) {
		return Case{}, ErrNotFound
	}
	if err != nil {
		return Case{}, fmt.Errorf("cases: for part agency: %w", err)
	}
	return s.Get(ctx, db, id)
}

// ForPartAgency is ForPartAgencyIn outside any transaction.
func (s *Service) ForPartAgency(ctx context.Context, agency, code string) (Case, error) {
	return s.ForPartAgencyIn(ctx, s.pool, agency, code)
}
