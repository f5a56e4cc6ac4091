// Package casetest is the test fixture of the case tables, kept by their owner, services/cases:
// it puts cases into states that no step of the life cycle reaches directly (any status, with any
// timeline), makes the raw writes whose refusal by the database a test checks (a status change the
// transition trigger forbids, an edit of the append-only timeline), tampers with stored rows as
// someone with the tables' rights could, and reads raw rows back.
//
// It is imported only by tests and by cmd/bench (the bulk COPY of a case history and the check of
// a benchmark's submissions, bulk.go); the portal never uses it. Its SQL is plain pgx strings:
// with the migrations and the named queries of services/cases, the only SQL on the case tables.
// The database's errors are wrapped with %w, so errors.As finds the *pgconn.PgError.
package casetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/status"
)

// DB is a pool, a connection or a transaction (*pgxpool.Pool, *pgx.Conn, pgx.Tx). Functions that
// write several statements run them in a transaction of their own (a savepoint inside a tx).
type DB interface {
	Begin(ctx context.Context) (pgx.Tx, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, rows pgx.CopyFromSource) (int64, error)
}

// Defaults of a Spec.
const (
	DefaultApplicantPID  = "001088012345"
	DefaultApplicantName = "Nguyễn Văn An"
)

// Spec is a case put straight into the table, in any status. CitizenID, Procedure and Agency are
// required (their rows must exist); every other zero field takes the default it names. The
// optional columns (Received and below) are written only when set, so that Insert also works on
// the schema of an older migration (services/casework tests the migration that chains events).
type Spec struct {
	Code             string        // default <Agency>-<yyMMdd of Submitted>-T<n>, n unique in the process
	DraftID          uuid.UUID     // default: Insert adds a submitted draft of the citizen for the case
	CitizenID        int64         // required
	ApplicantPID     string        // default DefaultApplicantPID
	ApplicantName    string        // default DefaultApplicantName
	Procedure        string        // required; with ProcedureVersion, a row of procedure_versions
	ProcedureVersion int           // default 1
	Agency           string        // required
	Status           status.Status // default status.New; the status trigger guards only UPDATEs
	Submitted        time.Time     // default now
	ExpectedDueOn    time.Time     // default Submitted's civil date in Vietnam + 10 days
	Data             []byte        // JSON, default {}
	Provenance       []byte        // JSON, default {}

	Received      *time.Time
	DueOn         *time.Time
	Paused        *time.Time    // the deadline clock stopped (status 5, or 7 coming from 5)
	PrevStatus    status.Status // at 7: the status to return to; 0 for none
	Outcome       string        // approved or refused, at 9 and 10
	AssignedTo    string
	AssignedName  string
	Overdue       bool // the sweep's flag
	PaymentAmount int64
	// Parties is the JSON of the case's []cases.Party (the column's default is []), and
	// RoutingReasonVI/EN why its agency is competent (migration 00018).
	Parties         []byte
	RoutingReasonVI string
	RoutingReasonEN string

	// Events is the timeline Insert writes after the case, oldest first; the database numbers
	// and chains them. Without any, Insert writes the submission's event (the citizen's, to
	// status 1 at Submitted), unless NoEvents.
	Events   []Event
	NoEvents bool
}

// Event is a row of a case's timeline. To is required; the other zero fields are left to the
// table's defaults, but for At (the case's Submitted in a Spec, else now) and the actor ("system",
// "casetest", "casetest"). The chain trigger names an event with no Action and no From "submit".
type Event struct {
	At        time.Time
	ActorKind string // citizen, staff or system
	ActorID   string
	ActorName string
	Role      string
	Action    string
	From      status.Status // 0: none (the submission)
	To        status.Status
	Note      string
	Reason    string
	Amount    *int64
	DueOn     *time.Time

	// Seq, PrevHash and Hash are what a writer may claim; the chain trigger replaces them.
	Seq      int
	PrevHash []byte
	Hash     []byte
}

var codes atomic.Int64

// withDefaults fills s's defaults, or says what is missing.
func (s Spec) withDefaults() (Spec, error) {
	if s.CitizenID == 0 || s.Procedure == "" || s.Agency == "" {
		return s, errors.New("casetest: a Spec needs CitizenID, Procedure and Agency")
	}
	if s.Submitted.IsZero() {
		s.Submitted = time.Now()
	}
	if s.Code == "" {
		s.Code = fmt.Sprintf("%s-%s-T%d", s.Agency, calendar.Date(s.Submitted).Format("060102"), codes.Add(1))
	}
	if s.ApplicantPID == "" {
		s.ApplicantPID = DefaultApplicantPID
	}
	if s.ApplicantName == "" {
		s.ApplicantName = DefaultApplicantName
	}
	if s.ProcedureVersion == 0 {
		s.ProcedureVersion = 1
	}
	if s.Status == 0 {
		s.Status = status.New
	}
	if s.ExpectedDueOn.IsZero() {
		s.ExpectedDueOn = calendar.Date(s.Submitted).AddDate(0, 0, 10)
	}
	if s.Data == nil {
		s.Data = []byte("{}")
	}
	if s.Provenance == nil {
		s.Provenance = []byte("{}")
	}
	return s, nil
}

// column is one column of a table that casetest writes: always, or only when set.
type column[T any] struct {
	name  string
	value func(*T) any
	set   func(*T) bool // nil: always written
}

// caseColumns are the columns of cases a Spec fills, in COPY order.
var caseColumns = []column[Spec]{
	{name: "code", value: func(s *Spec) any { return s.Code }},
	{name: "draft_id", value: func(s *Spec) any { return s.DraftID }},
	{name: "citizen_id", value: func(s *Spec) any { return s.CitizenID }},
	{name: "applicant_pid", value: func(s *Spec) any { return s.ApplicantPID }},
	{name: "applicant_name", value: func(s *Spec) any { return s.ApplicantName }},
	{name: "procedure_code", value: func(s *Spec) any { return s.Procedure }},
	{name: "procedure_version", value: func(s *Spec) any { return s.ProcedureVersion }},
	{name: "agency_code", value: func(s *Spec) any { return s.Agency }},
	{name: "status", value: func(s *Spec) any { return int16(s.Status) }},
	{name: "submitted_at", value: func(s *Spec) any { return s.Submitted }},
	{name: "expected_due_on", value: func(s *Spec) any { return s.ExpectedDueOn }},
	{name: "data", value: func(s *Spec) any { return s.Data }},
	{name: "provenance", value: func(s *Spec) any { return s.Provenance }},
	{name: "received_at", value: func(s *Spec) any { return s.Received }, set: func(s *Spec) bool { return s.Received != nil }},
	{name: "due_on", value: func(s *Spec) any { return s.DueOn }, set: func(s *Spec) bool { return s.DueOn != nil }},
	{name: "paused_at", value: func(s *Spec) any { return s.Paused }, set: func(s *Spec) bool { return s.Paused != nil }},
	{name: "prev_status", value: func(s *Spec) any { return nullStatus(s.PrevStatus) }, set: func(s *Spec) bool { return s.PrevStatus != 0 }},
	{name: "outcome", value: func(s *Spec) any { return nullString(s.Outcome) }, set: func(s *Spec) bool { return s.Outcome != "" }},
	{name: "assigned_to", value: func(s *Spec) any { return nullString(s.AssignedTo) }, set: func(s *Spec) bool { return s.AssignedTo != "" }},
	{name: "assigned_name", value: func(s *Spec) any { return s.AssignedName }, set: func(s *Spec) bool { return s.AssignedName != "" }},
	{name: "overdue", value: func(s *Spec) any { return s.Overdue }, set: func(s *Spec) bool { return s.Overdue }},
	{name: "payment_amount", value: func(s *Spec) any { return nullInt(s.PaymentAmount) }, set: func(s *Spec) bool { return s.PaymentAmount != 0 }},
	{name: "parties", value: func(s *Spec) any { return jsonOr(s.Parties, "[]") }, set: func(s *Spec) bool { return s.Parties != nil }},
	{name: "routing_reason_vi", value: func(s *Spec) any { return s.RoutingReasonVI }, set: func(s *Spec) bool { return s.RoutingReasonVI != "" }},
	{name: "routing_reason_en", value: func(s *Spec) any { return s.RoutingReasonEN }, set: func(s *Spec) bool { return s.RoutingReasonEN != "" }},
}

// eventColumns are the columns of case_events an Event fills.
var eventColumns = []column[Event]{
	{name: "at", value: func(e *Event) any { return e.At }},
	{name: "actor_kind", value: func(e *Event) any { return e.ActorKind }},
	{name: "actor_id", value: func(e *Event) any { return e.ActorID }},
	{name: "actor_name", value: func(e *Event) any { return e.ActorName }},
	{name: "to_status", value: func(e *Event) any { return int16(e.To) }},
	{name: "from_status", value: func(e *Event) any { return int16(e.From) }, set: func(e *Event) bool { return e.From != 0 }},
	{name: "role", value: func(e *Event) any { return e.Role }, set: func(e *Event) bool { return e.Role != "" }},
	{name: "action", value: func(e *Event) any { return e.Action }, set: func(e *Event) bool { return e.Action != "" }},
	{name: "note", value: func(e *Event) any { return e.Note }, set: func(e *Event) bool { return e.Note != "" }},
	{name: "reason", value: func(e *Event) any { return e.Reason }, set: func(e *Event) bool { return e.Reason != "" }},
	{name: "amount", value: func(e *Event) any { return e.Amount }, set: func(e *Event) bool { return e.Amount != nil }},
	{name: "due_on", value: func(e *Event) any { return e.DueOn }, set: func(e *Event) bool { return e.DueOn != nil }},
	{name: "seq", value: func(e *Event) any { return e.Seq }, set: func(e *Event) bool { return e.Seq != 0 }},
	{name: "prev_hash", value: func(e *Event) any { return e.PrevHash }, set: func(e *Event) bool { return e.PrevHash != nil }},
	{name: "hash", value: func(e *Event) any { return e.Hash }, set: func(e *Event) bool { return e.Hash != nil }},
}

// insertSQL is `INSERT INTO table (<the columns of v that are set>, extra...) VALUES ($1, …)`
// with its arguments; extra columns take the values in extraArgs, first.
func insertSQL[T any](table string, cols []column[T], v *T, extra []string, extraArgs ...any) (string, []any) {
	names, args := append([]string(nil), extra...), append([]any(nil), extraArgs...)
	for _, c := range cols {
		if c.set == nil || c.set(v) {
			names = append(names, c.name)
			args = append(args, c.value(v))
		}
	}
	params := make([]string, len(args))
	for i := range args {
		params[i] = fmt.Sprintf("$%d", i+1)
	}
	return "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(params, ", ") + ")", args
}

// Insert puts the case of s into the table, with its draft when s has none and its timeline, in
// one transaction, and returns the case's id.
func Insert(ctx context.Context, db DB, s Spec) (int64, error) {
	s, err := s.withDefaults()
	if err != nil {
		return 0, err
	}
	var id int64
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		if s.DraftID == uuid.Nil {
			// The draft is only what the case points to (drafts is not a case table): the bare
			// row of a draft submitted when the case was.
			s.DraftID = uuid.New()
			if _, err := tx.Exec(ctx, `
				INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
				VALUES ($1, $2, $3, $4, $5, $5, $5::timestamptz + interval '30 days', $5)`,
				s.DraftID, s.CitizenID, s.Procedure, s.ProcedureVersion, s.Submitted); err != nil {
				return fmt.Errorf("casetest: draft of %s: %w", s.Code, err)
			}
		}
		q, args := insertSQL("cases", caseColumns, &s, nil)
		if err := tx.QueryRow(ctx, q+" RETURNING id", args...).Scan(&id); err != nil {
			return fmt.Errorf("casetest: case %s: %w", s.Code, err)
		}
		events := s.Events
		if len(events) == 0 && !s.NoEvents {
			events = []Event{{At: s.Submitted, ActorKind: "citizen", ActorID: fmt.Sprintf("citizen:%d", s.CitizenID),
				ActorName: s.ApplicantName, To: status.New}}
		}
		for _, e := range events {
			if e.At.IsZero() {
				e.At = s.Submitted
			}
			if _, err := AddEvent(ctx, tx, id, e); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// AddEvent appends e to the case's timeline as a raw INSERT and returns the event's id.
func AddEvent(ctx context.Context, db DB, caseID int64, e Event) (int64, error) {
	if e.To == 0 {
		return 0, errors.New("casetest: an Event needs To")
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	if e.ActorKind == "" {
		e.ActorKind = "system"
	}
	if e.ActorID == "" {
		e.ActorID = "casetest"
	}
	if e.ActorName == "" {
		e.ActorName = "casetest"
	}
	q, args := insertSQL("case_events", eventColumns, &e, []string{"case_id"}, caseID)
	var id int64
	if err := db.QueryRow(ctx, q+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("casetest: event of case %d: %w", caseID, err)
	}
	return id, nil
}

func nullStatus(s status.Status) *int16 {
	if s == 0 {
		return nil
	}
	v := int16(s)
	return &v
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// jsonOr is b, or the JSON def when b is nil.
func jsonOr(b []byte, def string) []byte {
	if b == nil {
		return []byte(def)
	}
	return b
}

func nullInt(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}
