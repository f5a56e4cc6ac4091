package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/demo"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/web"
)

// seed loads the reference data the portal ships with: agencies, procedures (a published form
// version is never overwritten), the holidays of the shipped calendar file and the office hours.
// With demo, it also loads the development staff directory (the simulator's staff accounts) and
// the demo history (services/demo): made-up cases flagged demo, added once. Results issued
// before the document store existed are recorded in their holders' stores (documents.Backfill). Production runs
// `portal seed` without demo, so neither is ever loaded there unless asked.
func seed(ctx context.Context, cfg web.Config, log *slog.Logger, withDemo bool) error {
	pool, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := catalogue.Seed(ctx, pool, time.Now()); err != nil {
		return err
	}
	seeded, err := calendar.Seed(ctx, pool)
	if err != nil {
		return err
	}
	staffCount, history := 0, demo.Result{}
	if withDemo {
		if staffCount, err = staff.New(pool, nil).SeedDemo(ctx); err != nil {
			return err
		}
		if history, err = demo.Seed(ctx, pool, demo.Cases, time.Now()); err != nil {
			return err
		}
	}
	// Results issued before "Giấy tờ của tôi" existed go into their holders' stores (once).
	docs, err := documents.New(pool, documents.Deps{}, nil)
	if err != nil {
		return err
	}
	backfilled, err := docs.Backfill(ctx)
	if err != nil {
		return err
	}
	log.Info("seeded", "calendar_days", seeded.Days, "office_hours", seeded.OfficeHours, "demo_staff", staffCount,
		"demo_cases_added", history.Cases, "results_backfilled", backfilled)
	return nil
}
