package audit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database/dbtest"
)

// TestArchiveAcrossMonths: a citizen's chain runs through November and December (two
// partitions) and still verifies; November's archive checks out offline and fails once
// tampered with; November is detached only after its export, and the chain then goes on from
// its anchor and still verifies.
func TestArchiveAcrossMonths(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	log := audit.New(pool, func() time.Time { return now })
	pids := []string{"001088012345", "079175001234"}
	record := func(n int) {
		for range n {
			for _, pid := range pids {
				require.NoError(t, log.Record(ctx, entry(pid, "citizen-view")))
			}
			now = now.Add(time.Hour)
		}
	}
	record(3) // November
	// The migration made December onwards (and a default partition, where November went):
	// November's partition takes its rows over.
	made, err := log.EnsurePartitions(ctx, now, 1)
	require.NoError(t, err)
	require.Contains(t, made, "data_access_log_2026_11")
	made, err = log.EnsurePartitions(ctx, now, 1)
	require.NoError(t, err)
	require.Empty(t, made, "a second call makes nothing")
	now = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	record(2) // December
	var parts int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT tableoid) FROM data_access_log`).Scan(&parts))
	require.Equal(t, 2, parts)
	verifyOK(t, log, 10)

	_, err = log.Detach(ctx, "2026-11")
	require.ErrorIs(t, err, audit.ErrNotDetachable, "never exported")

	var archive bytes.Buffer
	res, err := log.Export(ctx, "2026-11", &archive)
	require.NoError(t, err)
	require.Equal(t, int64(6), res.Rows)
	sum := sha256.Sum256(archive.Bytes())
	require.Equal(t, sum[:], res.SHA256)

	t.Run("ArchiveOK", func(t *testing.T) {
		rep, err := audit.VerifyArchive(bytes.NewReader(archive.Bytes()))
		require.NoError(t, err)
		require.Equal(t, audit.ArchiveReport{Month: "2026-11", Rows: 6, Subjects: 2}, rep)
	})
	t.Run("ErrArchiveTampered", func(t *testing.T) {
		lines := strings.Split(strings.TrimSuffix(archive.String(), "\n"), "\n")
		changed := strings.Replace(archive.String(), `"actor_name":"Nguyễn Văn An"`, `"actor_name":"Người khác"`, 1)
		_, err := audit.VerifyArchive(strings.NewReader(changed))
		require.ErrorContains(t, err, "content does not match its hash")
		removed := strings.Join(append(lines[:2:2], lines[3:]...), "\n") + "\n"
		_, err = audit.VerifyArchive(strings.NewReader(removed))
		require.ErrorContains(t, err, "is missing")
		other := strings.Replace(archive.String(), `"month":"2026-11"`, `"month":"2026-10"`, 1)
		_, err = audit.VerifyArchive(strings.NewReader(other))
		require.Error(t, err)
	})
	t.Run("Signature", func(t *testing.T) {
		key, created, err := audit.LoadOrCreateKey(filepath.Join(t.TempDir(), "archive.pem"))
		require.NoError(t, err)
		require.True(t, created)
		sig := audit.Sign(key, res.SHA256)
		fp := audit.KeyFingerprint(key.Public().(ed25519.PublicKey))
		require.NoError(t, sig.Verify(res.SHA256, fp))
		tampered := sha256.Sum256(append(archive.Bytes(), ' '))
		require.ErrorContains(t, sig.Verify(tampered[:], fp), "does not match")
		_, other, err := ed25519.GenerateKey(nil)
		require.NoError(t, err)
		require.ErrorContains(t, audit.Sign(other, res.SHA256).Verify(res.SHA256, fp), "made by key")
	})

	require.NoError(t, log.RecordExport(ctx, "2026-11", res, "SHA256:test"))
	_, err = log.Detach(ctx, "2026-12")
	require.ErrorIs(t, err, audit.ErrNotDetachable, "December has not ended")

	// A late row of November after the export (of a citizen with no row since: another's would
	// be dated after their December rows): the archive no longer holds the month.
	require.NoError(t, log.Record(ctx, audit.Entry{SubjectPersonalID: "048095004321", ActorKind: audit.ActorSystem,
		ActorID: "system", ActorName: "Cổng", ActorRole: "system", Purpose: "late", Outcome: audit.OutcomeOK,
		AccessedAt: time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)}))
	_, err = log.Detach(ctx, "2026-11")
	require.ErrorIs(t, err, audit.ErrNotDetachable, "changed since the export")
	archive.Reset()
	res, err = log.Export(ctx, "2026-11", &archive)
	require.NoError(t, err)
	require.Equal(t, int64(7), res.Rows)
	require.NoError(t, log.RecordExport(ctx, "2026-11", res, "SHA256:test"))

	part, err := log.Detach(ctx, "2026-11")
	require.NoError(t, err)
	require.Equal(t, "data_access_log_2026_11", part)
	var left int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM data_access_log_2026_11`).Scan(&left))
	require.Equal(t, 7, left, "the detached month is a table of its own")
	verifyOK(t, log, 4)
	record(1) // the chains go on from their anchors
	verifyOK(t, log, 6)
	var last int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT max(subject_seq) FROM data_access_log WHERE subject_personal_id = $1`,
		pids[0]).Scan(&last))
	require.Equal(t, int64(6), last, "the chain goes on after row 3, the last detached")
	require.ErrorContains(t, log.RecordExport(ctx, "2026-11", res, "SHA256:test"), "detached already")

	// Tampering with a row after the anchor is still found.
	_, err = pool.Exec(ctx, `ALTER TABLE data_access_log DISABLE TRIGGER data_access_log_no_update`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE data_access_log SET purpose = 'x' WHERE subject_personal_id = $1 AND subject_seq = 5`, pids[1])
	require.NoError(t, err)
	rep, err := log.Verify(ctx)
	require.NoError(t, err)
	require.False(t, rep.OK)
}

func verifyOK(t *testing.T, log *audit.Log, rows int64) {
	t.Helper()
	rep, err := log.Verify(context.Background())
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
	require.Equal(t, rows, rep.Rows)
}

// TestRecordNotBeforeChainHead: a row dated before the newest row of its citizen's chain (a
// registry answer timed before a concurrent access was recorded) takes that row's time, so
// the chain's order and its rows' months agree; another citizen's row keeps its own time.
func TestRecordNotBeforeChainHead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log, pool := setup(t)
	head := time.Date(2026, 12, 1, 0, 0, 0, 5000, time.UTC)
	early := time.Date(2026, 11, 30, 23, 59, 59, 0, time.UTC)
	first := entry("001088012345", "citizen-view")
	first.AccessedAt = head
	require.NoError(t, log.Record(ctx, first))
	late, other := entry("001088012345", "1.001193"), entry("079175001234", "1.001193")
	late.AccessedAt, other.AccessedAt = early, early
	require.NoError(t, log.Record(ctx, late, other))
	var got []time.Time
	for _, pid := range []string{"001088012345", "079175001234"} {
		var at time.Time
		require.NoError(t, pool.QueryRow(ctx, `SELECT accessed_at FROM data_access_log WHERE subject_personal_id = $1
			ORDER BY seq DESC LIMIT 1`, pid).Scan(&at))
		got = append(got, at.UTC())
	}
	require.Equal(t, []time.Time{head, early}, got)
	verifyOK(t, log, 3)
}
