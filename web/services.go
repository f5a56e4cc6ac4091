package web

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/ereceipt"
	"github.com/motlan/portal/services/feedback"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/services/jobs"
	"github.com/motlan/portal/services/mydata"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/outcome"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/ratelimit"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/services/registryfeed"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signin"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/services/stats"
)

// services are the portal's domain services, each built once here by its constructor.
type services struct {
	pool          *pgxpool.Pool
	citizenSignIn *signin.Service
	staffSignIn   *signin.Service
	registry      *registry.Client
	audit         *audit.Log
	catalogue     *catalogue.Service
	units         *catalogue.Units // the administrative map, parsed once
	consents      *consent.Service
	drafts        *drafts.Service
	cases         *cases.Service
	blobsGC       jobs.BlobCollector // the S3 store's collection (services/jobs); nil with the PostgreSQL store
	submitter     *cases.Submitter
	receipts      *receipt.Renderer // nil when the fonts are missing
	notify        *notify.Service
	directory     *staffdir.Service
	calendars     *calendar.Service
	work          *casework.Service
	results       *results.Service
	outcomes      *outcome.Service
	caseFiles     *casefile.Service
	helpdesk      *helpdesk.Service
	attachments   *attachments.Service
	queue         *queue.Service
	stats         *stats.Service
	exports       *queue.Service    // the queue for the supervisor's CSV export, read from the replica when there is one
	feedback      *feedback.Service // satisfaction ratings after a result
	payments      *payment.Service  // fees paid through the payment gateway (VNPAY_*)
	citizens      *citizens.Service
	contacts      *citizens.Contacts // e-mail and phone, confirmed by codes that notify sends
	myData        *mydata.Service
	documents     *documents.Service // "Giấy tờ của tôi": results, e-receipts and kept uploads; shares
	limits        *ratelimit.Limiter
	jobs          *jobs.Runner // built, not started
}

// buildServices opens the database and builds the services, in the order they need each other:
// the insert-only River client before notify, notify before the workers that use it, and the
// working River client last. What it acquires is pushed on a.cleanup.
func (a *App) buildServices(ctx context.Context) (*services, error) {
	cfg, log := a.cfg, a.log
	tr, err := newTracing(cfg)
	if err != nil {
		return nil, err
	}
	a.tracing = tr
	a.cleanup.push(tr.shutdown)
	var tracer pgx.QueryTracer
	if tr.on {
		tracer = tr.queryTracer()
	}
	pool, err := database.OpenTraced(ctx, cfg.DatabaseURL, tracer)
	if err != nil {
		return nil, err
	}
	a.cleanup.push(func(context.Context) error { pool.Close(); return nil })
	a.metrics = newMetrics(pool)
	a.metrics.watchJobs(pool)
	reads, err := a.openReads(ctx, pool, tracer)
	if err != nil {
		return nil, err
	}

	s := &services{pool: pool}
	if s.citizenSignIn, err = signin.New(pool, citizenSignInConfig(cfg), log); err != nil {
		return nil, err
	}
	if s.staffSignIn, err = signin.New(pool, staffSignInConfig(cfg), log); err != nil {
		return nil, err
	}
	if s.registry, err = registry.New(registryConfig(cfg, tr, a.metrics), log); err != nil {
		return nil, err
	}
	a.metrics.watchRegistry(s.registry)
	if r, err := receipt.NewRenderer(cfg.ReceiptFontDir); err != nil {
		// The portal still serves; only the PDF receipt says it is unavailable.
		log.Warn("PDF receipts unavailable", "error", err)
	} else {
		s.receipts = r
	}

	s.audit = audit.New(pool, cfg.Now)
	s.catalogue = catalogue.New(pool).WithReader(reads) // searches only: services/catalogue
	s.units = catalogue.NewUnits()
	s.consents = consent.New(pool, cfg.Now)
	s.cases = cases.New(pool, cfg.Now, log)
	s.directory = staffdir.New(pool, cfg.Now)
	s.calendars = calendar.NewService(pool)
	s.citizens = citizens.New(pool, cfg.Now)
	s.myData = mydata.New(s.registry, s.consents, s.audit, log)
	s.helpdesk = helpdesk.New(pool, s.audit, cfg.Now).WithReader(reads) // public tracking only
	blobs, err := openBlobs(ctx, cfg, pool, log)
	if err != nil {
		return nil, err
	}
	s.blobsGC, _ = blobs.(jobs.BlobCollector)
	s.attachments = attachments.New(pool, blobs, s.cases, cfg.UploadMaxBytes, cfg.Now).
		WithLimits(attachments.Limits{DraftBytes: cfg.UploadQuotaBytes})
	s.drafts = drafts.New(pool, s.catalogue, s.registry, s.attachments, s.audit, drafts.Config{TTL: cfg.DraftTTL, Now: cfg.Now, Map: s.units}, log)
	s.queue = queue.New(pool, cfg.Now)
	s.stats = stats.New(pool, cfg.Now).WithReader(reads)
	s.exports = queue.New(pool, cfg.Now).WithReader(reads)
	s.feedback = feedback.New(pool, cfg.Now)
	s.limits = ratelimit.New(pool, cfg.Now)

	inserter, err := jobs.NewInserter(pool, log)
	if err != nil {
		return nil, err
	}
	s.notify = notify.New(pool, inserter, cfg.BaseURL, cfg.Now)
	s.contacts = citizens.NewContacts(pool, s.notify, contactCodeKey(cfg), cfg.Now)
	s.work = casework.New(pool, casework.Deps{
		Calendars: s.calendars, Procedures: processingDays{s.catalogue}, Officers: s.directory,
		Notifier: caseNotifier{cat: s.catalogue, notify: s.notify}, Files: s.attachments, Now: cfg.Now,
	})
	// The document store before payments, which keep each e-receipt in it; it reads receipts and
	// results once they are built.
	if s.documents, err = documents.New(pool, documents.Deps{Files: s.attachments, Log: s.audit}, cfg.Now); err != nil {
		return nil, err
	}
	// A kept upload withdrawn from the store leaves the holder's drafts not yet submitted.
	s.documents.OnWithdraw(func(ctx context.Context, tx pgx.Tx, d documents.Document) error {
		_, err := s.drafts.ForgetHeldTx(ctx, tx, d.HolderPersonalID, d.ID)
		return err
	})
	payDeps := payment.Deps{Cases: s.cases, Casework: s.work, Fees: s.catalogue,
		Procedures: s.catalogue, Holdings: s.documents}
	payDeps.Agencies = s.catalogue // names the agency that signs an e-receipt
	// The e-receipts sign once the results' sealer is built, below.
	var eReceipts *ereceipt.Renderer
	if r, err := ereceipt.NewRenderer(cfg.ReceiptFontDir); err != nil {
		log.Warn("PDF e-receipts unavailable", "error", err) // as the receipts above: the rest serves
	} else {
		payDeps.Receipts, eReceipts = r, r // a nil *ereceipt.Renderer must stay a nil interface
	}
	s.payments = payment.New(pool, payDeps, paymentConfig(cfg, log))
	s.documents.WithReceipts(s.payments)
	// After payments: a submission records the fees due with it in its own transaction.
	s.submitter = cases.NewSubmitter(s.cases, s.catalogue, s.calendars, s.notify).WithCharges(s.payments)
	keys, err := resultKeys(cfg)
	if err != nil {
		return nil, err
	}
	if s.results, err = results.New(pool, keys, cfg.ReceiptFontDir, cfg.Now); err != nil {
		return nil, err
	}
	s.results.WithReader(reads) // public verification only
	s.results.WithBlobs(blobs)  // issued PDFs in the attachments' blob store (migration 00033)
	certs, err := resultCertificates(cfg)
	if err != nil {
		return nil, err
	}
	// Results, receipt slips and e-receipts carry the agency's PAdES signature (services/signing).
	s.results.WithCertificates(certs)
	if s.receipts != nil {
		s.receipts.WithSealer(s.results.Sealer())
	}
	if eReceipts != nil {
		eReceipts.WithSealer(s.results.Sealer())
	}
	s.caseFiles = casefile.New(pool, s.audit, s.directory, s.catalogue, cfg.Now)
	s.outcomes = outcome.New(pool, s.work, s.results, s.catalogue, s.units, cfg.BaseURL+"/verify")
	// Each issued result goes into the store of its applicant and subjects, in its transaction.
	s.outcomes.OnIssued(s.documents.WithResults(s.results).ResultIssuedTx)
	// A result that changes a fact of the population database sends it there (web/jobs.go works the job).
	s.outcomes.OnIssued(registryfeed.New(inserter, s.catalogue).Issued)

	if s.jobs, err = a.buildJobs(s); err != nil {
		return nil, err
	}
	return s, nil
}
