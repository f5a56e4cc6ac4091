package web

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/jobs"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/registryfeed"
	"github.com/motlan/portal/services/sms"
)

// buildJobs builds the River client that works the jobs: the email and SMS outboxes (SMS_DIR's
// development gateway: a real one is another sms.Gateway here), the deadline sweep
// with its reminders, the purge, the payments' reconciliation and refunds (services/payment),
// the monthly partitions of the data-access log and the case timeline, the updates issued
// results send the population database (services/registryfeed), and, with BLOB_STORE=s3, the
// hourly collection of the bucket's unreferenced objects.
// It comes last, because its workers use the other services.
func (a *App) buildJobs(s *services) (*jobs.Runner, error) {
	cfg := a.cfg
	mailer := notify.NewDirMailer(cfg.MailDir)
	if cfg.SMTPAddr != "" {
		mailer = notify.NewSMTPMailer(cfg.SMTPAddr, cfg.SMTPFrom, cfg.SMTPUser, cfg.SMTPPassword)
	}
	deadlines := &casework.DeadlineWorker{Pool: s.pool, Calendars: s.calendars, Agencies: agencyProvinces{s.catalogue}, Now: cfg.Now, Log: a.log,
		Reminder: dueReminder{notify.NewReminders(s.notify, s.directory)}}
	return jobs.New(s.pool, s.drafts, jobs.Config{Now: cfg.Now, Mailer: mailer, SMS: sms.NewDirGateway(cfg.SMSDir), Deadlines: deadlines,
		Payments: s.payments, Partitioned: []jobs.Partitioned{s.audit, s.cases},
		RegistryUpdates: &registryfeed.UpdateWorker{Registry: s.registry, Subjects: s.documents, Log: a.log}, Blobs: s.blobsGC}, a.log)
}

// startJobs starts working jobs, until Close stops them (letting running jobs finish). Jobs
// outlive the ctx New was given: they stop with the App, not with the start-up.
func (a *App) startJobs(ctx context.Context, runner *jobs.Runner) error {
	jobsCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	if err := runner.Start(jobsCtx); err != nil {
		stop()
		return fmt.Errorf("web: start jobs: %w", err)
	}
	a.cleanup.push(func(ctx context.Context) error {
		defer stop()
		if err := runner.Stop(ctx); err != nil {
			return fmt.Errorf("web: stop jobs: %w", err)
		}
		return nil
	})
	return nil
}
