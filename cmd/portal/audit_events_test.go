package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// TestCaseEventsArchive: `portal audit export -table case_events` writes a month of the case
// timeline as a signed archive that `portal audit verify -archive` recognises and accepts
// offline, and refuses once changed; `portal audit detach -table case_events` then detaches it.
func TestCaseEventsArchive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	pool, err := database.Open(ctx, url)
	require.NoError(t, err)
	defer pool.Close()
	submitted := time.Date(2026, 11, 10, 3, 0, 0, 0, time.UTC)
	require.NoError(t, catalogue.Seed(ctx, pool, submitted))
	an, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "an", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	_, err = cases.New(pool, nil, nil).EnsurePartitions(ctx, submitted, 0)
	require.NoError(t, err)
	_, err = casetest.Insert(ctx, pool, casetest.Spec{CitizenID: an.ID, Procedure: "1.001193", Agency: "UBND-00070",
		Submitted: submitted, Events: []casetest.Event{{To: status.New}, {At: submitted.Add(time.Hour), From: status.New,
			To: status.Received, ActorKind: "staff", ActorID: "canbo1", ActorName: "Cán bộ", Role: "officer", Action: "receive"}}})
	require.NoError(t, err)

	dir := t.TempDir()
	keyFile := filepath.Join(dir, "keys", "archive.pem")
	cfg, err := web.LoadConfig(func(k string) string {
		return map[string]string{"DATABASE_URL": url, "AUDIT_ARCHIVE_KEY": keyFile}[k]
	})
	require.NoError(t, err)
	cfg.Now = func() time.Time { return time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC) }
	file := filepath.Join(dir, "events-2026-11.jsonl")
	var out bytes.Buffer

	require.ErrorContains(t, auditCommand(ctx, cfg, []string{"export", "-table", "cases", "-month", "2026-11", "-out", file}, &out), "want data_access_log or case_events")
	require.ErrorContains(t, auditCommand(ctx, cfg, []string{"detach", "-table", "case_events", "-month", "2026-11"}, &out), "never exported")
	require.NoError(t, auditCommand(ctx, cfg, []string{"export", "-table", "case_events", "-month", "2026-11", "-out", file}, &out))
	require.Contains(t, out.String(), "2 case events of 2026-11")
	key, _, err := audit.LoadOrCreateKey(keyFile)
	require.NoError(t, err)
	fp := audit.KeyFingerprint(key.Public().(ed25519.PublicKey))

	out.Reset()
	require.NoError(t, auditCommand(ctx, cfg, []string{"verify", "-archive", file, "-key-fingerprint", fp}, &out))
	require.Contains(t, out.String(), "OK: case events of 2026-11, 2 events of 1 cases")

	original, err := os.ReadFile(file) // #nosec G304 -- the test's file
	require.NoError(t, err)
	tampered := bytes.Replace(original, []byte(`"actor_id":"canbo1"`), []byte(`"actor_id":"canbo2"`), 1)
	require.NotEqual(t, original, tampered)
	f := filepath.Join(t.TempDir(), "a.jsonl")
	require.NoError(t, os.WriteFile(f, tampered, 0o600))
	require.NoError(t, copyFile(file+".sig", f+".sig"))
	require.ErrorContains(t, verifyArchive(f, fp, &bytes.Buffer{}), "does not match the archive")
	// A data-access-log signature of the same bytes is no signature of a timeline archive.
	require.NoError(t, audit.WriteSignature(f+".sig", audit.Sign(key, sha256Of(original))))
	require.NoError(t, os.WriteFile(f, original, 0o600))
	require.ErrorContains(t, verifyArchive(f, fp, &bytes.Buffer{}), "does not match the archive")

	out.Reset()
	require.NoError(t, auditCommand(ctx, cfg, []string{"detach", "-table", "case_events", "-month", "2026-11"}, &out))
	require.Contains(t, out.String(), "detached case_events_2026_11")
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM case_events`).Scan(&n))
	require.Zero(t, n)
}

func sha256Of(b []byte) []byte {
	sum := sha256.Sum256(b)
	return sum[:]
}
