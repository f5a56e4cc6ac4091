package web

import (
	"context"

	"github.com/motlan/portal/handlers/citizen"
	helpdeskh "github.com/motlan/portal/handlers/helpdesk"
	"github.com/motlan/portal/handlers/public"
	staffh "github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/services/queue"
)

// handlers are the portal's four audiences' handlers, which routes mounts.
type handlers struct {
	helpdesk *helpdeskh.Handler
	staff    *staffh.Handler
	public   *public.Handler
	citizen  *citizen.Handler
}

// buildHandlers gives each handler the services it asks for, and the App its session stores.
// It acquires nothing.
func (a *App) buildHandlers(s *services) handlers {
	cfg := a.cfg
	a.sessions = newSessions(s.pool, cfg, a.log)
	a.staffSessions = newStaffSessions(s.pool, cfg, a.log)
	a.database = s.pool
	a.directory = s.directory
	a.limiter = s.limits
	var receipts citizen.Receipts // a nil *receipt.Renderer must stay a nil interface
	var slips staffh.SlipRenderer
	if s.receipts != nil {
		receipts, slips = s.receipts, s.receipts
	}
	pool := s.pool
	return handlers{
		helpdesk: &helpdeskh.Handler{Lookups: s.helpdesk, Notes: s.helpdesk, Views: s.helpdesk, Names: s.catalogue},
		staff: &staffh.Handler{
			SignIn:    s.staffSignIn,
			Directory: s.directory,
			Sessions:  a.staffSessions,
			Queue:     s.queue,
			Export:    queue.Exporter{Queue: s.exports, Log: s.audit}, // reads the replica, logs on the primary
			Catalogue: s.catalogue,
			Stats:     s.stats,
			Feedback:  s.feedback,
			Admin: staffh.Admin{Calendar: s.calendars, Provinces: s.units, Recompute: s.work.RecomputeDueDates, Schemas: s.catalogue,
				Now: cfg.Now},
			Casework: staffh.Casework{
				Cases:       s.cases,
				Work:        s.work,
				Outcome:     s.outcomes,
				Attachments: s.attachments,
				Versions:    s.catalogue,
				Units:       s.units,
				Files:       s.caseFiles,
				Receipts:    slips,
				Downloads:   casefile.Downloads{Files: s.attachments, Cases: s.caseFiles},
				Held:        s.documents, // documents of the applicant's store a case uses
			},
			Linked:        staffh.Linked{Cases: s.cases, Files: s.caseFiles, Outcome: s.outcomes, Work: s.work},
			Payments:      staffh.Payments{Merchant: s.payments, Fees: s.catalogue, Now: cfg.Now},
			BaseURL:       cfg.BaseURL,
			SecureCookies: cfg.Secure(),
			Log:           a.log,
		},
		public: &public.Handler{
			Verifier:      s.results,
			Tracker:       helpdesk.LockedTracker{Tracker: s.helpdesk, Guesses: s.limits, Rule: limitTrackCode, Log: a.log},
			Names:         s.catalogue,
			Map:           s.units,
			IPN:           s.payments,
			Shares:        s.documents,
			Ready:         public.ReadinessFunc(func(ctx context.Context) (database.MigrationState, error) { return database.Migrations(ctx, pool) }),
			SecureCookies: cfg.Secure(),
		},
		citizen: &citizen.Handler{
			SignIn:        s.citizenSignIn,
			Accounts:      s.citizens,
			Sessions:      a.sessions,
			MyData:        s.myData,
			Life:          citizen.Lifecycle{Work: s.work, Files: s.caseFiles, Outcome: s.outcomes, Drafts: s.outcomes},
			Notifications: s.notify,
			Contacts:      s.contacts,
			Ratings:       s.feedback,
			Payments:      s.payments,
			Documents:     s.documents,
			Clock:         cfg.Now,
			Apply: citizen.Apply{
				Catalogue:   s.catalogue,
				Drafts:      s.drafts,
				Submitter:   s.submitter,
				Cases:       s.cases,
				Attachments: s.attachments,
				Receipts:    receipts,
				Calendar:    s.calendars,
				Consents:    s.consents,
				Units:       s.units,
				Now:         cfg.Now,
			},
			BaseURL:       cfg.BaseURL,
			SecureCookies: cfg.Secure(),
			Log:           a.log,
		},
	}
}
