package drafts

import (
	"context"
	"slices"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/registry"
)

// reads is what a prefill reads from the national databases for a role: the bindings of the
// applicant's own record and of the spouse's, and whether the household record is offered.
type reads struct {
	own       []string // with population.spouse_personal_id when needed to find the spouse
	spouse    []string
	household bool
}

// spouseIDBinding is read only to find the spouse.
const spouseIDBinding = "population.spouse_personal_id"

// planReads says what the role's form reads; only, when not nil, keeps the databases named
// (a retry of the ones that did not answer). The spouse is found through the population
// database: when it is retried, every binding of the spouse is, as none of them was read.
func planReads(schema forms.Schema, role forms.Role, only []string) reads {
	r := reads{
		own:       schema.BindingsFrom(role.Value, forms.SourceSelf),
		spouse:    schema.BindingsFrom(role.Value, forms.SourceSpouse),
		household: usesHousehold(role),
	}
	if r.household && !slices.Contains(r.own, householdBinding) {
		r.own = append(r.own, householdBinding)
	}
	if only != nil {
		r.own = inDatabases(r.own, only)
		if !slices.Contains(only, registry.Population) {
			r.spouse = inDatabases(r.spouse, only)
			r.household = false
		}
	}
	if len(r.spouse) > 0 && !slices.Contains(prefill.Databases(r.own), registry.Population) {
		r.own = append(r.own, spouseIDBinding)
	}
	return r
}

// all is every binding read, for the consent.
func (r reads) all() []string { return append(append([]string{}, r.own...), r.spouse...) }

// inDatabases keeps the bindings of the databases named.
func inDatabases(bindings, dbs []string) []string {
	var out []string
	for _, b := range bindings {
		if bd, ok := prefill.Lookup(b); ok && slices.Contains(dbs, bd.Database) {
			out = append(out, b)
		}
	}
	return out
}

// readResult is what one prefill read: the fields filled, and the databases that did not answer.
type readResult struct {
	pre         Prefill
	answers     forms.Answers
	unavailable []string
}

// read fetches what r names for applicant a — the applicant's record, then the spouse's when the
// role makes the spouse a party — logs every read in the log of the person whose data it is, and
// fills and locks the bound fields of each party. A role the verified data contradicts is
// refused with fault.EINVALID. Start and Retry share it.
func (s *Service) read(ctx context.Context, a Applicant, code, ref string, schema forms.Schema, role forms.Role, r reads) (readResult, error) {
	const op = "drafts.read"
	out := readResult{pre: Prefill{Fields: map[string]Filled{}, Role: role.Value}, answers: forms.Answers{}}
	pre := &out.pre
	req := registry.Request{PersonalID: a.PersonalID, Purpose: code, Reference: ref}
	fetched := s.registry.Fetch(ctx, req, prefill.Databases(r.own))
	if err := s.logFetches(ctx, a, a.PersonalID, code, ref, r.own, fetched); err != nil {
		return readResult{}, err
	}
	res := prefill.FromFetched(fetched, r.own, s.cfg.Map)
	if role.Sex != "" && res.Sex != "" && res.Sex != role.Sex {
		msg := MsgRoleFemale
		if res.Sex == "male" {
			msg = MsgRoleMale
		}
		return readResult{}, fault.New(fault.EINVALID, msg, op)
	}
	out.unavailable = res.Unavailable
	pre.Parcels = res.Parcels
	pre.Old = res.Old
	byParty := map[string]prefill.Result{forms.SourceSelf: res}
	if len(r.spouse) > 0 {
		switch {
		case res.SpouseID != "":
			req := registry.Request{PersonalID: res.SpouseID, Purpose: code, Reference: ref}
			got := s.registry.Fetch(ctx, req, prefill.Databases(r.spouse))
			if err := s.logFetches(ctx, a, res.SpouseID, code, ref, r.spouse, got); err != nil {
				return readResult{}, err
			}
			sr := prefill.FromFetched(got, r.spouse, s.cfg.Map)
			byParty[forms.SourceSpouse] = sr
			for _, db := range sr.Unavailable {
				if !slices.Contains(out.unavailable, db) {
					out.unavailable = append(out.unavailable, db)
				}
			}
			for k, v := range sr.Old {
				pre.Old[spouseKey(k)] = v
			}
		case !slices.Contains(res.Unavailable, registry.Population):
			pre.Notices = append(pre.Notices, NoticeNoSpouse)
		}
	}
	if r.household {
		pre.Household = res.Household
		if err := s.logHousehold(ctx, a, code, ref, res.Household); err != nil {
			return readResult{}, err
		}
	}
	fillParties(schema, role, byParty, out.answers, pre)
	return out, nil
}
