package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("MigrateIsIdempotent", func(t *testing.T) {
		url := dbtest.URL(t)
		getenv := func(k string) string {
			if k == "DATABASE_URL" {
				return url
			}
			return ""
		}
		require.NoError(t, run(ctx, []string{"migrate"}, getenv))
		require.NoError(t, run(ctx, []string{"migrate"}, getenv))
		pool, err := database.Open(ctx, url)
		require.NoError(t, err)
		defer pool.Close()
		state, err := database.Migrations(ctx, pool)
		require.NoError(t, err)
		require.True(t, state.UpToDate())
	})
	t.Run("ErrUnknownCommand", func(t *testing.T) {
		require.ErrorContains(t, run(ctx, []string{"fly"}, func(string) string { return "" }), "unknown command")
	})
	t.Run("ErrNoCommand", func(t *testing.T) {
		require.ErrorContains(t, run(ctx, nil, func(string) string { return "" }), "no command")
	})
	t.Run("ErrBadConfig", func(t *testing.T) {
		err := run(ctx, []string{"serve"}, func(k string) string {
			if k == "LOG_FORMAT" {
				return "xml"
			}
			return ""
		})
		require.ErrorContains(t, err, "LOG_FORMAT")
	})
}

func TestAuditVerify(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	pool, err := database.Open(ctx, url)
	require.NoError(t, err)
	defer pool.Close()
	log := audit.New(pool, nil)
	for i := 0; i < 3; i++ {
		require.NoError(t, log.Record(ctx, audit.Entry{SubjectPersonalID: "001088012345", ActorKind: audit.ActorCitizen,
			ActorID: "citizen:1", ActorName: "An", ActorRole: "citizen", Purpose: "citizen-view", Reference: "CV-1",
			Databases: []string{"land"}, Attributes: []string{"land.parcels"}, Outcome: audit.OutcomeOK}))
	}
	cfg := web.Config{DatabaseURL: url}
	var out bytes.Buffer
	require.NoError(t, verifyAudit(ctx, cfg, &out))
	require.Contains(t, out.String(), "OK: 3 rows")

	_, err = pool.Exec(ctx, `ALTER TABLE data_access_log DISABLE TRIGGER data_access_log_no_update;
		UPDATE data_access_log SET reference = 'CV-999' WHERE seq = 2`)
	require.NoError(t, err)
	out.Reset()
	err = verifyAudit(ctx, cfg, &out)
	require.ErrorContains(t, err, "row 2")
	require.Contains(t, out.String(), "BROKEN at row 2")
}

func TestStaffCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	cfg := web.Config{DatabaseURL: url}
	require.NoError(t, seed(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), false))
	var out bytes.Buffer
	require.NoError(t, staffCommand(ctx, cfg, []string{"add", "-login", "canbo.test", "-name", "Cán Bộ Thử", "-roles", "officer", "-agency", "UBND-00070"}, &out))
	require.Contains(t, out.String(), "added canbo.test")
	out.Reset()
	require.NoError(t, staffCommand(ctx, cfg, []string{"list"}, &out))
	require.Contains(t, out.String(), "canbo.test")
	require.Contains(t, out.String(), "active")
	require.NoError(t, staffCommand(ctx, cfg, []string{"disable", "canbo.test"}, &out))
	out.Reset()
	require.NoError(t, staffCommand(ctx, cfg, []string{"list"}, &out))
	require.Contains(t, out.String(), "disabled")
	require.Error(t, staffCommand(ctx, cfg, []string{"add", "-login", "x", "-name", "Y", "-roles", "officer"}, &out), "an officer needs an agency")
}
