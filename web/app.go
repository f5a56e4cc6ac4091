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

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	helpdeskh "github.com/motlan/portal/handlers/helpdesk"
	"github.com/motlan/portal/handlers/public"
	staffh "github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/services/jobs"
	"github.com/motlan/portal/services/mydata"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/outcome"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signin"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/services/stats"
)

// App is the portal: its configuration, database pool and HTTP server.
type App struct {
	cfg      Config
	log      *slog.Logger
	pool     *pgxpool.Pool
	echo     *echo.Echo
	sessions *sessions

	metrics       *metrics
	tracing       *tracing
	staffSessions *staffSessions
	directory     *staffdir.Service

	jobs     *jobs.Runner
	stopJobs context.CancelFunc
}

// New opens the database and builds the portal. It does not listen yet.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("web: config: %w", err)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log = slog.New(requestIDHandler{log.Handler()})
	tr, err := newTracing(cfg)
	if err != nil {
		return nil, err
	}
	var tracer pgx.QueryTracer
	if tr.on {
		tracer = tr.queryTracer()
	}
	pool, err := database.OpenTraced(ctx, cfg.DatabaseURL, tracer)
	if err != nil {
		return nil, err
	}
	rp, err := signin.New(pool, signin.Config{
		Issuer:       cfg.OIDCIssuer,
		ClientID:     cfg.OIDCClientID,
		ClientSecret: cfg.OIDCClientSecret,
		RedirectURL:  cfg.BaseURL + "/auth/callback",
		Scopes:       cfg.OIDCScopes,
		SigningAlgs:  cfg.OIDCSigningAlgs,
		Claims:       cfg.Claims,
		Audience:     "citizen",
		Secret:       []byte(cfg.SessionSecret),
		Now:          cfg.Now,
	}, log)
	if err != nil {
		pool.Close()
		return nil, err
	}
	promMetrics := newMetrics(pool)
	reg, err := registry.New(registry.Config{
		BaseURL:      cfg.NDXPURL,
		ClientID:     cfg.NDXPClientID,
		ClientSecret: cfg.NDXPClientSecret,
		Timeout:      cfg.RegistryTimeout,
		Now:          cfg.Now,
		Wrap:         tr.transport,
		Observe:      promMetrics.observeRegistry,
	}, log)
	if err != nil {
		pool.Close()
		return nil, err
	}
	auditLog := audit.New(pool, cfg.Now)
	promMetrics.watchRegistry(reg)
	promMetrics.watchJobs(pool)
	cat := catalogue.New(pool)
	consents := consent.New(pool, cfg.Now)
	draftSvc := drafts.New(pool, cat, reg, auditLog, drafts.Config{TTL: cfg.DraftTTL, Now: cfg.Now}, log)
	caseSvc := cases.New(pool, cfg.Now, log)
	var receipts citizen.Receipts
	if r, err := receipt.NewRenderer(cfg.ReceiptFontDir); err != nil {
		// The portal still serves; only the PDF receipt says it is unavailable.
		log.Warn("PDF receipts unavailable", "error", err)
	} else {
		receipts = r
	}
	var mailer notify.Mailer = notify.NewDirMailer(cfg.MailDir)
	if cfg.SMTPAddr != "" {
		mailer = notify.NewSMTPMailer(cfg.SMTPAddr, cfg.SMTPFrom, cfg.SMTPUser, cfg.SMTPPassword)
	}
	notifier := notify.New(pool, cfg.BaseURL, cfg.Now)
	directory := staffdir.New(pool, cfg.Now)
	calendars := calendar.NewService(pool)
	deadlines := &casework.DeadlineWorker{Pool: pool, Calendars: calendars, Now: cfg.Now, Log: log,
		Reminder: reminder{pool: pool, directory: directory, notify: notifier, now: cfg.Now}}
	runner, err := jobs.New(pool, draftSvc, jobs.Config{Now: cfg.Now, Mailer: mailer, Deadlines: deadlines}, log)
	if err != nil {
		pool.Close()
		return nil, err
	}
	var resultKeys results.Keys = results.NewDBKeys(cfg.Now)
	if cfg.ResultKeyDir != "" {
		dk, err := results.NewDirKeys(cfg.ResultKeyDir, cfg.Now)
		if err != nil {
			pool.Close()
			return nil, err
		}
		resultKeys = dk
	}
	resultSvc, err := results.New(pool, resultKeys, cfg.ReceiptFontDir, cfg.Now)
	if err != nil {
		pool.Close()
		return nil, err
	}
	notifier.SetInserter(runner.Client())
	work := casework.New(pool, casework.Deps{
		Calendars: calendars, Procedures: processingDays{cat}, Officers: directory,
		Notifier: caseNotifier{cat: cat, notify: notifier}, Now: cfg.Now,
	})
	staffRP, err := signin.New(pool, signin.Config{
		Issuer:       cfg.StaffOIDCIssuer,
		ClientID:     cfg.StaffOIDCClientID,
		ClientSecret: cfg.StaffOIDCClientSecret,
		RedirectURL:  cfg.BaseURL + "/staff/auth/callback",
		Scopes:       []string{"openid", "profile", "email"},
		SigningAlgs:  cfg.OIDCSigningAlgs,
		Audience:     "staff",
		Secret:       []byte(cfg.SessionSecret),
		Now:          cfg.Now,
	}, log)
	if err != nil {
		pool.Close()
		return nil, err
	}
	helpdeskSvc := helpdesk.New(pool, auditLog, cfg.Now)
	helpdeskHandler := &helpdeskh.Handler{Lookups: helpdeskSvc, Notes: caseSvc, Names: cat}
	attachmentSvc := attachments.New(pool, attachments.PGBlobs{Pool: pool}, cfg.UploadMaxBytes, cfg.Now)
	outcomes := outcome.New(pool, work, resultSvc)
	a := &App{cfg: cfg, log: log, pool: pool, sessions: newSessions(pool, cfg), jobs: runner, metrics: promMetrics, tracing: tr,
		staffSessions: newStaffSessions(pool, cfg), directory: directory}
	staffHandler := &staffh.Handler{
		SignIn:    staffRP,
		Directory: a.directory,
		Sessions:  a.staffSessions,
		Queue:     queue.New(pool, cfg.Now),
		Catalogue: cat,
		Stats:     stats.New(pool, cfg.Now),
		Admin:     staffh.Admin{Calendar: calendars, Recompute: work.RecomputeDueDates, Schemas: cat, Now: cfg.Now},
		Casework: staffh.Casework{
			Cases:       caseSvc,
			Work:        work,
			Outcome:     outcomes,
			Attachments: attachmentSvc,
			Versions:    cat,
			Units:       catalogue.NewUnits(),
			Audit:       auditLog,
			VerifyURL:   cfg.BaseURL + "/verify",
		},
		BaseURL:       cfg.BaseURL,
		SecureCookies: cfg.Secure(),
		Log:           log,
	}
	a.echo = a.routes(helpdeskHandler, staffHandler,
		&public.Handler{
			Verifier:      resultSvc,
			Tracker:       helpdeskSvc,
			Names:         cat,
			Ready:         public.ReadinessFunc(func(ctx context.Context) (database.MigrationState, error) { return database.Migrations(ctx, pool) }),
			SecureCookies: cfg.Secure(),
		},
		&citizen.Handler{
			SignIn:        rp,
			Accounts:      citizens.New(pool, cfg.Now),
			Sessions:      a.sessions,
			MyData:        mydata.New(reg, consents, auditLog, log),
			Life:          citizen.Lifecycle{Work: work, Outcome: outcomes, Uploads: attachmentSvc},
			Notifications: notifier,
			Apply: citizen.Apply{
				Catalogue:   cat,
				Drafts:      draftSvc,
				Submitter:   cases.NewSubmitter(caseSvc, cat, calendars, notifier),
				Cases:       caseSvc,
				Attachments: attachmentSvc,
				Receipts:    receipts,
				Consents:    consents,
				Units:       catalogue.NewUnits(),
				Now:         cfg.Now,
			},
			BaseURL:       cfg.BaseURL,
			SecureCookies: cfg.Secure(),
			Log:           log,
		},
	)
	jobsCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	a.stopJobs = stop
	if err := runner.Start(jobsCtx); err != nil {
		stop()
		pool.Close()
		return nil, fmt.Errorf("web: start jobs: %w", err)
	}
	return a, nil
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

// Serve serves on ln until ctx ends, then lets requests in flight finish (10 s at most).
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
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

// Close stops the job runner (letting running jobs finish) and releases the database pool.
func (a *App) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.jobs.Stop(ctx); err != nil {
		a.log.Warn("stop jobs", "error", err)
	}
	a.stopJobs()
	if err := a.tracing.shutdown(ctx); err != nil {
		a.log.Warn("flush traces", "error", err)
	}
	a.pool.Close()
}
