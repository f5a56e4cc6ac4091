package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/jobs"
	"github.com/motlan/portal/web"
)

// TestBackupRoundTrip is the restore drill of the README ("Backups and restore") in small: a
// migrated and seeded database with data-access log chains and a River job is dumped with
// pg_dump (custom format) and restored with pg_restore into a new database, which has every
// row of every table and whose log `portal audit verify` finds intact; a row altered after the
// restore is found.
func TestBackupRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	admin, err := pgxpool.New(ctx, os.Getenv(dbtest.EnvURL))
	require.NoError(t, err)
	t.Cleanup(admin.Close)
	bin := postgresBin(t, admin)

	source := createDatabase(t, admin, "backup_src")
	src := web.Config{DatabaseURL: source}
	require.NoError(t, migrate(ctx, src, quiet))
	require.NoError(t, seed(ctx, src, quiet, true))
	srcPool, err := database.Open(ctx, source)
	require.NoError(t, err)
	t.Cleanup(srcPool.Close)
	log := audit.New(srcPool, nil)
	for i, pid := range []string{"001088012345", "079175001234", "001088012345", "048095004321", "001088012345"} {
		require.NoError(t, log.Record(ctx, audit.Entry{SubjectPersonalID: pid, ActorKind: audit.ActorCitizen,
			ActorID: fmt.Sprintf("citizen:%d", i), ActorName: "Người dân", ActorRole: "citizen", Purpose: "citizen-view",
			Reference: fmt.Sprintf("CV-%d", i), Databases: []string{"population"}, Attributes: []string{"population.identity"},
			Outcome: audit.OutcomeOK}))
	}
	inserter, err := jobs.NewInserter(srcPool, quiet)
	require.NoError(t, err)
	_, err = inserter.Insert(ctx, jobs.PurgeArgs{}, nil)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, verifyAudit(ctx, src, &out))
	require.Contains(t, out.String(), "OK: 5 rows")

	dump := filepath.Join(t.TempDir(), "portal.dump")
	pgTool(t, bin, "pg_dump", "--format=custom", "--file="+dump, "--dbname="+source)
	restored := createDatabase(t, admin, "backup_restored")
	pgTool(t, bin, "pg_restore", "--exit-on-error", "--single-transaction", "--dbname="+restored, dump)

	dstPool, err := database.Open(ctx, restored)
	require.NoError(t, err)
	t.Cleanup(dstPool.Close)
	before, after := tableDigests(t, srcPool), tableDigests(t, dstPool)
	for _, must := range []string{"public.data_access_log", "public.river_job", "public.procedures", "public.goose_db_version"} {
		require.Contains(t, before, must, "the comparison covers %s", must)
		require.Positive(t, before[must].rows, must)
	}
	require.ElementsMatch(t, slices.Collect(maps.Keys(before)), slices.Collect(maps.Keys(after)), "the same tables")
	for _, table := range slices.Sorted(maps.Keys(before)) {
		require.Equal(t, before[table], after[table], "%s has the same rows after the restore", table)
	}
	state, err := database.Migrations(ctx, dstPool)
	require.NoError(t, err)
	require.True(t, state.UpToDate(), "the restored copy needs no migration: %+v", state)

	dst := web.Config{DatabaseURL: restored}
	t.Run("OKVerifies", func(t *testing.T) {
		out.Reset()
		require.NoError(t, verifyAudit(ctx, dst, &out))
		require.Contains(t, out.String(), "OK: 5 rows")
	})
	t.Run("OKChainsContinue", func(t *testing.T) {
		require.NoError(t, audit.New(dstPool, nil).Record(ctx, audit.Entry{SubjectPersonalID: "001088012345",
			ActorKind: audit.ActorCitizen, ActorID: "citizen:9", ActorName: "Người dân", ActorRole: "citizen",
			Purpose: "citizen-view", Reference: "CV-9", Databases: []string{"land"}, Attributes: []string{"land.parcels"},
			Outcome: audit.OutcomeOK}))
		out.Reset()
		require.NoError(t, verifyAudit(ctx, dst, &out))
		require.Contains(t, out.String(), "OK: 6 rows")
	})
	t.Run("ErrAlteredRow", func(t *testing.T) {
		_, err := dstPool.Exec(ctx, `ALTER TABLE data_access_log DISABLE TRIGGER data_access_log_no_update;
			UPDATE data_access_log SET actor_name = 'Người khác' WHERE seq = (SELECT min(seq) + 1 FROM data_access_log)`)
		require.NoError(t, err)
		out.Reset()
		var broken errChainBroken
		require.ErrorAs(t, verifyAudit(ctx, dst, &out), &broken)
		require.Contains(t, out.String(), "BROKEN at row")
		out.Reset()
		require.NoError(t, verifyAudit(ctx, src, &out), "the original is untouched")
	})
}

// postgresBin is the folder of the client programs of the server's major version, or "" for
// those on PATH; the test fails when there are none.
func postgresBin(t *testing.T, admin *pgxpool.Pool) string {
	t.Helper()
	var num int
	require.NoError(t, admin.QueryRow(context.Background(), `SELECT current_setting('server_version_num')::int`).Scan(&num))
	dir := fmt.Sprintf("/usr/lib/postgresql/%d/bin", num/10000)
	if _, err := os.Stat(filepath.Join(dir, "pg_restore")); err == nil {
		return dir
	}
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		_, err := exec.LookPath(tool)
		require.NoError(t, err, "%s is neither in %s nor on PATH: install the PostgreSQL %d client programs", tool, dir, num/10000)
	}
	return ""
}

// pgTool runs a PostgreSQL client program and fails the test with its output if it fails.
func pgTool(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	path := name
	if dir != "" {
		path = filepath.Join(dir, name)
	}
	out, err := exec.CommandContext(t.Context(), path, args...).CombinedOutput()
	require.NoError(t, err, "%s: %s", name, out)
}

// createDatabase creates an empty database on the test server, dropped after the test, and
// returns its URL (the server's superuser, as the backup tools connect).
func createDatabase(t *testing.T, admin *pgxpool.Pool, prefix string) string {
	t.Helper()
	suffix := make([]byte, 6)
	_, err := rand.Read(suffix)
	require.NoError(t, err)
	name := prefix + "_" + hex.EncodeToString(suffix)
	_, err = admin.Exec(context.Background(), "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE template0")
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		require.NoError(t, err)
	})
	u, err := url.Parse(os.Getenv(dbtest.EnvURL))
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}

// digest is what a table holds: its row count and a hash of its rows in a stable order.
type digest struct {
	rows int64
	hash string
}

// tableDigests reads every table outside the system schemas.
func tableDigests(t *testing.T, pool *pgxpool.Pool) map[string]digest {
	t.Helper()
	ctx := context.Background()
	rows, err := pool.Query(ctx, `SELECT schemaname, tablename FROM pg_tables
		WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`)
	require.NoError(t, err)
	names, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pgx.Identifier, error) {
		var schema, table string
		err := r.Scan(&schema, &table)
		return pgx.Identifier{schema, table}, err
	})
	require.NoError(t, err)
	out := make(map[string]digest, len(names))
	for _, n := range names {
		var d digest
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*), coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '')
			FROM `+n.Sanitize()+` t`).Scan(&d.rows, &d.hash))
		out[n[0]+"."+n[1]] = d
	}
	return out
}
