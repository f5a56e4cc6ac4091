// Package helpdesk answers "where is my file?": helpdesk agents look a case up by its code, or a
// citizen's cases by personal ID and date of birth, and see only what the question needs, with
// personal data masked. Every lookup has a reason and is written to the citizen's data-access
// log. The public status lookup by code and the last four digits of the personal ID is here too.
package helpdesk

import (
	"context"
	"crypto/subtle"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/personalid"
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
}

// Service looks cases up.
type Service struct {
	pool  *pgxpool.Pool
	audit *audit.Log
	now   func() time.Time
}

// New returns the helpdesk service.
func New(pool *pgxpool.Pool, auditLog *audit.Log, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, audit: auditLog, now: now}
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

const viewColumns = `c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.due_on, c.expected_due_on,
	c.overdue OR (c.due_on < $1 AND c.status IN (2, 4, 6, 7) AND c.paused_at IS NULL), c.applicant_name, c.applicant_pid`

// ByCode finds one case by its code.
func (s *Service) ByCode(ctx context.Context, a Agent, reason, note, code string) (CaseView, bool, error) {
	if err := checkReason(reason, note); err != nil {
		return CaseView{}, false, err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" || len(code) > 60 {
		return CaseView{}, false, fault.New(fault.EINVALID, MsgQuery, "helpdesk.byCode")
	}
	views, err := s.find(ctx, a, reason, note, `c.code = $2`, code)
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
	return s.find(ctx, a, reason, note, `c.applicant_pid = $2 AND EXISTS (SELECT 1 FROM citizens z WHERE z.id = c.citizen_id AND z.birth_date = $3)`, pid, born)
}

func (s *Service) find(ctx context.Context, a Agent, reason, note, where string, args ...any) ([]CaseView, error) {
	today := vietnamToday(s.now())
	// The timeline comes with each case, in the same query.
	rows, err := s.pool.Query(ctx, `SELECT `+viewColumns+`, t.ats, t.statuses FROM cases c
		CROSS JOIN LATERAL (SELECT array_agg(e.at ORDER BY e.id) AS ats, array_agg(e.to_status ORDER BY e.id) AS statuses
			FROM case_events e WHERE e.case_id = c.id) t
		WHERE `+where+` ORDER BY c.submitted_at DESC LIMIT 50`,
		append([]any{today}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("helpdesk: find: %w", err)
	}
	type found struct {
		view CaseView
		pid  string
	}
	all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (found, error) {
		var f found
		var status int16
		var name string
		var ats []time.Time
		var statuses []int16
		err := r.Scan(&f.view.Code, &f.view.ProcedureCode, &f.view.AgencyCode, &status, &f.view.SubmittedAt, &f.view.DueOn,
			&f.view.ExpectedDueOn, &f.view.Overdue, &name, &f.pid, &ats, &statuses)
		for i := range min(len(ats), len(statuses)) {
			f.view.Timeline = append(f.view.Timeline, Step{At: ats[i], Status: int(statuses[i])})
		}
		f.view.Status = int(status)
		f.view.MaskedName = MaskName(name)
		f.view.MaskedPID = citizens.MaskPersonalID(f.pid)
		f.view.Awaited = awaited(f.view.Status)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("helpdesk: find: %w", err)
	}
	out := make([]CaseView, 0, len(all))
	var entries []audit.Entry
	for _, f := range all {
		out = append(out, f.view)
		ref := reason + ":" + f.view.Code
		if note != "" {
			ref += " — " + note
		}
		entries = append(entries, audit.Entry{
			SubjectPersonalID: f.pid, ActorKind: audit.ActorHelpdesk, ActorID: "staff:" + a.Login, ActorName: a.Name,
			ActorRole: "helpdesk", Purpose: "helpdesk-lookup", Reference: truncate(ref, 200), Databases: []string{"portal"},
			Attributes: []string{"case.status", "case.timeline"}, Outcome: audit.OutcomeOK,
		})
	}
	if err := s.audit.Record(ctx, entries...); err != nil {
		return nil, err
	}
	return out, nil
}

// awaited says who must act now, by status.
func awaited(status int) string {
	switch status {
	case 1:
		return "agency.receive"
	case 2, 4:
		return "agency.process"
	case 5:
		return "citizen.supplement"
	case 6:
		return "citizen.payment"
	case 7:
		return "agency.withdrawal"
	case 9:
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

func vietnamToday(now time.Time) time.Time { return calendar.Date(now) }

// Public is what anyone sees of a case: its status and due date, nothing else.
type Public struct {
	Status        int
	DueOn         *time.Time
	ExpectedDueOn time.Time
}

// dummySuffix is compared when the code is unknown, so both misses take the same path.
const dummySuffix = "0000"

// Track is the public status lookup: the case code and the last four digits of the applicant's
// personal ID must both match. An unknown code and a wrong suffix give the same answer.
func (s *Service) Track(ctx context.Context, code, last4 string) (Public, bool, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	last4 = strings.TrimSpace(last4)
	var p Public
	var pid string
	var status int16
	err := s.pool.QueryRow(ctx, `SELECT status, due_on, expected_due_on, applicant_pid FROM cases WHERE code = $1`, code).
		Scan(&status, &p.DueOn, &p.ExpectedDueOn, &pid)
	known := err == nil
	if err != nil && err != pgx.ErrNoRows {
		return Public{}, false, fmt.Errorf("helpdesk: track: %w", err)
	}
	want := dummySuffix
	if known && len(pid) == 12 {
		want = pid[8:]
	}
	match := subtle.ConstantTimeCompare([]byte(want), []byte(last4)) == 1 && len(last4) == 4
	if !known || !match {
		return Public{}, false, nil
	}
	p.Status = int(status)
	return p, true, nil
}
