// Command ndxp-sim runs the National Data Exchange Platform simulator for local
// development: the population, land and social insurance databases behind one gateway.
//
// Environment (defaults in brackets):
//
//	NDXP_ADDR           listen address [127.0.0.1:8082]
//	NDXP_CLIENT_ID      the portal's client ID [motlan-portal]
//	NDXP_CLIENT_SECRET  the portal's client secret [dev-ndxp-secret]
//	NDXP_ADMIN_TOKEN    bearer token of /admin/... [dev-ndxp-admin]
//	NDXP_SEED           seed of the synthetic citizens [1]
//	NDXP_CITIZENS       number of synthetic citizens [10000]
//	NDXP_FAULTS         initial faults, e.g. "land=latency:200ms,failure:0.5;insurance=failure:1" [none];
//	                    also answer:other-person (with other:<personal ID>), answer:empty, answer:incomplete
//	LOG_FORMAT          text or json [text]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/motlan/portal/sim/ndxp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "ndxp-sim:", err)
		os.Exit(1)
	}
}

// config is the simulator's environment, with defaults applied.
type config struct {
	Addr, LogFormat string
	Sim             ndxp.Config
}

func loadConfig(getenv func(string) string) (config, error) {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	cfg := config{
		Addr:      get("NDXP_ADDR", "127.0.0.1:8082"),
		LogFormat: get("LOG_FORMAT", "text"),
		Sim: ndxp.Config{
			Clients:    map[string]string{get("NDXP_CLIENT_ID", ndxp.DefaultClientID): get("NDXP_CLIENT_SECRET", ndxp.DefaultClientSecret)},
			AdminToken: get("NDXP_ADMIN_TOKEN", ndxp.DefaultAdminToken),
		},
	}
	var err error
	if cfg.Sim.Seed, err = strconv.ParseInt(get("NDXP_SEED", "1"), 10, 64); err != nil {
		return config{}, fmt.Errorf("NDXP_SEED: %w", err)
	}
	n, err := strconv.Atoi(get("NDXP_CITIZENS", "10000"))
	if err != nil || n < 0 || n > ndxp.MaxSynthetic {
		return config{}, fmt.Errorf("NDXP_CITIZENS %q: want 0..%d", getenv("NDXP_CITIZENS"), ndxp.MaxSynthetic)
	}
	cfg.Sim.Synthetic = n
	if cfg.Sim.Faults, err = ndxp.ParseFaults(getenv("NDXP_FAULTS")); err != nil {
		return config{}, fmt.Errorf("NDXP_FAULTS: %w", err)
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		return config{}, fmt.Errorf("LOG_FORMAT %q: want text or json", cfg.LogFormat)
	}
	return cfg, nil
}

// run serves until ctx is done. ready, if not nil, is told the address once listening.
func run(ctx context.Context, getenv func(string) string, logOut io.Writer, ready func(net.Addr)) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	var logger *slog.Logger
	if cfg.LogFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(logOut, nil))
	} else {
		logger = slog.New(slog.NewTextHandler(logOut, nil))
	}
	cfg.Sim.Logger = logger

	start := time.Now()
	sim, err := ndxp.New(cfg.Sim)
	if err != nil {
		return err
	}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	logger.Info("ndxp-sim: synthetic citizens generated",
		slog.Int("citizens", cfg.Sim.Synthetic),
		slog.Int64("seed", cfg.Sim.Seed),
		slog.Duration("took", time.Since(start)),
		slog.String("heap", fmt.Sprintf("%.1f MiB", float64(mem.HeapAlloc)/(1<<20))))

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           sim,
		ReadHeaderTimeout: 5 * time.Second,
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	clients := make([]string, 0, len(cfg.Sim.Clients))
	for id := range cfg.Sim.Clients {
		clients = append(clients, id)
	}
	logger.Info("ndxp-sim: listening",
		slog.String("addr", ln.Addr().String()),
		slog.Any("clients", clients),
		slog.Any("faults", cfg.Sim.Faults))
	if ready != nil {
		ready(ln.Addr())
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("ndxp-sim: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
