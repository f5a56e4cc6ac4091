package cases_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/database/pipeline"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/registry"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// The procedures of the tests: a commune-level residence registration (7 working days, decided
// by the police of the applicant's commune) and a province-level land procedure (18 working days,
// decided by the land office of the parcel's province).
const (
	residence = "1.004222"
	landDeal  = "1.013831"
)

// statusNew is the national code of a case just submitted (Mới đăng ký).
const statusNew = 1

var vn = time.FixedZone("ICT", 7*60*60)

// at is a wall-clock time in Vietnam.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vn)
	if err != nil {
		panic(err)
	}
	return t
}

// clock is a settable now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

// testCalendar has one holiday, on Wednesday 2 December 2026, inside the due dates the tests count.
type testCalendar struct{}

func (testCalendar) Calendar(context.Context) (*calendar.Calendar, error) {
	return calendar.FromDays([]calendar.Day{{
		Date: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Kind: calendar.KindHoliday, NameVI: "Ngày nghỉ (thử)", NameEN: "Test holiday",
	}}), nil
}

// recorder is the Notifier: it keeps what it was told, or fails when told to. It keeps a notice
// when it is queued, before the submission's transaction ends (env.told keeps those committed).
type recorder struct {
	mu      sync.Mutex
	changes []notify.Change
	fail    bool
}

func (r *recorder) PrepareCaseChange(ctx context.Context, tx pgx.Tx, c notify.Change) (notify.Pending, error) {
	r.mu.Lock()
	fail := r.fail
	r.mu.Unlock()
	if fail {
		return nil, errors.New("outbox down")
	}
	// As notify.PrepareCaseChange: the citizen's contact, read in the submission's transaction.
	if _, err := citizens.ContactOf(ctx, tx, c.CitizenID); err != nil {
		return nil, err
	}
	return &recorded{r: r, c: c}, nil
}

// recorded is a prepared change: the recorder keeps it once queued with its case.
type recorded struct {
	r *recorder
	c notify.Change
}

func (p *recorded) Queue(_ context.Context, _ *pipeline.Pipeline, caseID int64, code string, eventID int64) error {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	c := p.c
	c.CaseID, c.CaseCode, c.EventID = caseID, code, eventID
	p.r.changes = append(p.r.changes, c)
	return nil
}

func (r *recorder) setFail(fail bool) { r.mu.Lock(); r.fail = fail; r.mu.Unlock() }

func (r *recorder) all() []notify.Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.changes)
}

func text(vi, en string) forms.Text { return forms.Text{VI: vi, EN: en} }

// residenceSchema: step 0 is prefilled from the population database, plus a phone; step 1 is the
// citizen's own, with an evidence file required when the population database does not answer.
func residenceSchema() forms.Schema {
	return forms.Schema{
		Steps: []forms.Step{
			{ID: "applicant", Title: text("Người đăng ký", "Applicant"), Fields: []forms.Field{
				{Name: "applicant_name", Type: forms.TypeText, Required: true, Prefill: "population.full_name", Label: text("Họ và tên", "Full name")},
				{Name: "birth_date", Type: forms.TypeDate, Required: true, Prefill: "population.birth_date", Label: text("Ngày sinh", "Date of birth")},
				{Name: "residence", Type: forms.TypeAddress, Required: true, Prefill: "population.permanent_residence", Label: text("Nơi thường trú", "Permanent residence")},
				{Name: "phone", Type: forms.TypeText, Required: true, Label: text("Điện thoại", "Phone")},
			}},
			{ID: "request", Title: text("Đề nghị", "Request"), Fields: []forms.Field{
				{Name: "reason", Type: forms.TypeTextarea, Required: true, Label: text("Lý do", "Reason")},
				{Name: "proof", Type: forms.TypeFile, EvidenceFor: []string{registry.Population}, Label: text("Giấy tờ", "Evidence")},
			}},
		},
		Declaration: text("Tôi cam đoan", "I declare"),
	}
}

// landSchema chooses one of the applicant's parcels; its details fill and lock from the choice.
func landSchema() forms.Schema {
	return forms.Schema{
		Steps: []forms.Step{
			{ID: "parcel", Title: text("Thửa đất", "Parcel"), Fields: []forms.Field{
				{Name: "parcel", Type: forms.TypeParcel, Required: true, Prefill: "land.parcels", Label: text("Thửa đất", "Parcel")},
				{Name: "area", Type: forms.TypeNumber, Prefill: "land.parcel.area_m2", Label: text("Diện tích", "Area")},
			}},
			{ID: "price", Title: text("Giá", "Price"), Fields: []forms.Field{
				{Name: "price", Type: forms.TypeMoney, Required: true, Label: text("Giá chuyển nhượng", "Price")},
			}},
		},
		Declaration: text("Tôi cam đoan", "I declare"),
	}
}

// The citizens of the tests: An lives in commune 00070 and holds a parcel in province 79,
// Bình lives in commune 00071, Cường in a commune no agency serves.
const (
	anPID    = "001088012345"
	binhPID  = "079175001234"
	cuongPID = "048095004321"
)

func person(pid, name, commune string) registry.PopulationRecord {
	return registry.PopulationRecord{
		RecordID: "POP-" + pid, PersonalID: pid, FullName: name, BirthDate: "1988-03-15", Sex: "male",
		PermanentResidence: registry.Place{ProvinceCode: "01", CommuneCode: commune, AddressLine: "12 Phố Huế"},
	}
}

// fakeRegistry answers from fixed records; a database in down does not answer.
type fakeRegistry struct {
	now    func() time.Time
	mu     sync.Mutex
	down   map[string]bool
	people map[string]registry.PopulationRecord
}

func (f *fakeRegistry) Fetch(_ context.Context, req registry.Request, dbs []string) registry.Fetched {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out registry.Fetched
	if slices.Contains(dbs, registry.Population) {
		r := &registry.Result[registry.PopulationRecord]{Err: fmt.Errorf("registry: population: %w", registry.ErrUnavailable)}
		if rec, ok := f.people[req.PersonalID]; ok && !f.down[registry.Population] {
			r = &registry.Result[registry.PopulationRecord]{Record: rec,
				Provenance: registry.Provenance{Database: registry.Population, RecordRef: rec.RecordID, RetrievedAt: f.now()}}
		}
		out.Population = r
	}
	if slices.Contains(dbs, registry.Land) {
		out.Land = &registry.Result[registry.LandRecord]{
			Record: registry.LandRecord{HolderPersonalID: req.PersonalID, Parcels: []registry.Parcel{
				{RecordID: "LAND-79-26734-05-67", MapSheet: "5", ParcelNumber: "67", ProvinceCode: "79", CommuneCode: "26734", AreaM2: 120},
			}},
			Provenance: registry.Provenance{Database: registry.Land, RecordRef: "LAND-79-26734-05-67", RetrievedAt: f.now()},
		}
	}
	return out
}

func (f *fakeRegistry) setDown(db string, down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down[db] = down
}

// env is a test's bundle: a fresh database with the procedures, their agencies and three
// citizens; drafts made through the drafts service, submitted through the Submitter.
type env struct {
	pool      *pgxpool.Pool
	clock     *clock
	reg       *fakeRegistry
	notes     *recorder
	consents  *consent.Service
	files     *attachments.Service
	drafts    *drafts.Service
	cases     *cases.Service
	submitter *cases.Submitter
	an        drafts.Applicant
	binh      drafts.Applicant
	cuong     drafts.Applicant
}

func setup(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	e := &env{pool: pool, clock: &clock{t: at("2026-11-27 09:00")}, notes: &recorder{}}
	e.reg = &fakeRegistry{now: e.clock.Now, down: map[string]bool{}, people: map[string]registry.PopulationRecord{
		anPID:    person(anPID, "Nguyễn Văn An", "00070"),
		binhPID:  person(binhPID, "Trần Thị Bình", "00071"),
		cuongPID: person(cuongPID, "Lê Văn Cường", "00099"),
	}}
	addProcedure(t, pool, residence, "commune_police", "commune", 7, residenceSchema())
	addProcedure(t, pool, landDeal, "land_office", "province", 18, landSchema())
	_, err := pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code) VALUES
			('CA-00070', 'commune_police', 'commune', 'Công an phường Ba Đình', 'Ba Đình Ward Police', '01', '00070'),
			('CA-00071', 'commune_police', 'commune', 'Công an phường Hoàn Kiếm', 'Hoàn Kiếm Ward Police', '01', '00071'),
			('VPDKDD-01', 'land_office', 'province', 'VPĐKĐĐ Hà Nội', 'Hà Nội Land Registration Office', '01', NULL),
			('VPDKDD-79', 'land_office', 'province', 'VPĐKĐĐ TP.HCM', 'HCMC Land Registration Office', '79', NULL);
		INSERT INTO agency_areas (agency_code, commune_code) VALUES ('VPDKDD-79', '26734'), ('VPDKDD-01', '00070')`)
	require.NoError(t, err)

	people := citizens.New(pool, e.clock.Now)
	for _, p := range []struct {
		a         *drafts.Applicant
		pid, name string
	}{{&e.an, anPID, "Nguyễn Văn An"}, {&e.binh, binhPID, "Trần Thị Bình"}, {&e.cuong, cuongPID, "Lê Văn Cường"}} {
		c, err := people.SignedIn(ctx, "http://idp", p.pid, p.pid, p.name)
		require.NoError(t, err)
		*p.a = drafts.Applicant{CitizenID: c.ID, PersonalID: p.pid, Name: p.name}
	}

	cat := catalogue.New(pool)
	logger := slog.New(slog.DiscardHandler)
	e.consents = consent.New(pool, e.clock.Now)
	e.cases = cases.New(pool, e.clock.Now, logger)
	e.files = attachments.New(pool, attachments.PGBlobs{Pool: pool}, e.cases, 0, e.clock.Now)
	e.drafts = drafts.New(pool, cat, e.reg, e.files, audit.New(pool, e.clock.Now), drafts.Config{Now: e.clock.Now}, logger)
	e.submitter = cases.NewSubmitter(e.cases, cat, testCalendar{}, e.notes)
	return e
}

// addProcedure puts a procedure and its version 1 form into the catalogue tables, as the seed does.
func addProcedure(t testing.TB, pool *pgxpool.Pool, code, kind, level string, days int, schema forms.Schema) {
	t.Helper()
	require.NoError(t, schema.Check())
	body, err := json.Marshal(schema)
	require.NoError(t, err)
	ctx := context.Background()
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
				processing_days, fee_vnd, required_acr, details, search_text, current_version)
			VALUES ($1, 'Thủ tục '||$1, 'Procedure '||$1, 'residence', $2, $3, 'x', 'x', $4, 0, 'LoA2', '{}', $1, 1)`,
			code, kind, level, days); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, 1, $2, now())`, code, body)
		return err
	})
	require.NoError(t, err)
}

func (e *env) rules() forms.Rules { return forms.Rules{Today: calendar.Date(e.clock.Now())} }

// draft starts a residence draft for a and fills its steps: all of them when complete, else
// only the first. Evidence is uploaded when the population database is down.
func (e *env) draft(t testing.TB, a drafts.Applicant, complete bool) drafts.Draft {
	t.Helper()
	ctx := context.Background()
	schema := residenceSchema()
	id, err := e.drafts.Start(ctx, e.consents, a, residence, 1, schema, "")
	require.NoError(t, err)
	d := e.get(t, a, id)
	rec := e.reg.people[a.PersonalID]
	e.step(t, a, d, 0, "applicant_name", a.Name, "birth_date", rec.BirthDate,
		"residence.province", rec.PermanentResidence.ProvinceCode, "residence.commune", rec.PermanentResidence.CommuneCode,
		"residence.line", rec.PermanentResidence.AddressLine, "phone", "0912345678")
	if complete {
		in := e.input(t, d, 1, "reason", "Chuyển về nhà mới")
		in.Files["proof"] = drafts.Upload{Name: "giay-to.pdf", Content: strings.NewReader("%PDF-1.7 test")}
		res, err := e.drafts.SaveStep(ctx, a.CitizenID, d.ID, in, e.rules())
		require.NoError(t, err)
		require.Empty(t, res.Errors)
	}
	return e.get(t, a, d.ID)
}

// landDraft starts An's land draft, chooses his parcel and gives a price.
func (e *env) landDraft(t testing.TB, a drafts.Applicant) drafts.Draft {
	t.Helper()
	id, err := e.drafts.Start(context.Background(), e.consents, a, landDeal, 1, landSchema(), "")
	require.NoError(t, err)
	d := e.get(t, a, id)
	e.step(t, a, d, 0, "parcel", "LAND-79-26734-05-67")
	e.step(t, a, d, 1, "price", "2500000000")
	return e.get(t, a, d.ID)
}

// step posts one step of the draft, read from a form post as the handler reads it; it must be valid.
func (e *env) step(t testing.TB, a drafts.Applicant, d drafts.Draft, n int, kv ...string) {
	t.Helper()
	res, err := e.drafts.SaveStep(context.Background(), a.CitizenID, d.ID, e.input(t, d, n, kv...), e.rules())
	require.NoError(t, err)
	require.False(t, res.Tampered)
	require.Empty(t, res.Errors)
}

func (e *env) input(t testing.TB, d drafts.Draft, n int, kv ...string) drafts.StepInput {
	t.Helper()
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	return drafts.StepInput{Step: n, Answers: forms.FromForm(d.Schema.Steps[n], form), Files: map[string]drafts.Upload{}, Action: drafts.ActionContinue}
}

// get reads a's draft as the handler does before submitting it.
func (e *env) get(t testing.TB, a drafts.Applicant, id uuid.UUID) drafts.Draft {
	t.Helper()
	d, err := e.drafts.Get(context.Background(), a.CitizenID, id)
	require.NoError(t, err)
	return d
}

// submit submits a's draft with the declaration; it must succeed.
func (e *env) submit(t testing.TB, a drafts.Applicant, d drafts.Draft) cases.Case {
	t.Helper()
	c, err := e.submitter.SubmitDraft(context.Background(), a, d, true, e.rules())
	require.NoError(t, err)
	return c
}

// codes lists the codes of a citizen's cases, newest first.
func (e *env) codes(t testing.TB, a drafts.Applicant) []string {
	t.Helper()
	list, err := e.cases.List(context.Background(), a.CitizenID)
	require.NoError(t, err)
	out := []string{}
	for _, s := range list {
		out = append(out, s.Code)
	}
	return out
}

// requireNothingSubmitted checks that a refused submission left no trace: no case for anyone
// and the draft still open.
func (e *env) requireNothingSubmitted(t testing.TB, owner drafts.Applicant, d drafts.Draft) {
	t.Helper()
	for _, a := range []drafts.Applicant{e.an, e.binh, e.cuong} {
		require.Empty(t, e.codes(t, a), "cases of %s", a.Name)
	}
	require.Nil(t, e.get(t, owner, d.ID).SubmittedAt, "the draft is still open")
	require.Empty(t, e.told(t))
}

// told is what the recorder was told in transactions that committed: a notice is queued in the
// submission's transaction, so one whose case was rolled back was never sent.
func (e *env) told(t testing.TB) []notify.Change {
	t.Helper()
	var out []notify.Change
	for _, c := range e.notes.all() {
		var n int
		require.NoError(t, e.pool.QueryRow(context.Background(), `SELECT count(*) FROM cases WHERE id = $1`, c.CaseID).Scan(&n))
		if n > 0 {
			out = append(out, c)
		}
	}
	return out
}
