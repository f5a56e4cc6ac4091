package casework_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
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
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// linked is the online linked procedure (liên thông điện tử) that replaced 2.000986.
const linked = "3.000722"

// The agencies of An's commune (Hoàn Kiếm, 00070) and province (Hà Nội, 01), as the seed makes them.
const (
	ubnd   = "UBND-00070"
	police = "CA-00070"
	bhxh   = "BHXH-01"
)

// catalogueDays gives casework the catalogue's processing days, as the portal does.
type catalogueDays struct{ cat *catalogue.Service }

func (c catalogueDays) ProcessingDays(ctx context.Context, code string) (int, error) {
	p, err := c.cat.Get(ctx, code)
	return p.ProcessingDays, err
}

// linkedEnv is a database seeded with the real catalogue and the agencies of the whole map, An,
// and the officers of the three agencies of his child's linked case.
type linkedEnv struct {
	pool      *pgxpool.Pool
	svc       *casework.Service
	cases     *cases.Service
	files     *casefile.Service
	proc      catalogue.Procedure
	clock     *clock
	notes     *recorder
	owner     int64
	lead      casework.Actor // an officer of the People's Committee, where the case goes
	police    casework.Actor
	insurance casework.Actor
	elsewhere casework.Actor // an officer of another province's social insurance
}

func linkedSetup(t *testing.T) *linkedEnv {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	clk := &clock{t: at("2026-04-28 09:00")}
	require.NoError(t, catalogue.Seed(ctx, pool, clk.Now()))
	cat := catalogue.New(pool)
	proc, err := cat.Get(ctx, linked)
	require.NoError(t, err)
	var owner int64
	require.NoError(t, pool.QueryRow(ctx, `
		INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at)
		VALUES ('http://idp', 's1', '001088012345', 'Nguyễn Văn An', now(), now()) RETURNING id`).Scan(&owner))
	e := &linkedEnv{pool: pool, clock: clk, notes: &recorder{}, proc: proc, owner: owner,
		lead:      casework.Actor{Kind: casework.KindStaff, ID: "canbo.ubnd.hoankiem", Name: "Đỗ Thị Hương", Role: casework.RoleOfficer, AgencyCode: ubnd},
		police:    casework.Actor{Kind: casework.KindStaff, ID: "canbo.congan.hoankiem", Name: "Vũ Đức Thắng", Role: casework.RoleOfficer, AgencyCode: police},
		insurance: casework.Actor{Kind: casework.KindStaff, ID: "canbo.bhxh.hanoi", Name: "Bùi Thị Lan", Role: casework.RoleOfficer, AgencyCode: bhxh},
		elsewhere: casework.Actor{Kind: casework.KindStaff, ID: "canbo.bhxh.danang", Name: "Phan Thị Thu", Role: casework.RoleOfficer, AgencyCode: "BHXH-48"},
	}
	e.svc = casework.New(pool, casework.Deps{Calendars: fixedCalendar{testCalendar()}, Procedures: catalogueDays{cat},
		Notifier: e.notes, Now: clk.Now})
	e.cases = cases.New(pool, clk.Now, nil)
	e.files = casefile.New(pool, audit.New(pool, clk.Now), nil, cat, clk.Now)
	return e
}

// newLinkedCase puts An's application for his daughter under 3.000722 into the tables as its
// submission leaves it: new, at the People's Committee, with its parts at the agencies the
// submission finds (services/cases tests that it does).
func (e *linkedEnv) newLinkedCase(t *testing.T) (int64, string) {
	t.Helper()
	ctx := context.Background()
	parties, err := json.Marshal([]cases.Party{
		{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, FullName: "Nguyễn Văn An", PersonalID: "001088012345", Source: cases.SourceIdentity},
		{ID: "child", Kind: forms.PartySubject, Label: forms.Text{VI: "Trẻ được đăng ký khai sinh", EN: "The child registered"},
			FullName: "Nguyễn Ngọc Ánh", Source: cases.SourceCitizen},
	})
	require.NoError(t, err)
	code := ubnd + "-260428-0001"
	id, err := casetest.Insert(ctx, e.pool, casetest.Spec{Code: code, CitizenID: e.owner, Procedure: linked, Agency: ubnd,
		Submitted: e.clock.Now(), Parties: parties})
	require.NoError(t, err)
	agencies := []string{ubnd, police, bhxh}
	parts := make([]casetest.Part, len(e.proc.Parts))
	for i, p := range e.proc.Parts {
		parts[i] = casetest.Part{Kind: p.Kind, Agency: agencies[i], Days: p.Days, NameVI: p.Name.VI, NameEN: p.Name.EN}
	}
	require.NoError(t, casetest.InsertParts(ctx, e.pool, id, parts))
	return id, code
}

// step takes a life-cycle step as the lead agency's officer.
func (e *linkedEnv) step(t *testing.T, id int64, action casework.Action) casework.Case {
	t.Helper()
	c, err := e.svc.Get(context.Background(), e.lead, id)
	require.NoError(t, err)
	c, err = e.svc.Do(context.Background(), e.lead, id, c.Version, action, casework.Input{})
	require.NoError(t, err)
	return c
}

// toProcessing receives the case and starts processing it.
func (e *linkedEnv) toProcessing(t *testing.T, id int64) {
	t.Helper()
	e.step(t, id, casework.Receive)
	e.step(t, id, casework.StartProcessing)
}

func (e *linkedEnv) parts(t *testing.T, id int64) []cases.Part {
	t.Helper()
	ps, err := e.cases.Parts(context.Background(), e.pool, id)
	require.NoError(t, err)
	return ps
}

// complete does a part for an officer, as the part page does.
func (e *linkedEnv) complete(a casework.Actor, id int64, seq int, ref string) (casework.Case, error) {
	var out casework.Case
	err := pgx.BeginFunc(context.Background(), e.pool, func(tx pgx.Tx) error {
		c, err := e.svc.CompletePartTx(context.Background(), tx, a, id, seq, casework.PartInput{Reference: ref})
		out = c
		return err
	})
	return out, err
}

// TestLinkedChainIsThreeWorkingDays: the linked procedure's whole chain is 3 working days from
// receipt (NĐ 63/2024 art. 7): the birth within 1, then the residence and the health insurance
// card within 2 each, side by side; a chain run on time ends by the case's due date.
func TestLinkedChainIsThreeWorkingDays(t *testing.T) {
	t.Parallel()
	e := linkedSetup(t)
	ctx := context.Background()

	// The catalogue's data.
	require.Equal(t, 3, e.proc.ProcessingDays)
	require.True(t, e.proc.Linked())
	type decl struct {
		kind, agencyKind, level string
		days                    int
	}
	var got []decl
	for _, p := range e.proc.Parts {
		got = append(got, decl{p.Kind, p.AgencyKind, p.AgencyLevel, p.Days})
	}
	require.Equal(t, []decl{
		{"birth", catalogue.KindCommuneCommittee, catalogue.LevelCommune, 1},
		{"residence", catalogue.KindCommunePolice, catalogue.LevelCommune, 2},
		{"health_insurance", catalogue.KindSocialInsurance, catalogue.LevelProvince, 2},
	}, got)
	require.Equal(t, e.proc.ProcessingDays, e.proc.ChainDays(), "1 day, then 2 and 2 side by side")

	// Received on Wednesday 29 April 2026, before the holidays of 30 April and 1 May.
	id, _ := e.newLinkedCase(t)
	e.clock.Set(at("2026-04-29 09:00"))
	e.toProcessing(t, id)
	c, err := e.svc.Get(ctx, e.lead, id)
	require.NoError(t, err)
	require.Equal(t, "2026-05-06", c.DueOn.Format(time.DateOnly), "3 working days: Monday 4, Tuesday 5, Wednesday 6 May")
	ps := e.parts(t, id)
	require.Equal(t, "2026-05-04", ps[0].DueOn.Format(time.DateOnly), "the birth within 1 working day")
	require.Nil(t, ps[1].DueOn, "the other parts have no date before they reach their agency")

	// The People's Committee registers the birth on Monday 4 May: the others have 2 working days.
	e.clock.Set(at("2026-05-04 10:00"))
	e.step(t, id, casework.Approve)
	ps = e.parts(t, id)
	for _, p := range ps[1:] {
		require.Equal(t, cases.PartPending, p.Status, p.Kind)
		require.True(t, p.SentAt.Equal(e.clock.Now()), p.Kind)
		require.Equal(t, "2026-05-06", p.DueOn.Format(time.DateOnly), "%s within 2 working days", p.Kind)
		require.False(t, p.DueOn.After(*c.DueOn), "%s ends by the case's due date", p.Kind)
	}
}

// TestPartsGoToTheirAgencies: when the People's Committee approves the birth, the residence
// goes to the police of the commune and the card to the province's social insurance; each sees
// its part on its list of linked work, with the case and the child's name, and not before.
func TestPartsGoToTheirAgencies(t *testing.T) {
	t.Parallel()
	e := linkedSetup(t)
	ctx := context.Background()
	id, code := e.newLinkedCase(t)
	e.toProcessing(t, id)

	for _, agency := range []string{police, bhxh, ubnd} {
		items, err := e.cases.PartsOfAgency(ctx, agency)
		require.NoError(t, err)
		require.Empty(t, items, "%s: nothing before the lead agency's decision", agency)
	}
	told := len(e.notes.all())
	c := e.step(t, id, casework.Approve)
	require.Equal(t, status.Processing, c.Status, "the case is not decided by the birth alone")
	require.Empty(t, c.Outcome)
	require.Len(t, e.notes.all(), told, "the citizen is told of no decision yet")

	for agency, kind := range map[string]string{police: "residence", bhxh: "health_insurance"} {
		items, err := e.cases.PartsOfAgency(ctx, agency)
		require.NoError(t, err)
		require.Len(t, items, 1, agency)
		it := items[0]
		require.Equal(t, kind, it.Kind, agency)
		require.Equal(t, agency, it.AgencyCode)
		require.Equal(t, code, it.CaseCode)
		require.Equal(t, linked, it.ProcedureCode)
		require.Equal(t, "Nguyễn Ngọc Ánh", it.SubjectName)
		require.Equal(t, cases.PartPending, it.Status)
		require.NotNil(t, it.DueOn)
	}
	items, err := e.cases.PartsOfAgency(ctx, ubnd)
	require.NoError(t, err)
	require.Empty(t, items, "the lead agency's own part is its case, in its queue")

	ps := e.parts(t, id)
	require.Equal(t, cases.PartDone, ps[0].Status)
	require.Equal(t, e.lead.ID, ps[0].DoneBy)
	require.Equal(t, e.lead.Name, ps[0].DoneByName)
	events, err := e.cases.Events(ctx, id)
	require.NoError(t, err)
	last := events[len(events)-1]
	require.Equal(t, string(casework.PartDone), last.Action)
	require.Equal(t, status.Processing, last.ToStatus)
	require.Contains(t, last.Reason, "Đăng ký khai sinh")
}

// TestCaseDoneOnlyWhenEveryPartDone: a linked case stays in processing until the police and the
// social insurance have done their parts; the lead agency decides no more once its part is done;
// the last part done approves the case (9) and tells the citizen; the database refuses a decision
// that skips a part.
func TestCaseDoneOnlyWhenEveryPartDone(t *testing.T) {
	t.Parallel()
	e := linkedSetup(t)
	ctx := context.Background()
	id, _ := e.newLinkedCase(t)
	e.toProcessing(t, id)
	c := e.step(t, id, casework.Approve)

	t.Run("ErrLeadDecidesNoMore", func(t *testing.T) {
		for _, act := range []casework.Action{casework.Approve, casework.Refuse} {
			_, err := e.svc.Do(ctx, e.lead, id, c.Version, act, casework.Input{Reason: "Thử"})
			requireFault(t, err, fault.ECONFLICT, casework.MsgPartsWaiting)
		}
		acts := casework.LinkedActions(casework.CanDo(c, e.lead, e.clock.Now()), e.parts(t, id))
		require.NotContains(t, acts, casework.Approve)
		require.NotContains(t, acts, casework.Refuse)
		require.Contains(t, acts, casework.RequestSupplement, "the lead agency may still ask the citizen")
	})
	t.Run("ErrDatabaseRefusesSkippingAPart", func(t *testing.T) {
		_, err := e.pool.Exec(ctx, `UPDATE cases SET status = 9, outcome = 'approved' WHERE id = $1`, id)
		var pgErr *pgconn.PgError
		require.ErrorAs(t, err, &pgErr)
		require.Equal(t, "cases_parts_done", pgErr.ConstraintName)
	})

	c, err := e.complete(e.police, id, 2, "CT-00070-2026-000123")
	require.NoError(t, err)
	require.Equal(t, status.Processing, c.Status, "the card is still to be issued")
	_, err = e.complete(e.police, id, 2, "CT-00070-2026-000124")
	requireFault(t, err, fault.ECONFLICT, casework.MsgPartStatus)
	_, err = e.complete(e.insurance, id, 3, "  ")
	requireFault(t, err, fault.EINVALID, casework.MsgPartReference)

	told := len(e.notes.all())
	c, err = e.complete(e.insurance, id, 3, "TE1010126000123")
	require.NoError(t, err)
	require.Equal(t, status.Done, c.Status)
	require.Equal(t, casework.OutcomeApproved, c.Outcome)
	ps := e.parts(t, id)
	require.True(t, cases.AllDone(ps))
	require.Equal(t, "CT-00070-2026-000123", ps[1].Reference)
	require.Equal(t, "TE1010126000123", ps[2].Reference)
	require.Equal(t, e.insurance.Name, ps[2].DoneByName)

	events, err := e.cases.Events(ctx, id)
	require.NoError(t, err)
	n := len(events)
	require.Equal(t, string(casework.PartDone), events[n-2].Action)
	require.Equal(t, e.insurance.Name, events[n-2].ActorName)
	require.Equal(t, string(casework.Approve), events[n-1].Action)
	require.Equal(t, "system", events[n-1].ActorKind)
	require.Equal(t, status.Done, events[n-1].ToStatus)
	changes := e.notes.all()
	require.Len(t, changes, told+1, "the citizen is told once, of the decision")
	require.Equal(t, status.Done, changes[told].ToStatus)
	ok, _, err := e.svc.VerifyEvents(ctx, id)
	require.NoError(t, err)
	require.True(t, ok, "the timeline's chain holds")
}

// TestReturnedPartGoesBackAndForth: the police return their part to the People's Committee with
// what to fix; it shows on the committee's list; the committee sends it again with its answer.
func TestReturnedPartGoesBackAndForth(t *testing.T) {
	t.Parallel()
	e := linkedSetup(t)
	ctx := context.Background()
	id, code := e.newLinkedCase(t)
	e.toProcessing(t, id)
	e.step(t, id, casework.Approve)

	_, err := e.svc.ReturnPart(ctx, e.police, id, 2, casework.PartInput{Note: " "})
	requireFault(t, err, fault.EINVALID, casework.MsgPartNote)
	_, err = e.svc.ReturnPart(ctx, e.police, id, 2, casework.PartInput{Note: "Số nhà của hộ không khớp"})
	require.NoError(t, err)
	require.Equal(t, cases.PartReturned, e.parts(t, id)[1].Status)
	items, err := e.cases.PartsOfAgency(ctx, ubnd)
	require.NoError(t, err)
	require.Len(t, items, 1)
	require.Equal(t, code, items[0].CaseCode)
	require.Equal(t, "Số nhà của hộ không khớp", items[0].Note)
	items, err = e.cases.PartsOfAgency(ctx, police)
	require.NoError(t, err)
	require.Empty(t, items, "no longer the police's to do")
	_, err = e.complete(e.police, id, 2, "CT-1")
	requireFault(t, err, fault.ECONFLICT, casework.MsgPartStatus)

	_, err = e.svc.ResendPart(ctx, e.police, id, 2, casework.PartInput{Note: "Đã sửa"})
	require.ErrorIs(t, err, casework.ErrNotFound, "only the lead agency sends a part again")
	_, err = e.svc.ResendPart(ctx, e.lead, id, 2, casework.PartInput{Note: "Đã xác minh lại: số 12 phố Huế"})
	require.NoError(t, err)
	p := e.parts(t, id)[1]
	require.Equal(t, cases.PartPending, p.Status)
	require.Equal(t, "Đã xác minh lại: số 12 phố Huế", p.Note)
	_, err = e.complete(e.police, id, 2, "CT-1")
	require.NoError(t, err)
}

// TestOfficerSeesOnlyOwnAgencyParts: an officer sees and acts only on the parts of their own
// agency, and only once the part has reached it: the police not the card, the social insurance
// of another province nothing, the lead agency not the others' parts.
func TestOfficerSeesOnlyOwnAgencyParts(t *testing.T) {
	t.Parallel()
	e := linkedSetup(t)
	ctx := context.Background()
	id, code := e.newLinkedCase(t)
	e.toProcessing(t, id)

	_, err := e.complete(e.police, id, 2, "CT-1")
	require.ErrorIs(t, err, casework.ErrNotFound, "not yet sent to the police")
	_, err = e.files.ForPartOfficer(ctx, e.police, code)
	require.ErrorIs(t, err, casework.ErrNotFound, "not yet sent to the police")

	e.step(t, id, casework.Approve)
	for _, try := range []struct {
		who casework.Actor
		seq int
	}{{e.police, 3}, {e.insurance, 2}, {e.elsewhere, 3}, {e.lead, 2}, {e.lead, 1}, {e.police, 1}, {e.police, 9}} {
		_, err := e.complete(try.who, id, try.seq, "X-1")
		require.ErrorIs(t, err, casework.ErrNotFound, "%s on part %d", try.who.AgencyCode, try.seq)
		_, err = e.svc.ReturnPart(ctx, try.who, id, try.seq, casework.PartInput{Note: "Sai"})
		require.ErrorIs(t, err, casework.ErrNotFound, "%s returning part %d", try.who.AgencyCode, try.seq)
	}
	citizen := casework.Actor{Kind: casework.KindCitizen, CitizenID: e.owner}
	_, err = e.complete(citizen, id, 2, "X-1")
	require.Equal(t, fault.EFORBIDDEN, fault.Code(err))

	items, err := e.cases.PartsOfAgency(ctx, "BHXH-48")
	require.NoError(t, err)
	require.Empty(t, items)
	_, err = e.files.ForPartOfficer(ctx, e.elsewhere, code)
	require.ErrorIs(t, err, casework.ErrNotFound)

	f, err := e.files.ForPartOfficer(ctx, e.police, code)
	require.NoError(t, err)
	require.Len(t, f.Parts, 3)
	require.Len(t, f.Mine, 1)
	require.Equal(t, "residence", f.Mine[0].Kind)
	var logged int
	require.NoError(t, e.pool.QueryRow(ctx, `SELECT count(*) FROM data_access_log WHERE reference = $1 AND actor_id = $2`,
		code, "staff:"+e.police.ID).Scan(&logged))
	require.Equal(t, 1, logged, "opening the case is written to the applicant's access log")

	_, err = e.svc.ResendPart(ctx, e.police, id, 3, casework.PartInput{Note: "x"})
	require.ErrorIs(t, err, casework.ErrNotFound, "the police cannot act as the lead agency")
}
