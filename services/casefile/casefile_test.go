package casefile_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/staff"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	agencyX   = "UBND-00070"
	agencyY   = "UBND-00071"
	procedure = "1.004222"
	anPID     = "001088012345"
)

// fakeCatalogue answers for the one procedure and the two agencies.
type fakeCatalogue struct{}

func (fakeCatalogue) Get(_ context.Context, code string) (catalogue.Procedure, error) {
	if code != procedure {
		return catalogue.Procedure{}, errors.New("unknown procedure")
	}
	return catalogue.Procedure{Code: code, NameVI: "Đăng ký thường trú", NameEN: "Permanent residence registration"}, nil
}

func (fakeCatalogue) Agency(_ context.Context, code string) (catalogue.Agency, error) {
	return catalogue.Agency{Code: code, NameVI: "UBND " + code}, nil
}

func (fakeCatalogue) Version(_ context.Context, code string, version int) (catalogue.Version, error) {
	return catalogue.Version{ProcedureCode: code, Version: version}, nil
}

// fakeOfficers is the staff directory: the officers of agency X only.
type fakeOfficers struct{}

func (fakeOfficers) Officers(_ context.Context, agency string) ([]staff.Officer, error) {
	if agency != agencyX {
		return nil, nil
	}
	return []staff.Officer{{Login: "canbo.x", Name: "Cán bộ X"}, {Login: "giamsat.x", Name: "Giám sát X"}}, nil
}

type env struct {
	pool    *pgxpool.Pool
	files   *casefile.Service
	log     *audit.Log
	citizen int64
	other   int64
	caseID  int64
	code    string
}

func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	_, err := pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code) VALUES
			('UBND-00070', 'commune_committee', 'commune', 'UBND phường Ba Đình', 'Ba Đình Ward People''s Committee', '01', '00070'),
			('UBND-00071', 'commune_committee', 'commune', 'UBND phường Hoàn Kiếm', 'Hoàn Kiếm Ward People''s Committee', '01', '00071')`)
	require.NoError(t, err)
	// A procedure and its current version reference each other: one transaction.
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
	e := &env{pool: pool, log: audit.New(pool, nil)}
	require.NoError(t, pool.QueryRow(ctx, `INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at)
		VALUES ('http://idp', 's1', $1, 'Nguyễn Văn An', now(), now()) RETURNING id`, anPID).Scan(&e.citizen))
	require.NoError(t, pool.QueryRow(ctx, `INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at)
		VALUES ('http://idp', 's2', '079175001234', 'Trần Thị Bình', now(), now()) RETURNING id`).Scan(&e.other))
	due := time.Now().AddDate(0, 0, -3)
	received := time.Now().AddDate(0, 0, -20)
	e.code = agencyX + "-261120-0001"
	e.caseID, err = casetest.Insert(ctx, pool, casetest.Spec{Code: e.code, CitizenID: e.citizen, ApplicantPID: anPID,
		ApplicantName: "Nguyễn Văn An", Procedure: procedure, Agency: agencyX, Status: status.Processing,
		Received: &received, DueOn: &due, Data: []byte(`{"phone":"0912345678"}`)})
	require.NoError(t, err)
	e.files = casefile.New(pool, e.log, fakeOfficers{}, fakeCatalogue{}, nil)
	return e
}

func staffActor(role, agency string) casework.Actor {
	return casework.Actor{Kind: casework.KindStaff, ID: "canbo.x", Name: "Cán bộ X", Role: role, AgencyCode: agency}
}

// accesses counts the citizen's data-access log rows of this case.
func (e *env) accesses(t *testing.T) int {
	t.Helper()
	entries, err := e.log.ForSubject(context.Background(), anPID, 100)
	require.NoError(t, err)
	n := 0
	for _, en := range entries {
		if en.Reference == e.code {
			n++
		}
	}
	return n
}

func TestForOfficer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f, err := e.files.ForOfficer(ctx, staffActor(casework.RoleOfficer, agencyX), e.code)
		require.NoError(t, err)
		require.Equal(t, e.caseID, f.Case.ID)
		require.Equal(t, "0912345678", f.Case.Data.String("phone"))
		require.True(t, f.Overdue, "past its due date, clock running")
		require.Len(t, f.Events, 1)
		require.Equal(t, procedure, f.Procedure.Code)
		require.Equal(t, "UBND "+agencyX, f.Agency.NameVI)
		require.Contains(t, f.Actions, casework.RequestSupplement)
		require.Empty(t, f.Officers, "only a supervisor assigns")
		require.Equal(t, 1, e.accesses(t), "opening the file is an access to the citizen's data")
		entries, err := e.log.ForSubject(ctx, anPID, 1)
		require.NoError(t, err)
		require.Equal(t, audit.ActorStaff, entries[0].ActorKind)
		require.Equal(t, "staff:canbo.x", entries[0].ActorID)
		require.Equal(t, casework.RoleOfficer, entries[0].ActorRole)
	})

	t.Run("EveryPartysLog", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		const maiPID = "001190023456"
		code := agencyX + "-261120-0002"
		_, err := casetest.Insert(ctx, e.pool, casetest.Spec{Code: code, CitizenID: e.citizen, ApplicantPID: anPID,
			ApplicantName: "Nguyễn Văn An", Procedure: procedure, Agency: agencyX, Status: status.New,
			Parties: []byte(`[{"id":"applicant","kind":"applicant","full_name":"Nguyễn Văn An","personal_id":"` + anPID + `","source":"vneid"},
			  {"id":"father","kind":"parent","full_name":"Nguyễn Văn An","personal_id":"` + anPID + `","source":"population"},
			  {"id":"mother","kind":"parent","full_name":"Đặng Thị Mai","personal_id":"` + maiPID + `","source":"population"},
			  {"id":"child","kind":"subject","full_name":"Nguyễn Ngọc Ánh","source":"citizen"}]`)})
		require.NoError(t, err)
		e.code = code
		_, err = e.files.ForOfficer(ctx, staffActor(casework.RoleOfficer, agencyX), e.code)
		require.NoError(t, err)
		require.Equal(t, 1, e.accesses(t), "the applicant once, though also the father")
		entries, err := e.log.ForSubject(ctx, maiPID, 10)
		require.NoError(t, err)
		require.Len(t, entries, 1, "the mother's data was shown: her log has the row")
		require.Equal(t, e.code, entries[0].Reference)
	})

	t.Run("Supervisor", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f, err := e.files.ForOfficer(ctx, staffActor(casework.RoleSupervisor, agencyX), e.code)
		require.NoError(t, err)
		require.Equal(t, []staff.Officer{{Login: "canbo.x", Name: "Cán bộ X"}, {Login: "giamsat.x", Name: "Giám sát X"}}, f.Officers)
	})

	t.Run("ErrOtherAgency", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		_, err := e.files.ForOfficer(ctx, staffActor(casework.RoleOfficer, agencyY), e.code)
		require.ErrorIs(t, err, cases.ErrNotFound)
		require.Zero(t, e.accesses(t), "a refused read is not logged as an access")
	})

	t.Run("ErrNotCaseRole", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		for _, a := range []casework.Actor{
			staffActor(casework.RoleHelpdesk, agencyX),
			staffActor(casework.RoleAdmin, agencyX),
			{Kind: casework.KindCitizen, CitizenID: e.citizen},
		} {
			_, err := e.files.ForOfficer(ctx, a, e.code)
			require.ErrorIs(t, err, cases.ErrNotFound, "%+v", a)
		}
		require.Zero(t, e.accesses(t))
	})

	t.Run("ErrCatalogueLogsNothing", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		bad := casefile.New(e.pool, e.log, fakeOfficers{}, failingCatalogue{}, nil)
		_, err := bad.ForOfficer(ctx, staffActor(casework.RoleOfficer, agencyX), e.code)
		require.Error(t, err, "a file whose procedure cannot be named is not shown")
		require.Zero(t, e.accesses(t), "and its access is not logged: the read and the log row commit together")
	})
}

// failingCatalogue cannot name the procedure.
type failingCatalogue struct{ fakeCatalogue }

func (failingCatalogue) Get(context.Context, string) (catalogue.Procedure, error) {
	return catalogue.Procedure{}, errors.New("catalogue down")
}

func TestForCitizen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)

	f, err := e.files.ForCitizen(ctx, casework.Actor{Kind: casework.KindCitizen, Name: "Nguyễn Văn An", CitizenID: e.citizen}, e.code)
	require.NoError(t, err)
	require.Equal(t, e.caseID, f.Case.ID)
	require.True(t, f.Overdue)
	require.Contains(t, f.Actions, casework.RequestWithdrawal)
	require.NotContains(t, f.Actions, casework.Approve)
	require.Zero(t, e.accesses(t), "a citizen reading their own case is not logged")

	_, err = e.files.ForCitizen(ctx, casework.Actor{Kind: casework.KindCitizen, CitizenID: e.other}, e.code)
	require.ErrorIs(t, err, cases.ErrNotFound, "another citizen's case is not found")
	_, err = e.files.ForCitizen(ctx, staffActor(casework.RoleOfficer, agencyX), e.code)
	require.ErrorIs(t, err, cases.ErrNotFound, "staff do not read through the citizen's page")
}
