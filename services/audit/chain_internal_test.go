package audit

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
)

// Rows written as one global chain, before the log became per citizen, stay verifiable, and each
// citizen's new chain links to their last old row.
func TestOldGlobalChainThenCitizenChains(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	log := New(pool, func() time.Time { return now })
	old := func(seq int64, pid string, prev []byte) []byte {
		e := Entry{Seq: seq, SubjectPersonalID: pid, ActorKind: ActorCitizen, ActorID: "citizen:1", ActorName: "An",
			ActorRole: "citizen", Purpose: "citizen-view", Reference: "CV-1", Databases: []string{"population"},
			Attributes: []string{}, Outcome: OutcomeOK, AccessedAt: now}
		h := hashEntry(prev, e)
		_, err := pool.Exec(ctx, `INSERT INTO data_access_log (seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role,
			purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			e.Seq, e.SubjectPersonalID, e.ActorKind, e.ActorID, e.ActorName, e.ActorRole, e.Purpose, e.Reference,
			e.Databases, e.Attributes, e.Outcome, e.AccessedAt, prev, h)
		require.NoError(t, err)
		return h
	}
	// As the migration found them: three rows of the global chain, seq 1–3.
	h := old(1, "001088012345", make([]byte, sha256.Size))
	h = old(2, "079175001234", h)
	old(3, "001088012345", h)
	_, err := pool.Exec(ctx, `SELECT setval('data_access_log_seq', 4, false)`)
	require.NoError(t, err)

	require.NoError(t, log.Record(ctx, Entry{SubjectPersonalID: "001088012345", ActorKind: ActorStaff, ActorID: "staff:1",
		ActorName: "Cán bộ", ActorRole: "officer", Purpose: "1.001193", Reference: "X", Outcome: OutcomeOK}))
	require.NoError(t, log.Record(ctx, Entry{SubjectPersonalID: "048095004321", ActorKind: ActorStaff, ActorID: "staff:1",
		ActorName: "Cán bộ", ActorRole: "officer", Purpose: "1.001193", Reference: "Y", Outcome: OutcomeOK}))
	rep, err := log.Verify(ctx)
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
	require.Equal(t, int64(5), rep.Rows)

	var prevOfNew, hashOfOld []byte
	require.NoError(t, pool.QueryRow(ctx, `SELECT prev_hash FROM data_access_log WHERE seq = 4`).Scan(&prevOfNew))
	require.NoError(t, pool.QueryRow(ctx, `SELECT hash FROM data_access_log WHERE seq = 3`).Scan(&hashOfOld))
	require.Equal(t, hashOfOld, prevOfNew, "the citizen's first own row links to their last old one")

	// Editing an old row is still found.
	_, err = pool.Exec(ctx, `ALTER TABLE data_access_log DISABLE TRIGGER data_access_log_no_update`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE data_access_log SET actor_name = 'Someone' WHERE seq = 2`)
	require.NoError(t, err)
	rep, err = log.Verify(ctx)
	require.NoError(t, err)
	require.False(t, rep.OK)
	require.Equal(t, int64(2), rep.BrokenSeq, rep.Reason)
}
