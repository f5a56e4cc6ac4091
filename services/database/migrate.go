package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/motlan/portal/migrations"
)

// MigrationState tells how far the database is from the migrations built into this binary.
type MigrationState struct {
	Current int64 // version applied in the database
	Latest  int64 // newest version embedded in the binary
}

// UpToDate reports whether every embedded migration has been applied.
func (s MigrationState) UpToDate() bool { return s.Current >= s.Latest }

// Migrate applies River's (the job queue's) migrations, then every pending migration of the
// portal, each in its own transaction. Concurrent runs (replicas starting at once) are
// serialised by one advisory lock held around both (migrate_lock.go): goose's own lock covered only
// goose's half, and River's, run outside it, failed on a fresh database.
func Migrate(ctx context.Context, pool *pgxpool.Pool) (_ []string, err error) {
	unlock, err := lockMigrations(ctx, pool)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	river, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return nil, fmt.Errorf("database: river migrations: %w", err)
	}
	if _, err := river.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("database: river migrations: %w", err)
	}
	p, db, err := provider(pool, true)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, closeDB(db)) }()
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: migrate: %w", err)
	}
	applied := make([]string, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// Migrations reports the applied and the embedded migration versions.
func Migrations(ctx context.Context, pool *pgxpool.Pool) (_ MigrationState, err error) {
	p, db, err := provider(pool, false)
	if err != nil {
		return MigrationState{}, err
	}
	defer func() { err = errors.Join(err, closeDB(db)) }()
	current, latest, err := p.GetVersions(ctx)
	if err != nil {
		return MigrationState{}, fmt.Errorf("database: migration versions: %w", err)
	}
	return MigrationState{Current: current, Latest: latest}, nil
}

// provider returns goose's migration provider on a database/sql view of pool; the caller
// closes the returned *sql.DB with closeDB (which leaves the pool open).
func provider(pool *pgxpool.Pool, lock bool) (*goose.Provider, *sql.DB, error) {
	db := stdlib.OpenDBFromPool(pool)
	var opts []goose.ProviderOption
	if lock {
		locker, err := newSessionLocker()
		if err != nil {
			return nil, nil, errors.Join(err, closeDB(db))
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, opts...)
	if err != nil {
		return nil, nil, errors.Join(fmt.Errorf("database: migrations: %w", err), closeDB(db))
	}
	return p, db, nil
}

func closeDB(db *sql.DB) error {
	if err := db.Close(); err != nil {
		return fmt.Errorf("database: close the migrations' connection: %w", err)
	}
	return nil
}

func newSessionLocker() (lock.SessionLocker, error) {
	l, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, fmt.Errorf("database: migration lock: %w", err)
	}
	return l, nil
}
