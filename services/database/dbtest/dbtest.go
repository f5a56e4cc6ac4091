// Package dbtest gives tests a fresh, migrated PostgreSQL database each, cloned from a template
// (pgtestdb). The server is TEST_DATABASE_URL when set (make test starts one); otherwise Main
// starts a throwaway private cluster for the test binary and removes it afterwards.
package dbtest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver pgtestdb uses
	"github.com/peterldowns/pgtestdb"

	"github.com/motlan/portal/migrations"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/cluster"
)

// EnvURL names the variable holding the test server's connection string.
const EnvURL = "TEST_DATABASE_URL"

// Main runs the package's tests, first starting a throwaway cluster when EnvURL is unset.
// Use it from TestMain: func TestMain(m *testing.M) { dbtest.Main(m) }.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv(EnvURL) != "" {
		return m.Run()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "motlan-testdb-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		return 1
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest: remove the throwaway cluster:", err)
		}
	}()
	port, err := freePort()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		return 1
	}
	c, err := cluster.New(dir, port)
	if err == nil {
		err = c.Start(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbtest: no TEST_DATABASE_URL and no throwaway cluster:", err)
		return 1
	}
	defer func() {
		if err := c.Stop(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest: stop the throwaway cluster:", err)
		}
	}()
	if err := os.Setenv(EnvURL, c.URL("postgres")); err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		return 1
	}
	return m.Run()
}

// New returns a pool on a fresh database with every migration applied; it is dropped when the
// test passes.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	conf := Config(t)
	pool, err := pgxpool.New(context.Background(), pgtestdb.Custom(t, conf, migrator{}).URL())
	if err != nil {
		t.Fatalf("dbtest: connect: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// URL returns the connection string of a fresh migrated database, for code that opens its own pool.
func URL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, Config(t), migrator{}).URL()
}

// Config describes the test server from EnvURL.
func Config(t testing.TB) pgtestdb.Config {
	t.Helper()
	raw := os.Getenv(EnvURL)
	if raw == "" {
		t.Fatalf("dbtest: %s is not set; call dbtest.Main from TestMain", EnvURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("dbtest: parse %s: %v", EnvURL, err)
	}
	pass, _ := u.User.Password()
	db := u.Path
	if len(db) > 0 && db[0] == '/' {
		db = db[1:]
	}
	if db == "" {
		db = "postgres"
	}
	return pgtestdb.Config{
		DriverName: "pgx",
		Host:       u.Hostname(),
		Port:       u.Port(),
		User:       u.User.Username(),
		Password:   pass,
		Database:   db,
		Options:    u.RawQuery,
		// Test code may leave a pool open on purpose (a portal under test closes its own pool
		// late); forcing disconnects keeps the cleanup reliable.
		ForceTerminateConnections: true,
	}
}

// migrator applies the embedded migrations to pgtestdb's template database.
type migrator struct{}

func (migrator) Hash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("dbtest: hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (migrator) Migrate(ctx context.Context, _ *sql.DB, conf pgtestdb.Config) error {
	pool, err := database.Open(ctx, conf.URL())
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = database.Migrate(ctx, pool)
	return err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}
