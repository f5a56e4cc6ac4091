package registryfeed_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/jobs"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/services/registryfeed"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/sim/ndxp"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	pidAn    = "001088012345"
	pidMai   = "001190023456"
	hoanKiem = "Ủy ban nhân dân phường Hoàn Kiếm"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

type agencies struct{}

func (agencies) Agency(_ context.Context, code string) (catalogue.Agency, error) {
	return catalogue.Agency{Code: code, NameVI: hoanKiem, ProvinceCode: "01", CommuneCode: "00070"}, nil
}

type noDrafts struct{}

func (noDrafts) Purge(context.Context) (int64, error) { return 0, nil }

// birthCase is An's registration of his daughter's birth, decided, and its result.
func birthCase(code string) (cases.Case, results.Result) {
	c := cases.Case{ID: 1, Code: code, ApplicantPID: pidAn, ProcedureCode: "1.001193", AgencyCode: "UBND-00070",
		Data: forms.Answers{"child_full_name": "Nguyễn Thị Minh Anh", "child_birth_date": "2026-11-20", "child_sex": "female",
			"child_ethnicity": "Kinh", "father_personal_id": pidAn, "mother_personal_id": pidMai, "registration_place": "father"}}
	return c, results.Result{Code: code + "-KQ1", AgencyCode: "UBND-00070", IssuedAt: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
}

// subjects records whom the worker gave a result to.
type subjects struct {
	mu    sync.Mutex
	added map[string]string // result code → personal ID
}

func (s *subjects) AddSubject(_ context.Context, resultCode, personalID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.added == nil {
		s.added = map[string]string{}
	}
	s.added[resultCode] = personalID
	return nil
}

func (s *subjects) of(resultCode string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.added[resultCode]
}

// setup is a migrated database, a simulator over HTTP and a registry client of it.
type env struct {
	pool *pgxpool.Pool
	sim  *ndxp.Server
	reg  *registry.Client
	feed *registryfeed.Feed
	subj *subjects
	// events are the job runner's, once started
	events <-chan *river.Event
}

func setup(t *testing.T) *env {
	t.Helper()
	sim, err := ndxp.New(ndxp.Config{Clients: map[string]string{"portal": "s3cret"}, Seed: 1, Synthetic: 50, Logger: quiet()})
	require.NoError(t, err)
	ts := httptest.NewServer(sim)
	t.Cleanup(ts.Close)
	reg, err := registry.New(registry.Config{BaseURL: ts.URL, ClientID: "portal", ClientSecret: "s3cret"}, quiet())
	require.NoError(t, err)
	pool := dbtest.New(t)
	ins, err := jobs.NewInserter(pool, quiet())
	require.NoError(t, err)
	return &env{pool: pool, sim: sim, reg: reg, feed: registryfeed.New(ins, agencies{}), subj: &subjects{}}
}

// enqueue runs the feed in a transaction that commits or not.
func (e *env) enqueue(t *testing.T, c cases.Case, r results.Result, commit bool) {
	t.Helper()
	ctx := context.Background()
	tx, err := e.pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	require.NoError(t, e.feed.Issued(ctx, tx, c, results.Issue{}, r))
	if commit {
		require.NoError(t, tx.Commit(ctx))
	}
}

// jobState is the state of the result's update job, "" when there is none.
func (e *env) jobState(t *testing.T, resultCode string) (state string, attempts int) {
	t.Helper()
	err := e.pool.QueryRow(context.Background(),
		`SELECT state::text, attempt FROM river_job WHERE kind = 'registry_update' AND args->'update'->>'result_code' = $1`, resultCode).
		Scan(&state, &attempts)
	if err != nil {
		return "", 0
	}
	return state, attempts
}

// next waits for the runner's next event of one of the kinds about a registry update job (the
// worker's outcome, not a poll of the job's row) and returns it.
func (e *env) next(t *testing.T, kinds ...river.EventKind) *river.Event {
	t.Helper()
	timeout := time.After(45 * time.Second)
	for {
		select {
		case ev := <-e.events:
			if ev.Job.Kind == (registryfeed.UpdateArgs{}).Kind() && slices.Contains(kinds, ev.Kind) {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %v event of a registry update in 45 s", kinds)
			return nil
		}
	}
}

// updatesLogged are the updates the exchange logged under a result code, newest first.
func (e *env) updatesLogged(code string) []ndxp.LogEntry {
	var out []ndxp.LogEntry
	for _, le := range e.sim.Log() {
		if le.Operation == "update" && le.Reference == code {
			out = append(out, le)
		}
	}
	return out
}

func (e *env) start(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	r, err := jobs.New(e.pool, noDrafts{}, jobs.Config{RegistryUpdates: &registryfeed.UpdateWorker{Registry: e.reg, Subjects: e.subj, Log: quiet()}}, quiet())
	require.NoError(t, err)
	events, unsubscribe := r.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	e.events = events
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() {
		require.NoError(t, r.Stop(ctx))
		unsubscribe()
	})
}

// TestBirthFeedsPopulation: the update goes only with the result's commit, waits out the
// database's outage, is applied once, and the next prefill shows the child with the
// civil status database as the source.
func TestBirthFeedsPopulation(t *testing.T) {
	t.Parallel()
	e := setup(t)
	c, r := birthCase("UBND-00070-261127-0001")

	e.enqueue(t, c, r, false)
	s, _ := e.jobState(t, r.Code)
	require.Empty(t, s, "a rolled-back issue sends nothing")

	require.NoError(t, e.sim.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	e.enqueue(t, c, r, true)
	e.enqueue(t, c, r, true) // a second enqueue of the same update is one job
	var jobs int
	require.NoError(t, e.pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'registry_update'`).Scan(&jobs))
	require.Equal(t, 1, jobs)

	e.start(t)
	e.next(t, river.EventKindJobFailed)
	require.Equal(t, 503, e.updatesLogged(r.Code)[0].Status, "the first attempt met the outage")
	e.sim.ClearFaults()
	attempts := e.next(t, river.EventKindJobCompleted).Job.Attempt
	require.GreaterOrEqual(t, attempts, 2)

	updates := e.updatesLogged(r.Code)
	require.Len(t, updates, attempts, "every attempt reached the exchange")
	require.Equal(t, 201, updates[0].Status, "the last attempt applied it")
	for _, le := range updates[1:] {
		require.Equal(t, 503, le.Status)
	}
	require.Equal(t, "portal", updates[0].ClientID)
	child := updates[0].PersonalID
	require.Regexp(t, `^001326[0-9]{6}$`, child)
	require.Equal(t, child, e.subj.of(r.Code), "the child holds her birth certificate")

	f := e.reg.Fetch(context.Background(), registry.Request{PersonalID: pidAn, Purpose: "1.004222", Reference: "DRAFT-1"}, []string{registry.Population})
	res := prefill.FromFetched(f, []string{"population.household_members", "population.full_name"}, nil)
	members := res.Values["population.household_members"]
	require.Equal(t, &prefill.Update{Registry: registry.RegistryCivilStatus, ResultCode: r.Code, Issuer: hoanKiem}, members.Updated)
	require.Contains(t, members.Value, forms.Answers{"full_name": "Nguyễn Thị Minh Anh", "personal_id": child, "birth_date": "2026-11-20", "relationship": "con"})
	require.Nil(t, res.Values["population.full_name"].Updated, "An's own name is not from the result")
	var found bool
	for _, o := range res.Household {
		if o.PersonalID == child {
			found = true
			require.Equal(t, r.Code, o.Updated.ResultCode)
		} else {
			require.Nil(t, o.Updated, o.FullName)
		}
	}
	require.True(t, found, "the child can be chosen as a household member")
}

// TestRefusedUpdateCancelled: an update the exchange refuses is not retried.
func TestRefusedUpdateCancelled(t *testing.T) {
	t.Parallel()
	e := setup(t)
	c, r := birthCase("UBND-00070-261127-0002")
	c.Data["mother_personal_id"], c.Data["father_personal_id"] = "001088099999", "" // nobody's
	e.enqueue(t, c, r, true)
	e.start(t)
	attempts := e.next(t, river.EventKindJobCancelled).Job.Attempt
	require.Equal(t, 1, attempts)
	require.Empty(t, e.subj.of(r.Code), "no child was numbered")
}

func TestUpdateOf(t *testing.T) {
	t.Parallel()
	a, _ := agencies{}.Agency(context.Background(), "UBND-00070")
	t.Run("Birth", func(t *testing.T) {
		c, r := birthCase("X")
		up, ok := registryfeed.UpdateOf(c, r, a)
		require.True(t, ok)
		require.Equal(t, registry.UpdateBirth, up.Kind)
		require.Equal(t, pidAn, up.Birth.HouseholdOf, "registered where the father lives")
		require.Equal(t, registry.PlaceRef{ProvinceCode: "01", CommuneCode: "00070"}, up.Birth.RegistrationPlace)
	})
	t.Run("Residence", func(t *testing.T) {
		c := cases.Case{ProcedureCode: "1.004222", ApplicantPID: pidAn,
			Parties: []cases.Party{{ID: "registrant", PersonalID: "001326000001"}},
			Data:    forms.Answers{"new_address": map[string]any{"province": "01", "commune": "00070", "line": "Số 1 phố Hàng Bạc"}}}
		up, ok := registryfeed.UpdateOf(c, results.Result{Code: "Y-KQ1"}, a)
		require.True(t, ok)
		require.Equal(t, &registry.ResidenceFact{PersonalID: "001326000001",
			Residence: registry.PlaceRef{ProvinceCode: "01", CommuneCode: "00070", AddressLine: "Số 1 phố Hàng Bạc"}}, up.Residence)
	})
	t.Run("Marriage", func(t *testing.T) {
		c := cases.Case{ProcedureCode: "1.000894", Data: forms.Answers{"applicant_personal_id": pidAn, "partner_personal_id": pidMai}}
		up, ok := registryfeed.UpdateOf(c, results.Result{Code: "Z-KQ1"}, a)
		require.True(t, ok)
		require.Equal(t, registry.UpdateMarriage, up.Kind)
	})
	t.Run("OtherProcedure", func(t *testing.T) {
		_, ok := registryfeed.UpdateOf(cases.Case{ProcedureCode: "1.014748"}, results.Result{}, a)
		require.False(t, ok)
	})
}
