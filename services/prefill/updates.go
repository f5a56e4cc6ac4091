package prefill

import "github.com/motlan/portal/services/registry"

// Update names the issued result from which another registry recorded a fact in the database
// (registry.FactSource): the electronic civil status database for a birth or a marriage, the
// residence database for a permanent residence. A value it fed shows it beside the database.
type Update struct {
	Registry   string `json:"registry"` // registry.RegistryCivilStatus or registry.RegistryResidence
	ResultCode string `json:"result_code"`
	Issuer     string `json:"issuer,omitempty"`
}

// factBindings are the bindings a fact of a population record feeds, by its attribute;
// "record" (a record a birth made) feeds every population binding.
var factBindings = map[string][]string{
	"household.members":   {"population.household_members"},
	"permanent_residence": {"population.permanent_residence"},
	"marital_status":      {"population.marital_status", "population.spouse_full_name", "population.spouse_personal_id"},
}

// noteUpdates marks the values and household members that facts recorded from issued results
// fed; a later fact of the same attribute wins.
func (res *Result) noteUpdates(sources []registry.FactSource) {
	for _, s := range sources {
		u := &Update{Registry: s.Registry, ResultCode: s.ResultCode, Issuer: s.Issuer}
		names := factBindings[s.Attribute]
		if s.Attribute == "record" {
			names = nil
			for n, b := range bindings {
				if b.Database == registry.Population {
					names = append(names, n)
				}
			}
		}
		for _, n := range names {
			if v, ok := res.Values[n]; ok {
				v.Updated = u
				res.Values[n] = v
			}
		}
		if s.Attribute == "household.members" {
			for i := range res.Household {
				if res.Household[i].PersonalID == s.PersonalID {
					res.Household[i].Updated = u
				}
			}
		}
	}
}
