// Package cases holds submitted applications: the one-transaction, idempotent submission of a
// draft, the readable case code, the first case event, the receipt's data, and the citizen's
// list and view of their cases.
package cases

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// National status codes (PRODUCT.md).
const (
	StatusNew        = 1  // Mới đăng ký
	StatusReceived   = 2  // Được tiếp nhận
	StatusRefused    = 3  // Không được tiếp nhận
	StatusProcessing = 4  // Đang xử lý
	StatusSupplement = 5  // Yêu cầu bổ sung giấy tờ
	StatusPayment    = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawal = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped    = 8  // Dừng xử lý
	StatusDone       = 9  // Đã xử lý xong
	StatusDelivered  = 10 // Đã trả kết quả
)

// Provenance of one submitted value.
type Provenance struct {
	Source      string    `json:"source"` // population, land, insurance, self_declared, citizen
	RecordRef   string    `json:"record_ref,omitempty"`
	RetrievedAt time.Time `json:"retrieved_at,omitzero"`
}

// Case is a submitted application.
type Case struct {
	ID               int64
	Code             string
	DraftID          string
	CitizenID        int64
	ApplicantPID     string
	ApplicantName    string
	ProcedureCode    string
	ProcedureVersion int
	AgencyCode       string
	Status           int
	SubmittedAt      time.Time
	ReceivedAt       *time.Time
	ExpectedDueOn    time.Time
	DueOn            *time.Time
	Data             forms.Answers
	Provenance       map[string]Provenance
}

// Event is one step of a case's timeline.
type Event struct {
	At         time.Time
	ActorKind  string
	ActorName  string
	FromStatus *int
	ToStatus   int
	Note       string
}

// Service stores cases.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
	log  *slog.Logger
}

// New returns the cases service.
func New(pool *pgxpool.Pool, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now, log: log}
}

// ErrNotFound is returned for a case that does not exist or is not the citizen's.
var ErrNotFound = fault.New(fault.ENOTFOUND, "case.notfound", "cases")

const caseColumns = `id, code, draft_id::text, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
	agency_code, status, submitted_at, received_at, expected_due_on, due_on, data, provenance`

func scanCase(row pgx.Row) (Case, error) {
	var c Case
	var data, prov []byte
	err := row.Scan(&c.ID, &c.Code, &c.DraftID, &c.CitizenID, &c.ApplicantPID, &c.ApplicantName, &c.ProcedureCode,
		&c.ProcedureVersion, &c.AgencyCode, &c.Status, &c.SubmittedAt, &c.ReceivedAt, &c.ExpectedDueOn, &c.DueOn, &data, &prov)
	if err != nil {
		return Case{}, err
	}
	if err := json.Unmarshal(data, &c.Data); err != nil {
		return Case{}, fmt.Errorf("cases: data: %w", err)
	}
	if err := json.Unmarshal(prov, &c.Provenance); err != nil {
		return Case{}, fmt.Errorf("cases: provenance: %w", err)
	}
	return c, nil
}

// ForCitizen returns the citizen's case by code.
func (s *Service) ForCitizen(ctx context.Context, citizenID int64, code string) (Case, error) {
	c, err := scanCase(s.pool.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE code = $1 AND citizen_id = $2`, code, citizenID))
	if errors.Is(err, pgx.ErrNoRows) {
		return Case{}, ErrNotFound
	}
	if err != nil {
		return Case{}, fmt.Errorf("cases: get: %w", err)
	}
	return c, nil
}

// Summary is a case as the citizen's list shows it.
type Summary struct {
	Code          string
	ProcedureCode string
	AgencyCode    string
	Status        int
	SubmittedAt   time.Time
	ExpectedDueOn time.Time
	DueOn         *time.Time
}

// List returns the citizen's cases, newest first.
func (s *Service) List(ctx context.Context, citizenID int64) ([]Summary, error) {
	rows, err := s.pool.Query(ctx, `SELECT code, procedure_code, agency_code, status, submitted_at, expected_due_on, due_on
		FROM cases WHERE citizen_id = $1 ORDER BY submitted_at DESC, id DESC LIMIT 200`, citizenID)
	if err != nil {
		return nil, fmt.Errorf("cases: list: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) {
		var sm Summary
		return sm, r.Scan(&sm.Code, &sm.ProcedureCode, &sm.AgencyCode, &sm.Status, &sm.SubmittedAt, &sm.ExpectedDueOn, &sm.DueOn)
	})
	if err != nil {
		return nil, fmt.Errorf("cases: list: %w", err)
	}
	return out, nil
}

// Events returns a case's timeline, oldest first.
func (s *Service) Events(ctx context.Context, caseID int64) ([]Event, error) {
	rows, err := s.pool.Query(ctx, `SELECT at, actor_kind, actor_name, from_status, to_status, note
		FROM case_events WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: events: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Event, error) {
		var e Event
		var from *int16
		var to int16
		err := r.Scan(&e.At, &e.ActorKind, &e.ActorName, &from, &to, &e.Note)
		if from != nil {
			f := int(*from)
			e.FromStatus = &f
		}
		e.ToStatus = int(to)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("cases: events: %w", err)
	}
	return out, nil
}

// ForAgency returns a case of the agency by code; another agency's case is not found.
func (s *Service) ForAgency(ctx context.Context, agencyCode, code string) (Case, error) {
	c, err := scanCase(s.pool.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE code = $1 AND agency_code = $2`, code, agencyCode))
	if errors.Is(err, pgx.ErrNoRows) {
		return Case{}, ErrNotFound
	}
	if err != nil {
		return Case{}, fmt.Errorf("cases: for agency: %w", err)
	}
	return c, nil
}

// Note is an internal note on a case, for the agency's staff only.
type Note struct {
	AuthorKind string
	AuthorName string
	Body       string
	At         time.Time
}

// AddNote appends an internal note.
func (s *Service) AddNote(ctx context.Context, caseID int64, authorKind, authorID, authorName, body string) error {
	if body == "" || len([]rune(body)) > 4000 {
		return fault.New(fault.EINVALID, "case.reason.required", "cases.addNote")
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO case_notes (case_id, author_kind, author_id, author_name, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, caseID, authorKind, authorID, authorName, body, s.now())
	if err != nil {
		return fmt.Errorf("cases: add note: %w", err)
	}
	return nil
}

// Notes returns a case's internal notes, oldest first.
func (s *Service) Notes(ctx context.Context, caseID int64) ([]Note, error) {
	rows, err := s.pool.Query(ctx, `SELECT author_kind, author_name, body, created_at FROM case_notes WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: notes: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Note, error) {
		var n Note
		return n, r.Scan(&n.AuthorKind, &n.AuthorName, &n.Body, &n.At)
	})
	if err != nil {
		return nil, fmt.Errorf("cases: notes: %w", err)
	}
	return out, nil
}

// Discrepancy is a citizen's report that a prefilled value was wrong.
type Discrepancy struct {
	Database, RecordRef, Attribute, ShownValue, Comment string
	At                                                  time.Time
}

// Discrepancies returns the reports made on the case's draft.
func (s *Service) Discrepancies(ctx context.Context, caseID int64) ([]Discrepancy, error) {
	rows, err := s.pool.Query(ctx, `SELECT d.database, d.record_ref, d.attribute, d.shown_value, d.comment, d.created_at
		FROM discrepancy_reports d JOIN cases c ON c.draft_id = d.draft_id WHERE c.id = $1 ORDER BY d.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: discrepancies: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Discrepancy, error) {
		var d Discrepancy
		return d, r.Scan(&d.Database, &d.RecordRef, &d.Attribute, &d.ShownValue, &d.Comment, &d.At)
	})
	if err != nil {
		return nil, fmt.Errorf("cases: discrepancies: %w", err)
	}
	return out, nil
}

// AddNoteByCode appends a note to the case with that code (the helpdesk, which works across agencies).
func (s *Service) AddNoteByCode(ctx context.Context, code, authorKind, authorID, authorName, body string) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM cases WHERE code = $1`, code).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("cases: add note: %w", err)
	}
	return s.AddNote(ctx, id, authorKind, authorID, authorName, body)
}
