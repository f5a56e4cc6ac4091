package casework_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/migrations"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
)

// walk takes a case from submission to delivery.
func (e *env) walk(t *testing.T) int64 {
	t.Helper()
	ctx := context.Background()
	id := e.newCase(t, spec{})
	steps := []struct {
		actor  casework.Actor
		action casework.Action
		in     casework.Input
	}{
		{officer, casework.Receive, casework.Input{}},
		{officer, casework.StartProcessing, casework.Input{}},
		{officer, casework.RequestSupplement, casework.Input{Reason: "Giấy xác nhận nơi ở"}},
		{e.owner, casework.AnswerSupplement, casework.Input{Reason: "Đã bổ sung"}},
		{supervisor, casework.RequestPayment, casework.Input{Reason: "Lệ phí", Amount: 10000}},
		{system, casework.ConfirmPayment, casework.Input{}},
		{officer, casework.Approve, casework.Input{}},
		{e.owner, casework.Deliver, casework.Input{}},
	}
	version := 1
	for _, s := range steps {
		c, err := e.svc.Do(ctx, s.actor, id, version, s.action, s.in)
		require.NoError(t, err, s.action)
		version = c.Version
	}
	return id
}

// tamper changes one stored event with the append-only guard off, as someone with the table
// owner's rights could.
func (e *env) tamper(t *testing.T, eventID int64, change casetest.Tampering) {
	t.Helper()
	require.NoError(t, casetest.TamperEvent(context.Background(), e.pool, eventID, change))
}

func TestEventChain(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		id := e.walk(t)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		require.Len(t, evs, 9)
		for i, ev := range evs {
			require.Equal(t, i+1, ev.Seq)
			require.Len(t, ev.Hash, 32)
			if i > 0 {
				require.Equal(t, evs[i-1].Hash, ev.PrevHash)
			}
		}
		first := evs[0]
		require.Equal(t, "submit", first.Action, "the submission event written by services/cases is named and chained")
		require.Equal(t, casework.RoleCitizen, first.Role)
		require.Equal(t, make([]byte, 32), first.PrevHash)
		require.Zero(t, first.FromStatus)
		pay := evs[5]
		require.Equal(t, string(casework.RequestPayment), pay.Action)
		require.EqualValues(t, 10000, *pay.Amount)
		require.Equal(t, supervisor.ID, pay.ActorID)
		require.Equal(t, casework.RoleSupervisor, pay.Role)
		ok, broken, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.True(t, ok)
		require.Zero(t, broken)
	})
	t.Run("ErrAppendOnly", func(t *testing.T) {
		id := e.walk(t)
		require.ErrorContains(t, casetest.UpdateEventsRaw(ctx, e.pool, id, "khác"), "append-only")
		require.ErrorContains(t, casetest.DeleteEventsRaw(ctx, e.pool, id), "append-only")
	})
	t.Run("ForgedHashReplaced", func(t *testing.T) {
		id := e.walk(t)
		_, err := casetest.AddEvent(ctx, e.pool, id, casetest.Event{ActorKind: "system", ActorID: "x", ActorName: "x",
			From: status.Delivered, To: status.Delivered, Seq: 1, PrevHash: make([]byte, 32), Hash: make([]byte, 32)})
		require.NoError(t, err)
		ok, _, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.True(t, ok, "the database computes seq and hashes whatever the writer says")
	})
	t.Run("ErrAltered", func(t *testing.T) {
		id := e.walk(t)
		other := e.walk(t)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		target := evs[3] // the supplement request
		e.tamper(t, target.ID, casetest.Tampering{Reason: ptr("Không cần gì")})
		ok, broken, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, target.ID, broken)
		ok, _, err = e.svc.VerifyEvents(ctx, other)
		require.NoError(t, err)
		require.True(t, ok, "chains are per case")
	})
	t.Run("ErrAlteredTime", func(t *testing.T) {
		id := e.walk(t)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		e.tamper(t, evs[1].ID, casetest.Tampering{Shift: -24 * time.Hour})
		ok, broken, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, evs[1].ID, broken)
	})
	t.Run("ErrRemoved", func(t *testing.T) {
		id := e.walk(t)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		e.tamper(t, evs[2].ID, casetest.Tampering{Delete: true})
		ok, broken, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, evs[3].ID, broken, "the event after the gap")
	})
	t.Run("ErrRehashedWithoutLink", func(t *testing.T) {
		// Recomputing one event's hash in place is not enough: the next event's link breaks.
		id := e.walk(t)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		e.tamper(t, evs[3].ID, casetest.Tampering{Reason: ptr("Khác")})
		e.tamper(t, evs[3].ID, casetest.Tampering{Rehash: true})
		ok, broken, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, evs[4].ID, broken)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, _, err := e.svc.VerifyEvents(ctx, 1<<40)
		require.ErrorIs(t, err, casework.ErrNotFound)
	})
}

// TestMigrationChainsExistingEvents: a database with cases submitted before the casework
// migration gets their events chained by it, and the migration can be rolled back.
func TestMigrationChainsExistingEvents(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	db := stdlib.OpenDBFromPool(e.pool)
	defer func() { require.NoError(t, db.Close()) }()
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS)
	require.NoError(t, err)
	_, err = p.DownTo(ctx, 7)
	require.NoError(t, err)

	// Two cases, as services/cases wrote them before: one event each, no hash.
	var ids []int64
	for i := range 2 {
		id, err := casetest.Insert(ctx, e.pool, casetest.Spec{Code: []string{"OLD-0001", "OLD-0002"}[i],
			CitizenID: e.owner.CitizenID, Procedure: procedure, Agency: agencyX,
			Submitted: time.Now(), ExpectedDueOn: calendar.Date(time.Now()).AddDate(0, 0, 10),
			Events: []casetest.Event{{ActorKind: "citizen", ActorID: "citizen:1", ActorName: "Nguyễn Văn An", To: status.New}}})
		require.NoError(t, err)
		ids = append(ids, id)
	}
	_, err = p.Up(ctx)
	require.NoError(t, err)

	for _, id := range ids {
		ok, _, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.True(t, ok)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		require.Equal(t, "submit", evs[0].Action)
		c, err := e.svc.Do(ctx, officer, id, 1, casework.Receive, casework.Input{})
		require.NoError(t, err)
		require.Equal(t, status.Received, c.Status)
		ok, _, err = e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.True(t, ok)
	}
}
