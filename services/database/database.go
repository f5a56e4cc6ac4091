// Package database opens the portal's PostgreSQL pool and applies and checks its migrations.
package database

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultMaxConns is the pool size unless the URL sets pool_max_conns.
const DefaultMaxConns = 20

// DefaultConnectTimeout bounds a connection attempt unless the URL sets connect_timeout: a
// database host that does not answer at all (down, or cut off by the network) fails a request
// as unavailable in seconds, instead of after the system's TCP timeout of about two minutes.
const DefaultConnectTimeout = 5 * time.Second

// Open connects a pool to the database at url and checks that it answers.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	return OpenTraced(ctx, url, nil)
}

// OpenTraced is Open with a tracer for every query (nil: none).
func OpenTraced(ctx context.Context, url string, tracer pgx.QueryTracer) (*pgxpool.Pool, error) {
	pool, err := OpenUnchecked(ctx, url, tracer)
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database: ping: %w", err)
	}
	return pool, nil
}

// OpenUnchecked is OpenTraced without asking the database whether it answers: for a read
// replica, which the portal may start without (services/readpool).
func OpenUnchecked(ctx context.Context, url string, tracer pgx.QueryTracer) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database: parse url: %w", err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		// Requests, River's listener and workers share the pool: the default (4 on two cores)
		// is too small for them.
		cfg.MaxConns = DefaultMaxConns
	}
	if !strings.Contains(url, "connect_timeout") {
		cfg.ConnConfig.ConnectTimeout = DefaultConnectTimeout
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "motlan-portal"
	if tracer != nil {
		cfg.ConnConfig.Tracer = tracer
	}
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database: open: %w", err)
	}
	return pool, nil
}
