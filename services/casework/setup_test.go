package casework_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	agencyX   = "UBND-00070"
	agencyY   = "UBND-00071"
	procedure = "1.004222" // permanent residence, 7 working days
)

var vn = time.FixedZone("ICT", 7*60*60)

// at is a wall-clock time in Vietnam.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vn)
	if err != nil {
		panic(err)
	}
	return t
}

// date is a civil date as the calendar and pgx give it.
func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// testCalendar has the 2026 holidays around 30 April: Hùng Kings' day in lieu (Monday 27
// April), Reunification Day (Thursday 30 April), Labour Day (Friday 1 May).
func testCalendar() *calendar.Calendar {
	return calendar.FromDays([]calendar.Day{
		{Date: date("2026-04-27"), Kind: calendar.KindHoliday, NameVI: "Giỗ Tổ Hùng Vương (nghỉ bù)", NameEN: "Hùng Kings' day in lieu"},
		{Date: date("2026-04-30"), Kind: calendar.KindHoliday, NameVI: "Ngày Giải phóng miền Nam", NameEN: "Reunification Day"},
		{Date: date("2026-05-01"), Kind: calendar.KindHoliday, NameVI: "Quốc tế Lao động", NameEN: "Labour Day"},
	})
}

type fixedCalendar struct{ cal *calendar.Calendar }

func (f fixedCalendar) Calendar(context.Context) (*calendar.Calendar, error) { return f.cal, nil }

type processingDays map[string]int

func (p processingDays) ProcessingDays(_ context.Context, code string) (int, error) {
	d, ok := p[code]
	if !ok {
		return 0, errors.New("unknown procedure")
	}
	return d, nil
}

// officers is the staff directory as the service sees it: agency → id → name.
type officers map[string]map[string]string

func (o officers) Officer(_ context.Context, agency, id string) (string, bool, error) {
	name, ok := o[agency][id]
	return name, ok, nil
}

// clock is a settable now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

// recorder is a Notifier that keeps what it was told, and the case's status as its own
// transaction shows it then.
type recorder struct {
	mu      sync.Mutex
	changes []casework.Change
	seen    []int // the case's status read through tx
	fail    bool
}

func (r *recorder) CaseChanged(ctx context.Context, tx pgx.Tx, ch casework.Change) error {
	st, err := casetest.Status(ctx, tx, ch.CaseID)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		return errors.New("outbox down")
	}
	r.changes = append(r.changes, ch)
	r.seen = append(r.seen, int(st))
	return nil
}

func (r *recorder) all() []casework.Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]casework.Change(nil), r.changes...)
}

// The actors of the tests.
var (
	officer     = casework.Actor{Kind: casework.KindStaff, ID: "101", Name: "Trần Văn Cán", Role: casework.RoleOfficer, AgencyCode: agencyX}
	officer2    = casework.Actor{Kind: casework.KindStaff, ID: "102", Name: "Lê Thị Bộ", Role: casework.RoleOfficer, AgencyCode: agencyX}
	supervisor  = casework.Actor{Kind: casework.KindStaff, ID: "201", Name: "Phạm Văn Lãnh", Role: casework.RoleSupervisor, AgencyCode: agencyX}
	helpdesk    = casework.Actor{Kind: casework.KindStaff, ID: "301", Name: "Tổng đài", Role: casework.RoleHelpdesk}
	admin       = casework.Actor{Kind: casework.KindStaff, ID: "401", Name: "Quản trị", Role: casework.RoleAdmin}
	officerY    = casework.Actor{Kind: casework.KindStaff, ID: "501", Name: "Cán bộ phường B", Role: casework.RoleOfficer, AgencyCode: agencyY}
	supervisorY = casework.Actor{Kind: casework.KindStaff, ID: "601", Name: "Lãnh đạo phường B", Role: casework.RoleSupervisor, AgencyCode: agencyY}
	// system is the portal itself, as services/payment confirms a payment.
	system = casework.Actor{Kind: casework.KindSystem, ID: "payment", Name: "Cổng thanh toán"}
)

// env is a test's bundle: a fresh database with two agencies, a procedure and two citizens.
type env struct {
	pool     *pgxpool.Pool
	svc      *casework.Service
	clock    *clock
	cal      *calendar.Calendar
	notes    *recorder
	owner    casework.Actor // the citizen who submits every case
	stranger casework.Actor // another citizen
	seq      atomic.Int64
}

func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	e := &env{pool: pool, clock: &clock{t: at("2026-11-27 09:00")}, cal: testCalendar(), notes: &recorder{}}
	_, err := pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code) VALUES
			('UBND-00070', 'commune_committee', 'commune', 'UBND phường Ba Đình', 'Ba Đình Ward People''s Committee', '01', '00070'),
			('UBND-00071', 'commune_committee', 'commune', 'UBND phường Hoàn Kiếm', 'Hoàn Kiếm Ward People''s Committee', '01', '00071')`)
	require.NoError(t, err)
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
				processing_days, fee_vnd, required_acr, details, search_text, current_version)
			VALUES ($1, 'Đăng ký thường trú', 'Permanent residence registration', 'residence', 'commune_police', 'commune',
				'Luật Cư trú 2020', 'Law on Residence 2020', 7, 10000, 'LoA2', '{}', 'dang ky thuong tru', 1)`, procedure); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, 1, '{}', now())`, procedure)
		return err
	})
	require.NoError(t, err)
	var owner, stranger int64
	require.NoError(t, pool.QueryRow(ctx, `
		INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at)
		VALUES ('http://idp', 's1', '001088012345', 'Nguyễn Văn An', now(), now()) RETURNING id`).Scan(&owner))
	require.NoError(t, pool.QueryRow(ctx, `
		INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at)
		VALUES ('http://idp', 's2', '079175001234', 'Trần Thị Bình', now(), now()) RETURNING id`).Scan(&stranger))
	e.owner = casework.Actor{Kind: casework.KindCitizen, Name: "Nguyễn Văn An", CitizenID: owner}
	e.stranger = casework.Actor{Kind: casework.KindCitizen, Name: "Trần Thị Bình", CitizenID: stranger}
	e.svc = casework.New(pool, casework.Deps{
		Calendars:  fixedCalendar{e.cal},
		Procedures: processingDays{procedure: 7},
		Officers: officers{
			agencyX: {"101": officer.Name, "102": officer2.Name, "201": supervisor.Name},
			agencyY: {"501": officerY.Name, "601": supervisorY.Name},
		},
		Notifier: e.notes,
		Now:      e.clock.Now,
	})
	return e
}

// spec describes a case put straight into the table, in any status, as fixtures must be.
type spec struct {
	agency    string // default agencyX
	procedure string // default procedure; another must be added first (addProcedure)
	status    int    // default 1
	submitted time.Time
	received  *time.Time
	due       *time.Time
	paused    *time.Time
	prev      int
	outcome   string
	assigned  string
	payment   int64
}

// newCase puts the case of s, with its draft and its first event, straight into the tables
// (services/cases/casetest; the database chains the event's hash).
func (e *env) newCase(t testing.TB, s spec) int64 {
	t.Helper()
	if s.agency == "" {
		s.agency = agencyX
	}
	if s.submitted.IsZero() {
		s.submitted = e.clock.Now().Add(-48 * time.Hour)
	}
	if s.procedure == "" {
		s.procedure = procedure
	}
	id, err := casetest.Insert(context.Background(), e.pool, casetest.Spec{
		Code:      fmt.Sprintf("%s-261127-%04d", s.agency, e.seq.Add(1)),
		CitizenID: e.owner.CitizenID, ApplicantPID: "001088012345", ApplicantName: "Nguyễn Văn An",
		Procedure: s.procedure, Agency: s.agency, Status: status.Status(s.status), Submitted: s.submitted,
		ExpectedDueOn: calendar.Date(s.submitted.AddDate(0, 0, 10)),
		Received:      s.received, DueOn: s.due, Paused: s.paused, PrevStatus: status.Status(s.prev),
		Outcome: s.outcome, AssignedTo: s.assigned, PaymentAmount: s.payment,
	})
	require.NoError(t, err)
	return id
}

// addProcedure adds a procedure, with its version 1, for cases of it (the setup has 1.004222).
func (e *env) addProcedure(t testing.TB, code, name string, days int) {
	t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
				processing_days, fee_vnd, required_acr, details, search_text, current_version)
			VALUES ($1, $2, $2, 'civil-status', 'commune_committee', 'commune', 'Luật Hộ tịch 2014', 'Law on Civil Status 2014',
				$3, 0, 'LoA2', '{}', $2, 1)`, code, name, days); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, 1, '{}', now())`, code)
		return err
	})
	require.NoError(t, err)
}

// requireFault checks an error's code and message key.
func requireFault(t testing.TB, err error, code, message string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, fault.Code(err), "%v", err)
	if message != "" {
		require.Equal(t, message, fault.Message(err), "%v", err)
	}
}

// get reads a case as the supervisor of agency X sees it.
func (e *env) get(t testing.TB, id int64) casework.Case {
	t.Helper()
	c, err := e.svc.Get(context.Background(), supervisor, id)
	require.NoError(t, err)
	return c
}
