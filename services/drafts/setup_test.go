package drafts_test

import (
	"context"
	"encoding/json"
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
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/registry"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// The procedures of the tests: a residence registration prefilled from the population
// database, and a land procedure whose parcel details come from the chosen parcel.
const (
	residence = "1.004222"
	landDeal  = "1.013831"
	ttl       = 30 * 24 * time.Hour
)

var vn = time.FixedZone("ICT", 7*60*60)

// clock is a settable now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

func text(vi, en string) forms.Text { return forms.Text{VI: vi, EN: en} }

// residenceSchema: step 0 is prefilled and locked (name, birth date, residence, household),
// plus a phone the state cannot know; step 1 is the citizen's own, with an evidence file that
// becomes required when the population database does not answer.
func residenceSchema() forms.Schema {
	return forms.Schema{
		Steps: []forms.Step{
			{ID: "applicant", Title: text("Người đăng ký", "Applicant"), Fields: []forms.Field{
				{Name: "applicant_name", Type: forms.TypeText, Required: true, Prefill: "population.full_name", Label: text("Họ và tên", "Full name")},
				{Name: "birth_date", Type: forms.TypeDate, Required: true, NotFuture: true, Prefill: "population.birth_date", Label: text("Ngày sinh", "Date of birth")},
				{Name: "residence", Type: forms.TypeAddress, Required: true, Prefill: "population.permanent_residence", Label: text("Nơi thường trú", "Permanent residence")},
				{Name: "household", Type: forms.TypeGroup, Prefill: "population.household_members", Label: text("Hộ gia đình", "Household"),
					Fields: []forms.Field{
						{Name: "full_name", Type: forms.TypeText, Required: true, Label: text("Họ và tên", "Full name")},
						{Name: "personal_id", Type: forms.TypePersonalID, Required: true, Label: text("Số định danh", "Personal ID")},
					}},
				{Name: "phone", Type: forms.TypeText, Required: true, MaxLength: 15, Label: text("Điện thoại", "Phone")},
			}},
			{ID: "request", Title: text("Đề nghị", "Request"), Fields: []forms.Field{
				{Name: "reason", Type: forms.TypeTextarea, Required: true, Label: text("Lý do", "Reason")},
				{Name: "movers", Type: forms.TypeGroup, MaxItems: 2, Label: text("Người cùng chuyển", "Moving with you"),
					Fields: []forms.Field{{Name: "name", Type: forms.TypeText, Required: true, Label: text("Họ và tên", "Full name")}}},
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
				{Name: "certificate", Type: forms.TypeText, Prefill: "land.parcel.certificate_serial", Label: text("Số GCN", "Certificate")},
			}},
			{ID: "price", Title: text("Giá", "Price"), Fields: []forms.Field{
				{Name: "price", Type: forms.TypeMoney, Required: true, Label: text("Giá chuyển nhượng", "Price")},
			}},
		},
		Declaration: text("Tôi cam đoan", "I declare"),
	}
}

// An is the demo citizen; Bình is someone else.
const (
	anPID   = "001088012345"
	binhPID = "079175001234"
)

func anRecord() registry.PopulationRecord {
	return registry.PopulationRecord{
		RecordID: "POP-" + anPID, PersonalID: anPID, FullName: "Nguyễn Văn An", BirthDate: "1988-03-15", Sex: "male",
		PermanentResidence: registry.Place{ProvinceCode: "01", CommuneCode: "00070", AddressLine: "12 Phố Huế"},
		Household: registry.Household{ID: "HK-01-0001", HeadName: "Nguyễn Văn An", Members: []registry.HouseholdMember{
			{PersonalID: anPID, FullName: "Nguyễn Văn An", BirthDate: "1988-03-15", Relationship: "head"},
			{PersonalID: "001190012346", FullName: "Lê Thị Hoa", BirthDate: "1990-07-01", Relationship: "wife"},
		}},
	}
}

func anParcels() []registry.Parcel {
	return []registry.Parcel{
		{RecordID: "LAND-01-00070-12-34", MapSheet: "12", ParcelNumber: "34", ProvinceCode: "01", CommuneCode: "00070",
			AreaM2: 82.5, Certificate: registry.Certificate{Serial: "CS 012345"}},
		{RecordID: "LAND-79-26734-05-67", MapSheet: "5", ParcelNumber: "67", ProvinceCode: "79", CommuneCode: "26734",
			AreaM2: 120, Certificate: registry.Certificate{Serial: "DA 998877"}},
	}
}

// fakeRegistry answers from fixed records; a database in down does not answer.
type fakeRegistry struct {
	now     func() time.Time
	mu      sync.Mutex
	down    map[string]bool
	calls   int
	asked   []registry.Request
	people  map[string]registry.PopulationRecord
	parcels map[string][]registry.Parcel
}

func (f *fakeRegistry) Fetch(_ context.Context, req registry.Request, dbs []string) registry.Fetched {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.asked = append(f.asked, req)
	at := f.now()
	fail := func(db string) error {
		if f.down[db] {
			return fmt.Errorf("registry: %s: %w", db, registry.ErrUnavailable)
		}
		return nil
	}
	var out registry.Fetched
	if slices.Contains(dbs, registry.Population) {
		rec, ok := f.people[req.PersonalID]
		r := &registry.Result[registry.PopulationRecord]{Record: rec, Err: fail(registry.Population),
			Provenance: registry.Provenance{Database: registry.Population, RecordRef: rec.RecordID, RetrievedAt: at}}
		if r.Err == nil && !ok {
			r.Err = registry.ErrNotFound
		}
		if r.Err != nil {
			r.Record, r.Provenance = registry.PopulationRecord{}, registry.Provenance{}
		}
		out.Population = r
	}
	if slices.Contains(dbs, registry.Land) {
		r := &registry.Result[registry.LandRecord]{Err: fail(registry.Land)}
		if r.Err == nil {
			r.Record = registry.LandRecord{HolderPersonalID: req.PersonalID, Parcels: f.parcels[req.PersonalID]}
			r.Provenance = registry.Provenance{Database: registry.Land, RecordRef: "LAND-HOLDER-" + req.PersonalID, RetrievedAt: at}
		}
		out.Land = r
	}
	return out
}

func (f *fakeRegistry) setDown(db string, down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down[db] = down
}

func (f *fakeRegistry) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// env is a test's bundle: a fresh database with the two procedures and two citizens, and the
// drafts service wired as the portal wires it, but for the registry.
type env struct {
	pool     *pgxpool.Pool
	clock    *clock
	reg      *fakeRegistry
	consents *consent.Service
	audit    *audit.Log
	cat      *catalogue.Service
	att      *attachments.Service
	svc      *drafts.Service
	an       drafts.Applicant
	binh     drafts.Applicant
}

func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	e := &env{pool: pool, clock: &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, vn)}}
	e.reg = &fakeRegistry{now: e.clock.Now, down: map[string]bool{},
		people:  map[string]registry.PopulationRecord{anPID: anRecord()},
		parcels: map[string][]registry.Parcel{anPID: anParcels()}}
	addProcedure(t, pool, residence, "commune_police", "commune", residenceSchema())
	addProcedure(t, pool, landDeal, "land_office", "province", landSchema())

	people := citizens.New(pool, e.clock.Now)
	an, err := people.SignedIn(ctx, "http://idp", "an", anPID, "Nguyễn Văn An")
	require.NoError(t, err)
	binh, err := people.SignedIn(ctx, "http://idp", "binh", binhPID, "Trần Thị Bình")
	require.NoError(t, err)
	e.an = drafts.Applicant{CitizenID: an.ID, PersonalID: anPID, Name: an.FullName}
	e.binh = drafts.Applicant{CitizenID: binh.ID, PersonalID: binhPID, Name: binh.FullName}

	e.consents = consent.New(pool, e.clock.Now)
	e.audit = audit.New(pool, e.clock.Now)
	e.cat = catalogue.New(pool)
	e.att = attachments.New(pool, attachments.PGBlobs{Pool: pool}, nil, 0, e.clock.Now) // drafts add no file to a submitted case
	e.svc = drafts.New(pool, e.cat, e.reg, e.att, e.audit, drafts.Config{TTL: ttl, Now: e.clock.Now}, slog.New(slog.DiscardHandler))
	return e
}

// addProcedure puts a procedure and its version 1 form into the catalogue tables, as the seed does.
func addProcedure(t *testing.T, pool *pgxpool.Pool, code, kind, level string, schema forms.Schema) {
	t.Helper()
	require.NoError(t, schema.Check())
	body, err := json.Marshal(schema)
	require.NoError(t, err)
	ctx := context.Background()
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
				processing_days, fee_vnd, required_acr, details, search_text, current_version)
			VALUES ($1, 'Thủ tục '||$1, 'Procedure '||$1, 'residence', $2, $3, 'x', 'x', 7, 0, 'LoA2', '{}', $1, 1)`,
			code, kind, level); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, 1, $2, now())`, code, body)
		return err
	})
	require.NoError(t, err)
}

// start begins a draft of the procedure for the applicant, on the schema's version 1.
func (e *env) start(t testing.TB, a drafts.Applicant, code string) uuid.UUID {
	t.Helper()
	schema, err := e.cat.Schema(context.Background(), code, 1)
	require.NoError(t, err)
	id, err := e.svc.Start(context.Background(), e.consents, a, code, 1, schema, "")
	require.NoError(t, err)
	return id
}

// get reads the applicant's draft, which must be there.
func (e *env) get(t testing.TB, a drafts.Applicant, id uuid.UUID) drafts.Draft {
	t.Helper()
	d, err := e.svc.Get(context.Background(), a.CitizenID, id)
	require.NoError(t, err)
	return d
}

// rules are what the citizen handlers pass: today in Vietnam.
func (e *env) rules() forms.Rules {
	return forms.Rules{Today: calendar.Date(e.clock.Now())}
}

// post reads a step's form post the way the handler does (forms.FromForm), from key, value pairs.
func post(t testing.TB, d drafts.Draft, step int, action string, kv ...string) drafts.StepInput {
	t.Helper()
	require.Less(t, step, len(d.Schema.Steps))
	require.Zero(t, len(kv)%2, "post takes key, value pairs")
	form := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	return drafts.StepInput{Step: step, Answers: forms.FromForm(d.Schema.Steps[step], form), Files: map[string]drafts.Upload{}, Action: action}
}

// applicantPost is step 0 of the residence form as the page posts it back: every locked value as
// it was shown, and the phone.
func applicantPost(t testing.TB, d drafts.Draft, phone string, overrides ...string) drafts.StepInput {
	t.Helper()
	kv := map[string]string{
		"applicant_name": "Nguyễn Văn An", "birth_date": "1988-03-15",
		"residence.province": "01", "residence.commune": "00070", "residence.line": "12 Phố Huế",
		"household.0.full_name": "Nguyễn Văn An", "household.0.personal_id": anPID,
		"household.1.full_name": "Lê Thị Hoa", "household.1.personal_id": "001190012346",
		"phone": phone,
	}
	for i := 0; i+1 < len(overrides); i += 2 {
		kv[overrides[i]] = overrides[i+1]
	}
	var pairs []string
	for k, v := range kv {
		pairs = append(pairs, k, v)
	}
	return post(t, d, 0, drafts.ActionContinue, pairs...)
}

// save posts one step, which must not fail.
func (e *env) save(t testing.TB, a drafts.Applicant, id uuid.UUID, in drafts.StepInput) drafts.StepResult {
	t.Helper()
	res, err := e.svc.SaveStep(context.Background(), a.CitizenID, id, in, e.rules())
	require.NoError(t, err)
	return res
}

// requireFault checks an error's code and, when given, its message key.
func requireFault(t testing.TB, err error, code, message string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, fault.Code(err), "%v", err)
	if message != "" {
		require.Equal(t, message, fault.Message(err), "%v", err)
	}
}

// markSubmitted marks the draft submitted as services/cases does inside its submission's
// transaction (the drafts tests cannot import services/cases, which imports drafts).
func (e *env) markSubmitted(t testing.TB, id uuid.UUID) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		submitted, err := drafts.LockForSubmission(ctx, tx, e.an.CitizenID, id)
		require.NoError(t, err)
		require.False(t, submitted)
		return drafts.MarkSubmitted(ctx, tx, id, e.clock.Now())
	}))
}

// discrepancyReports counts the reports filed on a draft.
func (e *env) discrepancyReports(t testing.TB, id uuid.UUID) int {
	t.Helper()
	var n int
	require.NoError(t, e.pool.QueryRow(context.Background(), `SELECT count(*) FROM discrepancy_reports WHERE draft_id = $1`, id).Scan(&n))
	return n
}

// upload stores a small PDF for a field of the draft and returns its attachment id.
func (e *env) upload(t testing.TB, a drafts.Applicant, id uuid.UUID, field string) string {
	t.Helper()
	var att attachments.Attachment
	err := pgx.BeginFunc(context.Background(), e.pool, func(tx pgx.Tx) error {
		var err error
		att, err = e.att.UploadTx(context.Background(), tx, a.CitizenID, id, field, "giay-to.pdf", strings.NewReader("%PDF-1.7 test"))
		return err
	})
	require.NoError(t, err)
	return att.ID.String()
}

// files lists the draft's files.
func (e *env) files(t testing.TB, a drafts.Applicant, id uuid.UUID) map[string]attachments.Attachment {
	t.Helper()
	out, err := e.att.ForDraft(context.Background(), a.CitizenID, id)
	require.NoError(t, err)
	return out
}
