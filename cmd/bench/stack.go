package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/cluster"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web"
)

const (
	clientID          = "motlan-portal"
	clientSecret      = "bench-portal-secret"
	staffClientID     = "motlan-staff"
	staffClientSecret = "bench-staff-secret"
)

// stack is everything the benchmark runs against, in this process.
type stack struct {
	dbURL     string
	pool      *pgxpool.Pool
	ndxp      *ndxp.Server
	ndxpURL   string
	portalURL string
	cleanup   []func()
}

func (s *stack) close() {
	for i := len(s.cleanup) - 1; i >= 0; i-- {
		s.cleanup[i]()
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func listen() (net.Listener, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	return ln, "http://" + ln.Addr().String(), nil
}

func serveHTTP(s *stack, ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	s.cleanup = append(s.cleanup, func() { _ = srv.Close() })
}

// startDatabase starts a throwaway cluster unless BENCH_DATABASE_URL is set, then migrates and seeds.
func startDatabase(ctx context.Context, s *stack) error {
	s.dbURL = os.Getenv("BENCH_DATABASE_URL")
	if s.dbURL == "" {
		dir, err := os.MkdirTemp("", "motlan-bench-pg-")
		if err != nil {
			return err
		}
		s.cleanup = append(s.cleanup, func() { _ = os.RemoveAll(dir) })
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		port := ln.Addr().(*net.TCPAddr).Port
		_ = ln.Close()
		c, err := cluster.New(dir, port)
		if err != nil {
			return err
		}
		if err := c.Start(ctx); err != nil {
			return err
		}
		s.cleanup = append(s.cleanup, func() { _ = c.Stop(context.Background()) })
		if err := c.CreateDatabase(ctx, "bench"); err != nil {
			return err
		}
		s.dbURL = c.URL("bench")
		fmt.Printf("bench: throwaway PostgreSQL on 127.0.0.1:%d\n", port)
	}
	pool, err := database.Open(ctx, s.dbURL)
	if err != nil {
		return err
	}
	s.pool = pool
	s.cleanup = append(s.cleanup, pool.Close)
	if _, err := database.Migrate(ctx, pool); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := catalogue.Seed(ctx, pool, time.Now()); err != nil {
		return fmt.Errorf("seed catalogue: %w", err)
	}
	if _, err := calendar.Seed(ctx, pool); err != nil {
		return fmt.Errorf("seed calendar: %w", err)
	}
	if _, err := staff.New(pool, nil).SeedDemo(ctx); err != nil {
		return fmt.Errorf("seed staff: %w", err)
	}
	return nil
}

// startServers runs the NDXP and VNeID simulators and the portal on loopback.
func startServers(ctx context.Context, s *stack, citizens int) error {
	t0 := time.Now()
	nd, err := ndxp.New(ndxp.Config{Synthetic: citizens, Seed: 1, Logger: quiet()})
	if err != nil {
		return err
	}
	fmt.Printf("bench: NDXP simulator with %d synthetic citizens built in %s\n", nd.SyntheticCitizens(), time.Since(t0).Round(time.Millisecond))
	s.ndxp = nd
	ndLn, ndURL, err := listen()
	if err != nil {
		return err
	}
	s.ndxpURL = ndURL
	serveHTTP(s, ndLn, nd)

	simLn, issuer, err := listen()
	if err != nil {
		return err
	}
	portalLn, base, err := listen()
	if err != nil {
		return err
	}
	s.portalURL = base
	sim, err := vneid.New(vneid.Config{
		Issuer: issuer,
		Clients: []vneid.Client{{
			ID: clientID, Secret: clientSecret, Audience: "citizen",
			RedirectURIs: []string{base + "/auth/callback"}, PostLogoutRedirectURIs: []string{base + "/"},
		}, {
			ID: staffClientID, Secret: staffClientSecret, Audience: "staff",
			RedirectURIs: []string{base + "/staff/auth/callback"}, PostLogoutRedirectURIs: []string{base + "/staff"},
		}},
		Logger: quiet(),
	})
	if err != nil {
		return err
	}
	serveHTTP(s, simLn, sim)

	mailDir, err := os.MkdirTemp("", "motlan-bench-mail-")
	if err != nil {
		return err
	}
	s.cleanup = append(s.cleanup, func() { _ = os.RemoveAll(mailDir) })
	env := map[string]string{
		"DATABASE_URL": s.dbURL, "PORTAL_BASE_URL": base, "OIDC_ISSUER": issuer,
		"OIDC_CLIENT_ID": clientID, "OIDC_CLIENT_SECRET": clientSecret,
		"STAFF_OIDC_CLIENT_ID": staffClientID, "STAFF_OIDC_CLIENT_SECRET": staffClientSecret,
		"NDXP_URL": ndURL, "NDXP_CLIENT_ID": ndxp.DefaultClientID, "NDXP_CLIENT_SECRET": ndxp.DefaultClientSecret,
		"MAIL_DIR": mailDir, "LOG_LEVEL": "error",
	}
	cfg, err := web.LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		return err
	}
	actx, cancel := context.WithCancel(ctx)
	app, err := web.New(actx, cfg, quiet())
	if err != nil {
		cancel()
		return err
	}
	done := make(chan error, 1)
	go func() { done <- app.Serve(actx, portalLn) }()
	s.cleanup = append(s.cleanup, func() {
		cancel()
		<-done
		app.Close()
	})
	return nil
}
