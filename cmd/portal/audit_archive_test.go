package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// TestAuditArchive: `portal audit export` writes a month's archive and signature that `portal
// audit verify -archive` accepts offline, and refuses once a byte changed, even re-signed with
// the right key; `portal audit detach` detaches the month only after its export.
func TestAuditArchive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	pool, err := database.Open(ctx, url)
	require.NoError(t, err)
	defer pool.Close()
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	log := audit.New(pool, func() time.Time { return now })
	for i := range 3 {
		require.NoError(t, log.Record(ctx, audit.Entry{SubjectPersonalID: "001088012345", ActorKind: audit.ActorStaff,
			ActorID: "staff:1", ActorName: "Cán bộ", ActorRole: "officer", Purpose: "1.004222", Reference: "HS-1",
			Databases: []string{"portal"}, Attributes: []string{"case"}, Outcome: audit.OutcomeOK}))
		now = now.Add(time.Duration(i+1) * time.Hour)
	}
	_, err = log.EnsurePartitions(ctx, now, 0)
	require.NoError(t, err)

	dir := t.TempDir()
	keyFile := filepath.Join(dir, "keys", "archive.pem")
	cfg, err := web.LoadConfig(func(k string) string {
		return map[string]string{"DATABASE_URL": url, "AUDIT_ARCHIVE_KEY": keyFile}[k]
	})
	require.NoError(t, err)
	cfg.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
	file := filepath.Join(dir, "access-2026-11.jsonl")
	var out bytes.Buffer

	require.ErrorContains(t, auditCommand(ctx, cfg, []string{"detach", "-month", "2026-11"}, &out), "never exported")
	require.ErrorContains(t, auditCommand(ctx, cfg, []string{"export", "-month", "2026-11"}, &out), "usage")

	require.NoError(t, auditCommand(ctx, cfg, []string{"export", "-month", "2026-11", "-out", file}, &out))
	require.Contains(t, out.String(), "new archive signing key")
	require.Contains(t, out.String(), "3 rows of 2026-11")
	key, created, err := audit.LoadOrCreateKey(keyFile)
	require.NoError(t, err)
	require.False(t, created, "the key made by the export")
	fp := audit.KeyFingerprint(key.Public().(ed25519.PublicKey))

	t.Run("OK", func(t *testing.T) {
		var out bytes.Buffer
		require.NoError(t, auditCommand(ctx, cfg, []string{"verify", "-archive", file, "-key-fingerprint", fp}, &out))
		require.Contains(t, out.String(), "OK: 2026-11, 3 rows of 1 citizens")
	})
	t.Run("ErrOtherKey", func(t *testing.T) {
		err := verifyArchive(file, "SHA256:"+strings.Repeat("0", 64), &bytes.Buffer{})
		require.ErrorContains(t, err, "made by key")
	})
	original, err := os.ReadFile(file)
	require.NoError(t, err)
	tampered := bytes.Replace(original, []byte(`"reference":"HS-1"`), []byte(`"reference":"HS-2"`), 1)
	require.NotEqual(t, original, tampered)
	t.Run("ErrTampered", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "a.jsonl")
		require.NoError(t, os.WriteFile(f, tampered, 0o600))
		require.NoError(t, copyFile(file+".sig", f+".sig"))
		require.ErrorContains(t, verifyArchive(f, fp, &bytes.Buffer{}), "does not match the archive")
	})
	t.Run("ErrTamperedAndResigned", func(t *testing.T) {
		// Even the key's holder cannot change a row without breaking its chain.
		f := filepath.Join(t.TempDir(), "a.jsonl")
		require.NoError(t, os.WriteFile(f, tampered, 0o600))
		sum := sha256.Sum256(tampered)
		require.NoError(t, audit.WriteSignature(f+".sig", audit.Sign(key, sum[:])))
		require.ErrorContains(t, verifyArchive(f, fp, &bytes.Buffer{}), "content does not match its hash")
	})

	out.Reset()
	require.NoError(t, auditCommand(ctx, cfg, []string{"detach", "-month", "2026-11"}, &out))
	require.Contains(t, out.String(), "detached data_access_log_2026_11")
	var rows int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM data_access_log`).Scan(&rows))
	require.Zero(t, rows)
	out.Reset()
	require.NoError(t, auditCommand(ctx, cfg, []string{"verify"}, &out))
	require.Contains(t, out.String(), "OK: 0 rows")
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from) // #nosec G304 -- test files
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}
