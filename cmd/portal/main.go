// Command portal runs the Một Lần portal.
//
//	portal serve     serve HTTP until SIGINT or SIGTERM
//	portal migrate   apply pending database migrations
//	portal seed [demo]
//	                 load the procedure catalogue, agencies and holiday calendar (idempotent);
//	                 with demo, also the development staff directory
//	portal staff add|list|disable
//	                 manage the staff directory
//	portal audit verify [-archive FILE] | export [-table case_events] -month YYYY-MM -out FILE | detach [-table case_events] -month YYYY-MM
//	                 check the data-access log's hash chains (or an archive, offline); write a
//	                 month's signed archive; detach an exported month's partition
//	portal blobs gc [-grace 24h]
//	                 delete the S3 objects no file names (BLOB_STORE=s3)
//
// Configuration comes from the environment; README.md lists every variable and its default.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

const usage = `usage: portal <command>

commands:
  serve     serve the portal until interrupted
  migrate   apply pending database migrations
  seed [demo]
            load the procedure catalogue, agencies and holiday calendar (idempotent);
            with demo, also the development staff directory
  staff add|list|disable
            manage the staff directory
  audit verify [-archive FILE [-key-fingerprint SHA256:…]]
            check the data-access log's hash chains and name the first broken row; with
            -archive, check a month's archive and its signature offline
  audit export [-table case_events] -month YYYY-MM -out FILE
            write the signed archive of a (UTC) month of the data-access log, or of the case
            timeline with -table case_events (FILE, FILE.sig)
  audit detach [-table case_events] -month YYYY-MM
            detach an exported month's partition from the data-access log (or the case timeline)
  blobs gc [-grace 24h]
            delete the S3 objects no file or issued document names, older than the grace period
            (BLOB_STORE=s3; the portal's jobs also run it hourly)`

func run(ctx context.Context, args []string, getenv func(string) string) error {
	if len(args) == 0 {
		return fmt.Errorf("no command\n%s", usage)
	}
	cfg, err := web.LoadConfig(getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := newLogger(cfg)
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, log)
	case "migrate":
		return migrate(ctx, cfg, log)
	case "seed":
		return seed(ctx, cfg, log, len(args) > 1 && args[1] == "demo")
	case "staff":
		return staffCommand(ctx, cfg, args[1:], os.Stdout)
	case "audit":
		return auditCommand(ctx, cfg, args[1:], os.Stdout)
	case "blobs":
		return blobsCommand(ctx, cfg, args[1:], os.Stdout)
	case "help", "-h", "--help":
		fmt.Println(usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

func serve(ctx context.Context, cfg web.Config, log *slog.Logger) error {
	tuneGC()
	app, err := web.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.Run(ctx)
}

func migrate(ctx context.Context, cfg web.Config, log *slog.Logger) error {
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	applied, err := database.Migrate(ctx, pool)
	if err != nil {
		return err
	}
	state, err := database.Migrations(ctx, pool)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "applied", applied, "version", state.Current)
	return nil
}

// newLogger is chosen once here: text for people in development, JSON for log collectors.
func newLogger(cfg web.Config) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	return slog.New(h)
}
