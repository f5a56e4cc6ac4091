package casework_test

import (
	"context"
	"github.com/motlan/portal/services/cases/status"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/migrations"
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
		{e.owner, casework.ConfirmPayment, casework.Input{}},
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

// tamper runs sql with the append-only guard off, as someone with the table owner's rights
// could.
func (e *env) tamper(t *testing.T, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `ALTER TABLE case_events DISABLE TRIGGER case_events_no_update`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sql, args...); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `ALTER TABLE case_events ENABLE TRIGGER case_events_no_update`)
		return err
	})
	require.NoError(t, err)
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
		_, err := e.pool.Exec(ctx, `UPDATE case_events SET reason = 'khác' WHERE case_id = $1`, id)
		require.ErrorContains(t, err, "append-only")
		_, err = e.pool.Exec(ctx, `DELETE FROM case_events WHERE case_id = $1`, id)
		require.ErrorContains(t, err, "append-only")
	})
	t.Run("ForgedHashReplaced", func(t *testing.T) {
		id := e.walk(t)
		_, err := e.pool.Exec(ctx, `
			INSERT INTO case_events (case_id, at, actor_kind, actor_id, actor_name, from_status, to_status, seq, prev_hash, hash)
			VALUES ($1, now(), 'system', 'x', 'x', 10, 10, 1, $2, $2)`, id, make([]byte, 32))
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
		e.tamper(t, `UPDATE case_events SET reason = 'Không cần gì' WHERE id = $1`, target.ID)
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
		e.tamper(t, `UPDATE case_events SET at = at - interval '1 day' WHERE id = $1`, evs[1].ID)
		ok, broken, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, evs[1].ID, broken)
	})
	t.Run("ErrRemoved", func(t *testing.T) {
		id := e.walk(t)
		evs, err := e.svc.Events(ctx, e.owner, id)
		require.NoError(t, err)
		e.tamper(t, `DELETE FROM case_events WHERE id = $1`, evs[2].ID)
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
		e.tamper(t, `UPDATE case_events SET reason = 'Khác' WHERE id = $1`, evs[3].ID)
		e.tamper(t, `UPDATE case_events SET hash = case_event_hash(prev_hash, case_events) WHERE id = $1`, evs[3].ID)
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
		var id int64
		err := e.pool.QueryRow(ctx, `
			WITH d AS (
				INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
				VALUES (gen_random_uuid(), $1, $2, 1, now(), now(), now() + interval '1 day', now()) RETURNING id
			), c AS (
				INSERT INTO cases (code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
					agency_code, status, submitted_at, expected_due_on, data, provenance)
				SELECT $3, d.id, $1, '001088012345', 'Nguyễn Văn An', $2, 1, 'UBND-00070', 1, now(), current_date + 10, '{}', '{}'
				FROM d RETURNING id
			)
			INSERT INTO case_events (case_id, at, actor_kind, actor_id, actor_name, from_status, to_status, note)
			SELECT id, now(), 'citizen', 'citizen:1', 'Nguyễn Văn An', NULL, 1, '' FROM c RETURNING case_id`,
			e.owner.CitizenID, procedure, []string{"OLD-0001", "OLD-0002"}[i]).Scan(&id)
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
