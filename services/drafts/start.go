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
	"github.com/motlan/portal/services/fault"
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

// Start begins a draft of procedure code (schema version) for an applicant who has the given
// role (the schema's Roles; "" when it has none). It records the citizen's consent to exactly
// the attributes the schema binds (purpose = the procedure code, reference = the new draft),
// reads them — the applicant's own record, and the spouse's when the role makes the spouse a
// party — logs every read in the log of the person whose data it is, and fills and locks the
// bound fields of each party. A role the verified data contradicts (a man who says he is the
// mother) is refused with fault.EINVALID before any draft exists. The caller has shown the
// consent page and the citizen agreed.
func (s *Service) Start(ctx context.Context, consents Consents, a Applicant, code string, version int, schema forms.Schema, roleValue string) (uuid.UUID, error) {
	const op = "drafts.start"
	role, hasRole := schema.Roles.Role(roleValue)
	if schema.Roles != nil && !hasRole {
		return uuid.Nil, fault.New(fault.EINVALID, MsgRoleChoose, op)
	}
	id := uuid.New()
	now := s.cfg.Now()
	r := planReads(schema, role, nil)
	all := r.all()
	pre := Prefill{Fields: map[string]Filled{}, Role: role.Value}
	answers := forms.Answers{}
	var unavailable []string
	var consentID *int64
	if len(all) > 0 {
		c, err := consents.Grant(ctx, a.CitizenID, code, id.String(), prefill.Databases(all), all, s.cfg.TTL)
		if err != nil {
			return uuid.Nil, err
		}
		consentID = &c.ID
		got, err := s.read(ctx, a, code, id.String(), schema, role, r)
		if err != nil {
			return uuid.Nil, err
		}
		pre, answers, unavailable = got.pre, got.answers, got.unavailable
	}
	if schema.Roles != nil {
		answers[schema.Roles.Field] = role.Value
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

// Message keys and notices of a start.
const (
	MsgRoleChoose = "role.error.choose"
	// The role needs the other sex than the verified one: the applicant is recorded as male, or
	// as female.
	MsgRoleMale   = "role.error.sex.male"
	MsgRoleFemale = "role.error.sex.female"
	// NoticeNoSpouse: the role makes the spouse a party but the population database records none.
	NoticeNoSpouse = "apply.notice.nospouse"
)

const householdBinding = "population.household_members"

func usesHousehold(r forms.Role) bool {
	for _, src := range r.Parties {
		if src == forms.SourceHousehold {
			return true
		}
	}
	return false
}

// spouseKey keeps the spouse's unplaced old addresses apart from the applicant's.
func spouseKey(binding string) string { return forms.SourceSpouse + ":" + binding }

// fillParties fills and locks every bound field from the record of its party's person: the
// applicant's own, or the spouse's. A party whose person has the wrong sex for it (the spouse of
// a mother who is recorded as female) is left for the citizen to type. An address the map cannot
// place starts from its recorded line, unlocked, with the recorded text shown.
func fillParties(schema forms.Schema, role forms.Role, byParty map[string]prefill.Result, answers forms.Answers, pre *Prefill) {
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			if f.Prefill == "" {
				continue
			}
			src := schema.Source(role.Value, f.Party)
			res, ok := byParty[src]
			if !ok {
				continue
			}
			if p, ok := schema.Party(f.Party); ok && p.Sex != "" && res.Sex != "" && res.Sex != p.Sex {
				continue
			}
			if v, ok := res.Values[f.Prefill]; ok {
				answers[f.Name] = v.Value
				pre.Fields[f.Name] = Filled{Value: v, Field: f.Name, Locked: true, Party: f.Party}
				continue
			}
			key := f.Prefill
			if src == forms.SourceSpouse {
				key = spouseKey(f.Prefill)
			}
			if old, ok := pre.Old[key]; ok {
				answers[f.Name] = old.Line
				if pre.Unconfirmed == nil {
					pre.Unconfirmed = map[string]string{}
				}
				pre.Unconfirmed[f.Name] = old.Text
			}
		}
	}
}

// logFetches writes one data-access log entry per database asked, in the log of subject: the
// person whose record was read.
func (s *Service) logFetches(ctx context.Context, a Applicant, subject, purpose, ref string, bindings []string, f registry.Fetched) error {
	byDB := map[string][]string{}
	for _, b := range bindings {
		if bd, ok := prefill.Lookup(b); ok {
			byDB[bd.Database] = append(byDB[bd.Database], b)
		}
	}
	var entries []audit.Entry
	add := func(db string, err error, at time.Time) {
		entries = append(entries, audit.Entry{
			SubjectPersonalID: subject, ActorKind: audit.ActorCitizen, ActorID: fmt.Sprintf("citizen:%d", a.CitizenID),
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

// logHousehold writes, in the log of every household member the form offers as a party, that
// the applicant read their name, ID, date of birth and sex from the household record.
func (s *Service) logHousehold(ctx context.Context, a Applicant, purpose, ref string, members []prefill.PersonOption) error {
	entries := make([]audit.Entry, 0, len(members))
	for _, m := range members {
		entries = append(entries, audit.Entry{
			SubjectPersonalID: m.PersonalID, ActorKind: audit.ActorCitizen, ActorID: fmt.Sprintf("citizen:%d", a.CitizenID),
			ActorName: a.Name, ActorRole: "citizen", Purpose: purpose, Reference: ref,
			Databases: []string{registry.Population}, Attributes: []string{householdBinding}, Outcome: audit.OutcomeOK,
			AccessedAt: m.RetrievedAt,
		})
	}
	if len(entries) == 0 {
		return nil
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
