// Package web assembles the portal's HTTP server: echo, middleware, routes, the render helper,
// the error handler and server-side sessions; and runs it with a graceful shutdown.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/ratelimit"
	staffdir "github.com/motlan/portal/services/staff"
)

// App is the portal: its configuration, the services behind it and its HTTP server.
type App struct {
	cfg  Config
	log  *slog.Logger
	echo *echo.Echo

	sessions      *sessions
	staffSessions *staffSessions
	directory     *staffdir.Service
	metrics       *metrics
	tracing       *tracing
	providers     []discoverer // the sign-in services, whose providers are checked at start-up
	database      pinger       // asked whether it answers when an error may be a cut connection (outage.go)

	cleanup cleanup // what Close releases, newest first

	limiter *ratelimit.Limiter // the rate limits every replica shares (limits.go)
}

// New opens the database and builds the portal, in three steps: the services
// (buildServices), the handlers (buildHandlers), the routes (routes); then it starts the job
// runner. It does not listen yet. When a step fails, what the earlier ones acquired is released.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("web: config: %w", err)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	a := &App{cfg: cfg, log: slog.New(requestIDHandler{log.Handler()})}
	if err := a.build(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) build(ctx context.Context) error {
	s, err := a.buildServices(ctx)
	if err != nil {
		return err
	}
	a.providers = []discoverer{s.citizenSignIn, s.staffSignIn}
	h := a.buildHandlers(s)
	a.echo = a.routes(h.helpdesk, h.staff, h.public, h.citizen)
	return a.startJobs(ctx, s.jobs)
}

// Handler is the portal's HTTP handler, for tests that serve it themselves.
func (a *App) Handler() http.Handler { return a.tracing.handler(a.echo) }

// Run listens on the configured address until ctx ends, then shuts down gracefully.
func (a *App) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", a.cfg.Addr, err)
	}
	return a.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then lets requests in flight finish (10 s at most). With
// OPERATOR_ADDR, the operator pages are served on their own listener there, for as long.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	stopOperator, err := a.startOperator()
	if err != nil {
		return err
	}
	defer stopOperator()
	srv := &http.Server{
		Handler:           a.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	stopCheck := a.checkProviders(ctx)
	defer stopCheck()
	a.log.Info("portal listening", "addr", ln.Addr().String(), "base_url", a.cfg.BaseURL)
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.log.Info("portal stopped")
	return nil
}

// Close releases what New built, newest first: it stops the job runner (letting running jobs
// finish, 10 s at most), closes the database pool and flushes the traces.
func (a *App) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.cleanup.run(ctx); err != nil {
		a.log.Warn("close", "error", err)
	}
}
