package database

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrationLockKey is the PostgreSQL advisory lock every `portal migrate` holds while it
// migrates. It is fixed, so all replicas and versions of the portal agree on it, and differs
// from goose's own key (5887940537704921958), which goose still takes inside it.
const migrationLockKey int64 = 0x6d6f746c616e0001 // "motlan" and 1

// lockMigrations waits for the migration lock on a connection of its own (not one of pool's,
// so a small pool cannot starve the migrations it guards) and returns what releases it.
// Should the process die, PostgreSQL releases the lock with the connection.
func lockMigrations(ctx context.Context, pool *pgxpool.Pool) (func() error, error) {
	conn, err := pgx.ConnectConfig(ctx, pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("database: migration lock: connect: %w", err)
	}
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLockKey); err != nil {
		return nil, fmt.Errorf("database: migration lock: %w", closeAfter(conn, err))
	}
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, migrationLockKey)
		if err != nil {
			err = fmt.Errorf("database: migration unlock: %w", err)
		}
		return closeAfter(conn, err)
	}, nil
}

// closeAfter closes conn (which releases any lock it still holds) and joins its error to err.
func closeAfter(conn *pgx.Conn, err error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if cerr := conn.Close(ctx); cerr != nil {
		return errors.Join(err, fmt.Errorf("database: migration lock: close: %w", cerr))
	}
	return err
}
