package casetest_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/forms"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	agency    = "UBND-00070"
	other     = "CA-00070"
	procedure = "1.001193"
)

func setup(t *testing.T) (*pgxpool.Pool, int64) {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	an, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "an", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	return pool, an.ID
}

func ptr[T any](v T) *T { return &v }

func TestInsert(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, citizen := setup(t)
	svc := cases.New(pool, nil, nil)
	submitted := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	received := submitted.Add(24 * time.Hour)
	due := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

	t.Run("AnyState", func(t *testing.T) {
		id, err := casetest.Insert(ctx, pool, casetest.Spec{Code: "UBND-00070-261102-0001", CitizenID: citizen, Procedure: procedure,
			Agency: agency, Status: status.Withdrawal, PrevStatus: status.Processing, Submitted: submitted, Received: &received,
			DueOn: &due, AssignedTo: "101", AssignedName: "Trần Văn Cán", Overdue: true, PaymentAmount: 10000,
			Events: []casetest.Event{
				{At: submitted, ActorKind: "citizen", ActorID: "citizen:1", ActorName: "Nguyễn Văn An", To: status.New},
				{At: received, ActorKind: "staff", ActorID: "101", ActorName: "Trần Văn Cán", Action: "receive", From: status.New, To: status.Received},
				{At: received.Add(time.Hour), ActorKind: "staff", Action: "start_processing", From: status.Received, To: status.Processing},
				{At: received.Add(2 * time.Hour), ActorKind: "citizen", Action: "request_withdrawal", From: status.Processing, To: status.Withdrawal,
					Reason: "Không cần nữa", Amount: ptr(int64(5)), DueOn: &due},
			}})
		require.NoError(t, err)
		c, err := svc.Get(ctx, pool, id)
		require.NoError(t, err)
		require.Equal(t, "UBND-00070-261102-0001", c.Code)
		require.Equal(t, status.Withdrawal, c.Status)
		require.Equal(t, status.Processing, c.PrevStatus)
		require.Equal(t, 1, c.Version)
		require.True(t, c.SubmittedAt.Equal(submitted))
		require.True(t, c.ReceivedAt.Equal(received))
		require.Equal(t, due, *c.DueOn)
		require.Equal(t, time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC), c.ExpectedDueOn, "the civil date + 10 days")
		require.Equal(t, "101", c.AssignedTo)
		require.Equal(t, "Trần Văn Cán", c.AssignedName)
		require.True(t, c.OverdueFlag)
		require.EqualValues(t, 10000, c.PaymentAmount)
		require.Equal(t, casetest.DefaultApplicantPID, c.ApplicantPID)
		require.Equal(t, citizen, c.CitizenID)

		evs, err := svc.Events(ctx, id)
		require.NoError(t, err)
		require.Len(t, evs, 4)
		for i, ev := range evs {
			require.Equal(t, i+1, ev.Seq, "numbered and chained by the database")
			require.Len(t, ev.Hash, 32)
		}
		require.Equal(t, "submit", evs[0].Action, "named by the database")
		require.Equal(t, "citizen", evs[0].Role)
		require.Equal(t, "casetest", evs[2].ActorID)
		require.Equal(t, "Không cần nữa", evs[3].Reason)
		require.EqualValues(t, 5, *evs[3].Amount)
	})
	t.Run("Defaults", func(t *testing.T) {
		id, err := casetest.Insert(ctx, pool, casetest.Spec{CitizenID: citizen, Procedure: procedure, Agency: agency})
		require.NoError(t, err)
		c, err := svc.Get(ctx, pool, id)
		require.NoError(t, err)
		require.Equal(t, status.New, c.Status)
		require.Regexp(t, `^UBND-00070-\d{6}-T\d+$`, c.Code)
		evs, err := svc.Events(ctx, id)
		require.NoError(t, err)
		require.Len(t, evs, 1, "the submission's event")
		require.Equal(t, "submit", evs[0].Action)
		require.Equal(t, casetest.DefaultApplicantName, evs[0].ActorName)
		require.True(t, evs[0].At.Equal(c.SubmittedAt))
	})
	t.Run("Parties", func(t *testing.T) {
		mother := cases.Party{ID: "mother", Kind: "parent", Label: forms.Text{VI: "Mẹ của trẻ", EN: "The child's mother"},
			FullName: "Đặng Thị Mai", PersonalID: "001301006789", Source: "population", Fields: []string{"mother_full_name"}}
		b, err := json.Marshal([]cases.Party{mother})
		require.NoError(t, err)
		id, err := casetest.Insert(ctx, pool, casetest.Spec{CitizenID: citizen, Procedure: procedure, Agency: agency, Parties: b,
			RoutingReasonVI: "nơi cư trú của mẹ", RoutingReasonEN: "where the mother lives"})
		require.NoError(t, err)
		c, err := svc.Get(ctx, pool, id)
		require.NoError(t, err)
		require.Equal(t, []cases.Party{mother}, c.Parties)
		require.Equal(t, forms.Text{VI: "nơi cư trú của mẹ", EN: "where the mother lives"}, c.RoutingReason)

		id, err = casetest.Insert(ctx, pool, casetest.Spec{CitizenID: citizen, Procedure: procedure, Agency: agency})
		require.NoError(t, err)
		c, err = svc.Get(ctx, pool, id)
		require.NoError(t, err)
		require.Empty(t, c.Parties, "the column's default")
		require.Zero(t, c.RoutingReason)
	})
	t.Run("NoEvents", func(t *testing.T) {
		id, err := casetest.Insert(ctx, pool, casetest.Spec{CitizenID: citizen, Procedure: procedure, Agency: agency, NoEvents: true})
		require.NoError(t, err)
		n, err := casetest.CountEvents(ctx, pool, id)
		require.NoError(t, err)
		require.Zero(t, n)
		evID, err := casetest.AddEvent(ctx, pool, id, casetest.Event{To: status.New, Seq: 7, Hash: make([]byte, 32)})
		require.NoError(t, err)
		evs, err := svc.Events(ctx, id)
		require.NoError(t, err)
		require.Equal(t, evID, evs[0].ID)
		require.Equal(t, 1, evs[0].Seq, "the claimed seq is replaced")
	})
	t.Run("ErrMissing", func(t *testing.T) {
		_, err := casetest.Insert(ctx, pool, casetest.Spec{CitizenID: citizen, Procedure: procedure})
		require.ErrorContains(t, err, "Agency")
		_, err = casetest.Insert(ctx, pool, casetest.Spec{CitizenID: citizen, Procedure: procedure, Agency: "NO-SUCH"})
		var pgErr *pgconn.PgError
		require.ErrorAs(t, err, &pgErr)
		require.Equal(t, "23503", pgErr.Code, "no such agency")
	})
}

func TestRawWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, citizen := setup(t)
	newCase := func(s casetest.Spec) int64 {
		s.CitizenID, s.Procedure = citizen, procedure
		if s.Agency == "" {
			s.Agency = agency
		}
		id, err := casetest.Insert(ctx, pool, s)
		require.NoError(t, err)
		return id
	}

	t.Run("SetStatusRaw", func(t *testing.T) {
		id := newCase(casetest.Spec{Status: status.Processing})
		err := casetest.SetStatusRaw(ctx, pool, id, status.New)
		var pgErr *pgconn.PgError
		require.ErrorAs(t, err, &pgErr)
		require.Equal(t, "cases_status_transition", pgErr.ConstraintName)
		st, err := casetest.Status(ctx, pool, id)
		require.NoError(t, err)
		require.Equal(t, status.Processing, st)
		require.NoError(t, casetest.SetStatusRaw(ctx, pool, id, status.Withdrawal), "prev_status kept as the checks want")
		require.NoError(t, casetest.SetStatusRaw(ctx, pool, id, status.Processing))
		require.NoError(t, casetest.SetStatusRaw(ctx, pool, id, status.Done), "with an outcome")
		st, err = casetest.Status(ctx, pool, id)
		require.NoError(t, err)
		require.Equal(t, status.Done, st)
	})
	t.Run("UpdateRaw", func(t *testing.T) {
		a := newCase(casetest.Spec{Agency: other})
		b := newCase(casetest.Spec{Agency: other})
		n, err := casetest.UpdateRaw(ctx, pool, []int64{a, b}, casetest.Set{AssignedTo: "x", NextVersion: true})
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
		c, err := cases.New(pool, nil, nil).Get(ctx, pool, a)
		require.NoError(t, err)
		require.Equal(t, 2, c.Version)
		require.Equal(t, "x", c.AssignedTo)

		ids, err := casetest.IDs(ctx, pool, other, status.New)
		require.NoError(t, err)
		require.Equal(t, []int64{a, b}, ids)
		_, err = casetest.UpdateRaw(ctx, pool, ids, casetest.Set{Status: status.Delivered})
		require.Error(t, err, "the transition trigger still applies")
		_, err = casetest.UpdateRaw(ctx, pool, ids[:1], casetest.Set{Status: status.Received, Received: ptr(time.Now()), DueOn: ptr(time.Now())})
		require.NoError(t, err)
		counts, err := casetest.CountByStatus(ctx, pool, other)
		require.NoError(t, err)
		require.Equal(t, map[status.Status]int{status.New: 1, status.Received: 1}, counts)
		_, err = casetest.UpdateRaw(ctx, pool, ids, casetest.Set{})
		require.Error(t, err)
	})
	t.Run("Events", func(t *testing.T) {
		id := newCase(casetest.Spec{})
		_, err := casetest.AddEvent(ctx, pool, id, casetest.Event{ActorKind: "staff", Action: "receive", From: status.New, To: status.Received})
		require.NoError(t, err)
		require.ErrorContains(t, casetest.UpdateEventsRaw(ctx, pool, id, "khác"), "append-only")
		require.ErrorContains(t, casetest.DeleteEventsRaw(ctx, pool, id), "append-only")

		evs, err := cases.New(pool, nil, nil).Events(ctx, id)
		require.NoError(t, err)
		require.NoError(t, casetest.TamperEvent(ctx, pool, evs[1].ID, casetest.Tampering{Reason: ptr("Khác"), Shift: -24 * time.Hour, Rehash: true}))
		after, err := cases.New(pool, nil, nil).Events(ctx, id)
		require.NoError(t, err)
		require.Equal(t, "Khác", after[1].Reason)
		require.True(t, after[1].At.Equal(evs[1].At.Add(-24*time.Hour)))
		require.NotEqual(t, evs[1].Hash, after[1].Hash, "rehashed")
		require.ErrorContains(t, casetest.UpdateEventsRaw(ctx, pool, id, "khác"), "append-only", "the guard is back on")

		require.NoError(t, casetest.TamperEvent(ctx, pool, evs[0].ID, casetest.Tampering{Delete: true}))
		n, err := casetest.CountEvents(ctx, pool, id)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Error(t, casetest.TamperEvent(ctx, pool, evs[0].ID, casetest.Tampering{Delete: true}), "no such event")
	})
	t.Run("NoRows", func(t *testing.T) {
		_, err := casetest.ApologyOf(ctx, pool, 1<<40)
		require.ErrorIs(t, err, pgx.ErrNoRows)
		require.ErrorContains(t, casetest.SetResultSHA256(ctx, pool, "NO-KQ1", make([]byte, 32)), "0 rows changed")
		n, err := casetest.CountResults(ctx, pool)
		require.NoError(t, err)
		require.Zero(t, n)
	})
}

func TestCopyCases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, citizen := setup(t)
	drafts := make([]uuid.UUID, 3)
	for i := range drafts {
		drafts[i] = uuid.New()
		_, err := pool.Exec(ctx, `INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
			VALUES ($1, $2, $3, 1, now(), now(), now(), now())`, drafts[i], citizen, procedure)
		require.NoError(t, err)
	}
	n, err := casetest.CopyCases(ctx, pool, 2, func(i int) casetest.Spec {
		s := casetest.Spec{DraftID: drafts[i], CitizenID: citizen, Procedure: procedure, Agency: []string{agency, other}[i]}
		if i == 1 {
			s.Status, s.Received, s.DueOn = status.Received, ptr(time.Now()), ptr(time.Now())
		}
		return s
	})
	require.NoError(t, err)
	require.EqualValues(t, 2, n)

	got, err := casetest.SubmissionCheck(ctx, pool, drafts)
	require.NoError(t, err)
	require.Equal(t, casetest.Submitted{Cases: 2, Drafts: 2, NotNew: 1, Agencies: []string{other, agency}}, got)
	require.Zero(t, got.Duplicates())
	got, err = casetest.SubmissionCheck(ctx, pool, nil)
	require.NoError(t, err)
	require.Equal(t, casetest.Submitted{Agencies: []string{}}, got)

	counts, err := casetest.CountByStatus(ctx, pool, other)
	require.NoError(t, err)
	require.Equal(t, map[status.Status]int{status.Received: 1}, counts)

	_, err = casetest.CopyCases(ctx, pool, 1, func(int) casetest.Spec {
		return casetest.Spec{CitizenID: citizen, Procedure: procedure, Agency: agency}
	})
	require.ErrorContains(t, err, "DraftID")
}
