// Package helpdesk answers "where is my file?": helpdesk agents look a case up by its code, or a
// citizen's cases by personal ID and date of birth, and see only what the question needs, with
// personal data masked. Every lookup has a reason and is written to the citizen's data-access
// log. The public status lookup by code and the last four digits of the personal ID is here too.
package helpdesk

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/readpool"
)

// Reasons a helpdesk agent may give for a lookup.
var Reasons = []string{"phone", "counter", "email"}

// Agent is the helpdesk agent looking.
type Agent struct{ Login, Name string }

// Step is one status of the timeline, without the reasons (they may hold personal data).
type Step struct {
	At     time.Time
	Status int
}

// CaseView is what the helpdesk sees of a case.
type CaseView struct {
	Code          string
	ProcedureCode string
	AgencyCode    string
	Status        int
	SubmittedAt   time.Time
	DueOn         *time.Time
	ExpectedDueOn time.Time
	Overdue       bool
	Awaited       string // i18n key suffix: who is expected to act now (awaited.<Awaited>)
	MaskedName    string // "N. V. An"
	MaskedPID     string // "********2345"
	Timeline      []Step
	// Supplement is what the officer asked the citizen to supply, masked like the rest, while
	// the case waits for it; nil otherwise.
	Supplement *Supplement
}

// Supplement is a supplement request as the helpdesk sees it.
type Supplement struct {
	Text    string // masked: the applicant's name as MaskName, long digit runs as MaskPersonalID
	AskedAt time.Time
}

// Service looks cases up.
type Service struct {
	pool  *pgxpool.Pool
	cases *cases.Service // the case tables are services/cases'
	audit *audit.Log
	reads readpool.Reader // where public tracking reads (WithReader); the pool by default
	now   func() time.Time
}

// New returns the helpdesk service; now (nil for time.Now) says which day is today for the rule
// of lateness.
func New(pool *pgxpool.Pool, auditLog *audit.Log, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, cases: cases.New(pool, now, nil), audit: auditLog, reads: readpool.New(pool, nil, readpool.Config{}),
		now: now}
}

// WithReader sends public tracking's reads to r, a read replica while it is close enough behind
// (services/readpool). The helpdesk's own lookups, and the access rows they write, stay on the
// pool.
func (s *Service) WithReader(r readpool.Reader) *Service {
	s.reads = r
	return s
}

// Message keys.
const (
	MsgReason = "helpdesk.error.reason"
	MsgQuery  = "helpdesk.error.query"
)

func checkReason(reason, note string) error {
	if !slices.Contains(Reasons, reason) || utf8.RuneCountInString(note) > 500 {
		return fault.New(fault.EINVALID, MsgReason, "helpdesk")
	}
	return nil
}

// ByCode finds one case by its code.
func (s *Service) ByCode(ctx context.Context, a Agent, reason, note, code string) (CaseView, bool, error) {
	if err := checkReason(reason, note); err != nil {
		return CaseView{}, false, err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" || len(code) > 60 {
		return CaseView{}, false, fault.New(fault.EINVALID, MsgQuery, "helpdesk.byCode")
	}
	views, err := s.find(ctx, a, reason, note, func(tx pgx.Tx) ([]cases.Lookup, error) {
		l, err := s.cases.LookupByCodeIn(ctx, tx, code)
		if errors.Is(err, cases.ErrNotFound) {
			return nil, nil
		}
		return []cases.Lookup{l}, err
	})
	if err != nil || len(views) == 0 {
		return CaseView{}, false, err
	}
	return views[0], true, nil
}

// ByPerson finds a citizen's cases by personal ID and date of birth (both must match).
func (s *Service) ByPerson(ctx context.Context, a Agent, reason, note, pid string, born time.Time) ([]CaseView, error) {
	if err := checkReason(reason, note); err != nil {
		return nil, err
	}
	if !personalid.Valid(pid) || born.IsZero() {
		return nil, fault.New(fault.EINVALID, MsgQuery, "helpdesk.byPerson")
	}
	return s.find(ctx, a, reason, note, func(tx pgx.Tx) ([]cases.Lookup, error) {
		return s.cases.LookupByPersonIn(ctx, tx, pid, born)
	})
}

// find runs a lookup and writes one access to each found case's citizen's data-access log, in
// one transaction, and returns the cases as the agent sees them, masked.
func (s *Service) find(ctx context.Context, a Agent, reason, note string, lookup func(pgx.Tx) ([]cases.Lookup, error)) ([]CaseView, error) {
	var out []CaseView
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		found, err := lookup(tx)
		if err != nil {
			return err
		}
		out, err = s.record(ctx, tx, a, reason, note, found)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("helpdesk: lookup: %w", err)
	}
	return out, nil
}

// record writes one access to each case's citizen's data-access log inside tx and returns the
// cases as the agent sees them, masked.
func (s *Service) record(ctx context.Context, tx pgx.Tx, a Agent, reason, note string, found []cases.Lookup) ([]CaseView, error) {
	out := make([]CaseView, 0, len(found))
	entries := make([]audit.Entry, 0, len(found))
	for _, l := range found {
		v := view(l)
		attrs := []string{"case.status", "case.timeline"}
		if l.Status == status.Supplement {
			ask, err := s.cases.SupplementAskedIn(ctx, tx, l.Code)
			if err != nil && !errors.Is(err, cases.ErrNotFound) {
				return nil, err
			}
			if err == nil {
				v.Supplement = &Supplement{Text: MaskText(ask.Text, l.ApplicantName), AskedAt: ask.At}
				attrs = append(attrs, "case.supplement_request")
			}
		}
		out = append(out, v)
		ref := reason + ":" + l.Code
		if note != "" {
			ref += " — " + note
		}
		entries = append(entries, audit.Entry{
			SubjectPersonalID: l.ApplicantPID, ActorKind: audit.ActorHelpdesk, ActorID: "staff:" + a.Login, ActorName: a.Name,
			ActorRole: "helpdesk", Purpose: "helpdesk-lookup", Reference: truncate(ref, 200), Databases: []string{"portal"},
			Attributes: attrs, Outcome: audit.OutcomeOK,
		})
	}
	if len(entries) == 0 {
		return out, nil
	}
	if err := s.audit.RecordTx(ctx, tx, entries...); err != nil {
		return nil, err
	}
	return out, nil
}

// view masks a found case for the agent.
func view(l cases.Lookup) CaseView {
	v := CaseView{Code: l.Code, ProcedureCode: l.ProcedureCode, AgencyCode: l.AgencyCode, Status: int(l.Status),
		SubmittedAt: l.SubmittedAt, DueOn: l.DueOn, ExpectedDueOn: l.ExpectedDueOn, Overdue: l.Overdue,
		MaskedName: MaskName(l.ApplicantName), MaskedPID: citizens.MaskPersonalID(l.ApplicantPID)}
	v.Awaited = awaited(l.Status)
	for _, t := range l.Timeline {
		v.Timeline = append(v.Timeline, Step{At: t.At, Status: int(t.Status)})
	}
	return v
}

// awaited says who must act now, by status.
func awaited(s status.Status) string {
	switch s {
	case status.New:
		return "agency.receive"
	case status.Received, status.Processing:
		return "agency.process"
	case status.Supplement:
		return "citizen.supplement"
	case status.Payment:
		return "citizen.payment"
	case status.Withdrawal:
		return "agency.withdrawal"
	case status.Done:
		return "citizen.collect"
	}
	return "none"
}

// MaskName keeps the given name and the initials of the others: "Nguyễn Văn An" → "N. V. An".
func MaskName(full string) string {
	parts := strings.Fields(full)
	if len(parts) <= 1 {
		return full
	}
	var b strings.Builder
	for _, p := range parts[:len(parts)-1] {
		r, _ := utf8.DecodeRuneInString(p)
		b.WriteRune(r)
		b.WriteString(". ")
	}
	b.WriteString(parts[len(parts)-1])
	return b.String()
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Public is what anyone sees of a case: its status, its due date and whether it is late.
type Public struct {
	Status        int
	DueOn         *time.Time
	ExpectedDueOn time.Time
	Overdue       bool // by the one rule of lateness, case_is_overdue
}

// dummySuffix is compared when the code is unknown, so both misses take the same path.
const dummySuffix = "0000"

// Track is the public status lookup: the case code and the last four digits of the applicant's
// personal ID must both match. An unknown code and a wrong suffix give the same answer.
func (s *Service) Track(ctx context.Context, code, last4 string) (Public, bool, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	last4 = strings.TrimSpace(last4)
	// On a replica, the code on a receipt handed out a moment ago may not be there yet: a miss
	// there is asked again of the primary (readpool.Recheck). Unknown codes and wrong suffixes
	// both take that second read, so it tells nothing of whether a code exists.
	return readpool.Recheck(ctx, s.reads, func(db *pgxpool.Pool) (Public, bool, error) {
		return s.track(ctx, db, code, last4)
	})
}

func (s *Service) track(ctx context.Context, db *pgxpool.Pool, code, last4 string) (Public, bool, error) {
	t, err := cases.New(db, s.now, nil).Track(ctx, code)
	known := err == nil
	if err != nil && !errors.Is(err, cases.ErrNotFound) {
		return Public{}, false, fmt.Errorf("helpdesk: track: %w", err)
	}
	want := dummySuffix
	if known && len(t.ApplicantPID) == 12 {
		want = t.ApplicantPID[8:]
	}
	match := subtle.ConstantTimeCompare([]byte(want), []byte(last4)) == 1 && len(last4) == 4
	if !known || !match {
		return Public{}, false, nil
	}
	return Public{Status: int(t.Status), DueOn: t.DueOn, ExpectedDueOn: t.ExpectedDueOn, Overdue: t.Overdue}, true, nil
}
