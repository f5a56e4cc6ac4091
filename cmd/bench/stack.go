package main

import (
	"context"
	"fmt"
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
)

const (
	clientID          = "motlan-portal"
	clientSecret      = "bench-portal-secret"
	staffClientID     = "motlan-staff"
	staffClientSecret = "bench-staff-secret" //nolint:gosec // G101: the throwaway stack's own client, like clientSecret
)

// stack is everything the benchmark runs against: the database, the simulators (in this
// process) and the portal (its own process).
type stack struct {
	out        string // bench-output/<timestamp>
	dbURL      string
	pool       *pgxpool.Pool
	ndxp       *ndxp.Server
	ndxpURL    string
	issuer     string // the VNeID simulator
	portalAddr string // host:port the portal listens on
	portalURL  string
	portal     *portalProcess
	viewers    []string // personal IDs the VNeID simulator signs in (viewers.go): demo citizens first
	profiles   []string // files in out
	meter      *meter   // each run's cost per request (cost.go); nil before the portal runs
	cleanup    []func()
}

func (s *stack) close() {
	for i := len(s.cleanup) - 1; i >= 0; i-- {
		s.cleanup[i]()
	}
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func listen() (net.Listener, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	return ln, "http://" + ln.Addr().String(), nil
}

// freePort is a loopback port nothing listens on now, for a child process to take.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	return port, ln.Close()
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
		port, err := freePort()
		if err != nil {
			return err
		}
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

// startSimulators runs the NDXP and VNeID simulators on loopback in this process, and chooses
// the portal's address (the VNeID clients' redirect URIs name it).
func startSimulators(s *stack, citizens, viewers int) error {
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

	port, err := freePort()
	if err != nil {
		return err
	}
	s.portalAddr = fmt.Sprintf("127.0.0.1:%d", port)
	s.portalURL = "http://" + s.portalAddr
	simLn, issuer, err := listen()
	if err != nil {
		return err
	}
	s.issuer = issuer
	base := s.portalURL
	ids, pids, err := viewerIdentities(nd, viewers)
	if err != nil {
		return err
	}
	s.viewers = pids
	sim, err := vneid.New(vneid.Config{
		Issuer: issuer, Identities: ids,
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
	return nil
}
