// Package mydata is the citizen's own view of what the national databases hold about them
// ("Dữ liệu của tôi"): asked for with consent, fetched live through the exchange, every fetch
// written to the data-access log, and shown together with that log.
package mydata

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/registry"
)

// ConsentTTL is how long one consent to view one's data lasts.
const ConsentTTL = 30 * time.Minute

// Attributes are what the My data page reads from each database; the consent page lists them.
var Attributes = map[string][]string{
	registry.Population: {"population.identity", "population.residence", "population.household", "population.family", "population.marital_status"},
	registry.Land:       {"land.parcels", "land.certificates", "land.mortgages", "land.pending_transactions"},
	registry.Insurance:  {"insurance.code", "insurance.health_card", "insurance.participation", "insurance.contributions", "insurance.benefits"},
}

func allAttributes() []string {
	var out []string
	for _, db := range registry.Databases {
		out = append(out, Attributes[db]...)
	}
	return out
}

// Viewer is the signed-in citizen.
type Viewer struct {
	CitizenID  int64
	PersonalID string
	Name       string
}

// Registry reads the national databases (services/registry).
type Registry interface {
	Fetch(ctx context.Context, req registry.Request, dbs []string) registry.Fetched
}

// Service serves the My data page.
type Service struct {
	registry Registry
	consents *consent.Service
	audit    *audit.Log
	log      *slog.Logger
}

// New returns the My data service.
func New(reg Registry, consents *consent.Service, log *audit.Log, logger *slog.Logger) *Service {
	return &Service{registry: reg, consents: consents, audit: log, log: logger}
}

// Message keys of My data faults.
const (
	MsgNoPersonalID = "mydata.error.nopid"
	MsgNoConsent    = "mydata.error.noconsent"
)

// Consent returns the viewer's active consent, if any.
func (s *Service) Consent(ctx context.Context, v Viewer) (consent.Consent, bool, error) {
	return s.consents.Active(ctx, v.CitizenID, registry.PurposeCitizenView)
}

// Grant records the viewer's consent to fetch every attribute of the page.
func (s *Service) Grant(ctx context.Context, v Viewer) (consent.Consent, error) {
	if !personalid.Valid(v.PersonalID) {
		return consent.Consent{}, fault.New(fault.EFORBIDDEN, MsgNoPersonalID, "mydata.grant")
	}
	return s.consents.Grant(ctx, v.CitizenID, registry.PurposeCitizenView, "", registry.Databases, allAttributes(), ConsentTTL)
}

// Withdraw ends the viewer's consent.
func (s *Service) Withdraw(ctx context.Context, v Viewer) error {
	return s.consents.Withdraw(ctx, v.CitizenID, registry.PurposeCitizenView)
}

// View is the page's content.
type View struct {
	Consented bool // false: nothing was fetched, and the page asks for consent
	Consent   consent.Consent
	Data      registry.Fetched
	Log       []audit.Entry // the newest LogRows rows of the citizen's log
	MoreLog   bool          // older rows follow, on the log's own pages (LogPage)
}

// LogRows is how many rows of the data-access log the My data page shows: the newest, with a
// link to the whole log (LogPage) when there are more.
const LogRows = 10

// Load checks the viewer's consent. With it, Load fetches the viewer's data from the three
// databases in parallel, records each fetch in the data-access log and returns the data with
// the log, once the fetches' rows are committed: the log's chain head and newest rows are read
// while the databases answer, and the record takes one round trip after them, whose rows top
// the log (audit RecordAndListAfter; when someone else appended meanwhile, the log is read again
// after the rows). Without it, Load fetches nothing and returns the log alone.
func (s *Service) Load(ctx context.Context, v Viewer) (View, error) {
	const op = "mydata.load"
	if !personalid.Valid(v.PersonalID) {
		return View{}, fault.New(fault.EFORBIDDEN, MsgNoPersonalID, op)
	}
	c, ok, err := s.Consent(ctx, v)
	if err != nil {
		return View{}, err
	}
	if !ok {
		entries, err := s.AccessLog(ctx, v)
		if err != nil {
			return View{}, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", op, err)
		}
		view := View{}
		view.Log, view.MoreLog = newest(entries)
		return view, nil
	}
	// The head of the citizen's access-log chain and the log's newest rows are read while the
	// databases answer, so that recording their answers afterwards takes one round trip and
	// reads nothing (audit RecordAndListAfter).
	type headRead struct {
		head audit.Head
		err  error
	}
	ahead := make(chan headRead, 1)
	go func() {
		h, err := s.audit.ReadHead(ctx, v.PersonalID, LogRows+1) // one row more than the page shows: whether older ones follow
		ahead <- headRead{h, err}
	}()
	req := registry.Request{PersonalID: v.PersonalID, Purpose: registry.PurposeCitizenView, Reference: c.Reference}
	data := s.registry.Fetch(ctx, req, c.Databases)
	head := <-ahead

	var entries []audit.Entry
	add := func(db string, err error, at time.Time) {
		entries = append(entries, audit.Entry{
			SubjectPersonalID: v.PersonalID,
			ActorKind:         audit.ActorCitizen,
			ActorID:           fmt.Sprintf("citizen:%d", v.CitizenID),
			ActorName:         v.Name,
			ActorRole:         "citizen",
			Purpose:           registry.PurposeCitizenView,
			Reference:         c.Reference,
			Databases:         []string{db},
			Attributes:        Attributes[db],
			Outcome:           outcome(err),
			AccessedAt:        at,
		})
	}
	if r := data.Population; r != nil {
		add(registry.Population, r.Err, r.Provenance.RetrievedAt)
	}
	if r := data.Land; r != nil {
		add(registry.Land, r.Err, r.Provenance.RetrievedAt)
	}
	if r := data.Insurance; r != nil {
		add(registry.Insurance, r.Err, r.Provenance.RetrievedAt)
	}
	// The fetch happened: it is recorded even if the page cannot be shown afterwards.
	// One row more than the page shows says whether older ones follow.
	var logEntries []audit.Entry
	if head.err == nil {
		logEntries, err = s.audit.RecordAndListAfter(context.WithoutCancel(ctx), head.head, entries...)
	} else { // the head could not be read ahead (a cancelled request): the usual two round trips
		logEntries, err = s.audit.RecordAndList(context.WithoutCancel(ctx), v.PersonalID, LogRows+1, entries...)
	}
	if err != nil {
		return View{}, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", op, err)
	}
	view := View{Consented: true, Consent: c, Data: data}
	view.Log, view.MoreLog = newest(logEntries)
	return view, nil
}

// AccessLog returns who used the viewer's data, newest first, without fetching anything: the
// newest LogRows+1 rows, one more than My data shows (newest).
func (s *Service) AccessLog(ctx context.Context, v Viewer) ([]audit.Entry, error) {
	if !personalid.Valid(v.PersonalID) {
		return nil, nil
	}
	return s.audit.ForSubject(ctx, v.PersonalID, LogRows+1)
}

// newest keeps the LogRows that My data shows of entries, read one past them, and says whether
// older ones follow.
func newest(entries []audit.Entry) ([]audit.Entry, bool) {
	if len(entries) > LogRows {
		return entries[:LogRows], true
	}
	return entries, false
}

func outcome(err error) string {
	switch {
	case err == nil:
		return audit.OutcomeOK
	case errors.Is(err, registry.ErrNotFound):
		return audit.OutcomeNotFound
	case errors.Is(err, registry.ErrRejected), errors.Is(err, registry.ErrInvalid):
		return audit.OutcomeDenied
	}
	return audit.OutcomeUnavailable
}
