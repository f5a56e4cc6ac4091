package drafts

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/drafts/internal/draftdb"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/registry"
)

// Applicant is the signed-in citizen starting a procedure.
type Applicant struct {
	CitizenID  int64
	PersonalID string
	Name       string
}

// Consents records the consent a prefill needs (services/consent).
type Consents interface {
	Grant(ctx context.Context, citizenID int64, purpose, reference string, databases, attributes []string, ttl time.Duration) (consent.Consent, error)
}

// Start begins a draft of procedure code (schema version): it records the citizen's consent to
// exactly the attributes the schema binds (purpose = the procedure code, reference = the new
// draft), fetches them in parallel, logs every fetch, and fills and locks the bound fields.
// The caller has shown the consent page and the citizen agreed.
func (s *Service) Start(ctx context.Context, consents Consents, a Applicant, code string, version int, schema forms.Schema) (uuid.UUID, error) {
	id := uuid.New()
	now := s.cfg.Now()
	bindings := schema.Bindings()
	pre := Prefill{Fields: map[string]Filled{}}
	answers := forms.Answers{}
	var unavailable []string
	var consentID *int64
	if len(bindings) > 0 {
		dbs := prefill.Databases(bindings)
		c, err := consents.Grant(ctx, a.CitizenID, code, id.String(), dbs, bindings, s.cfg.TTL)
		if err != nil {
			return uuid.Nil, err
		}
		consentID = &c.ID
		req := registry.Request{PersonalID: a.PersonalID, Purpose: code, Reference: id.String()}
		fetched := s.registry.Fetch(ctx, req, dbs)
		if err := s.logFetches(ctx, a, code, id.String(), bindings, fetched); err != nil {
			return uuid.Nil, err
		}
		res := prefill.FromFetched(fetched, bindings)
		unavailable = res.Unavailable
		pre.Parcels = res.Parcels
		for _, st := range schema.Steps {
			for _, f := range st.Fields {
				if v, ok := res.Values[f.Prefill]; ok && f.Prefill != "" {
					answers[f.Name] = v.Value
					pre.Fields[f.Name] = Filled{Value: v, Field: f.Name, Locked: true}
				}
			}
		}
	}
	answersJSON, err := json.Marshal(answers)
	if err != nil {
		return uuid.Nil, fmt.Errorf("drafts: start: %w", err)
	}
	preJSON, err := json.Marshal(pre)
	if err != nil {
		return uuid.Nil, fmt.Errorf("drafts: start: %w", err)
	}
	if unavailable == nil {
		unavailable = []string{}
	}
	err = s.q.DraftInsert(ctx, draftdb.DraftInsertParams{ID: id, CitizenID: a.CitizenID, ProcedureCode: code,
		ProcedureVersion: version, ConsentID: consentID, Answers: answersJSON, Prefill: preJSON, Unavailable: unavailable,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.TTL)})
	if err != nil {
		return uuid.Nil, fmt.Errorf("drafts: start: %w", err)
	}
	return id, nil
}

// logFetches writes one data-access log entry per database asked.
func (s *Service) logFetches(ctx context.Context, a Applicant, purpose, ref string, bindings []string, f registry.Fetched) error {
	byDB := map[string][]string{}
	for _, b := range bindings {
		if bd, ok := prefill.Lookup(b); ok {
			byDB[bd.Database] = append(byDB[bd.Database], b)
		}
	}
	var entries []audit.Entry
	add := func(db string, err error, at time.Time) {
		entries = append(entries, audit.Entry{
			SubjectPersonalID: a.PersonalID, ActorKind: audit.ActorCitizen, ActorID: fmt.Sprintf("citizen:%d", a.CitizenID),
			ActorName: a.Name, ActorRole: "citizen", Purpose: purpose, Reference: ref,
			Databases: []string{db}, Attributes: byDB[db], Outcome: outcome(err), AccessedAt: at,
		})
	}
	if r := f.Population; r != nil {
		add(registry.Population, r.Err, r.Provenance.RetrievedAt)
	}
	if r := f.Land; r != nil {
		add(registry.Land, r.Err, r.Provenance.RetrievedAt)
	}
	if r := f.Insurance; r != nil {
		add(registry.Insurance, r.Err, r.Provenance.RetrievedAt)
	}
	return s.audit.Record(context.WithoutCancel(ctx), entries...)
}

func outcome(err error) string {
	switch {
	case err == nil:
		return audit.OutcomeOK
	case registryNotFound(err):
		return audit.OutcomeNotFound
	}
	return audit.OutcomeUnavailable
}
