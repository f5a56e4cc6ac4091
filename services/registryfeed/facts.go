package registryfeed

import (
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/services/results"
)

// Procedures whose results record a fact of the population database, by the fact.
var (
	// birthProcedures register a birth: the birth registration alone, and the linked
	// procedures that register the birth with the child's residence and health insurance card.
	birthProcedures     = map[string]bool{"1.001193": true, "2.000986": true, "3.000722": true}
	residenceProcedures = map[string]bool{"1.004222": true}
	marriageProcedures  = map[string]bool{"1.000894": true}
)

// registrantParty is the party of a residence registration who registers (the schema's subject).
const registrantParty = "registrant"

// UpdateOf is the update that result r of case c, issued by agency, makes to the population
// database, read from the answers the case was decided on; ok is false when the procedure records
// no such fact or the case lacks what it needs.
func UpdateOf(c cases.Case, r results.Result, agency catalogue.Agency) (registry.Update, bool) {
	up := registry.Update{ResultCode: r.Code, ProcedureCode: c.ProcedureCode, Issuer: agency.NameVI, IssuedAt: r.IssuedAt.UTC()}
	d := c.Data
	switch {
	case birthProcedures[c.ProcedureCode]:
		b := &registry.BirthFact{
			FullName: d.String("child_full_name"), BirthDate: d.String("child_birth_date"), Sex: d.String("child_sex"),
			Ethnicity:         d.String("child_ethnicity"),
			RegistrationPlace: registry.PlaceRef{ProvinceCode: agency.ProvinceCode, CommuneCode: agency.CommuneCode},
			FatherPersonalID:  d.String("father_personal_id"), MotherPersonalID: d.String("mother_personal_id"),
		}
		switch d.String("registration_place") {
		case "father":
			b.HouseholdOf = b.FatherPersonalID
		case "mother":
			b.HouseholdOf = b.MotherPersonalID
		}
		if b.FullName == "" || (b.FatherPersonalID == "" && b.MotherPersonalID == "") || agency.CommuneCode == "" {
			return registry.Update{}, false
		}
		up.Kind, up.Birth = registry.UpdateBirth, b
	case residenceProcedures[c.ProcedureCode]:
		pid := c.ApplicantPID
		if p, ok := c.Party(registrantParty); ok && p.PersonalID != "" {
			pid = p.PersonalID
		}
		a := d.Address("new_address")
		if a.Province == "" || a.Commune == "" {
			return registry.Update{}, false
		}
		up.Kind = registry.UpdateResidence
		up.Residence = &registry.ResidenceFact{PersonalID: pid,
			Residence: registry.PlaceRef{ProvinceCode: a.Province, CommuneCode: a.Commune, AddressLine: a.Line}}
	case marriageProcedures[c.ProcedureCode]:
		a, b := d.String("applicant_personal_id"), d.String("partner_personal_id")
		if a == "" || b == "" {
			return registry.Update{}, false
		}
		up.Kind, up.Marriage = registry.UpdateMarriage, &registry.MarriageFact{PersonalID: a, PartnerPersonalID: b}
	default:
		return registry.Update{}, false
	}
	return up, true
}
