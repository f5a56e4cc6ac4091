package forms

import (
	"fmt"
	"slices"
)

// Party kinds: what a person is to a case. The applicant (the signed-in citizen) is a party of
// every case and is not declared.
const (
	PartySubject      = "subject"      // whom the case is about: the child registered, the insured person…
	PartyParent       = "parent"       // a parent of the subject
	PartyPartner      = "partner"      // a partner of a marriage
	PartyCounterparty = "counterparty" // the other side of a transaction
	PartyPrincipal    = "principal"    // whoever authorised the applicant to act for them
)

// Sources of a party's data, named by a role: who the party is relative to the applicant.
const (
	SourceSelf      = "self"      // the applicant's own population record
	SourceSpouse    = "spouse"    // the record of the applicant's spouse, read by the spouse's ID
	SourceHousehold = "household" // a member of the applicant's household, chosen on the form
)

// Party is one person a procedure's case concerns, besides the applicant. Fields belong to a
// party by their Party; NameField and IDField name the person on the receipt, the officer's page
// and the result.
type Party struct {
	ID        string `json:"id"`   // e.g. child, father, mother, partner
	Kind      string `json:"kind"` // PartySubject …
	Label     Text   `json:"label"`
	Sex       string `json:"sex,omitempty"` // the sex the party's person must have: male, female
	NameField string `json:"name_field"`
	IDField   string `json:"id_field,omitempty"`
}

// Role is what the applicant says they are to the case ("I am the mother"). It says where each
// party's data comes from and may require the applicant's verified sex.
type Role struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
	// Sex is the applicant's sex this role requires (a father is male); "" = any.
	Sex string `json:"sex,omitempty"`
	// Parties maps a party id to the source of its data (SourceSelf …); a party left out is typed.
	Parties map[string]string `json:"parties,omitempty"`
	// Authorised: the applicant acts for someone under an authorisation (văn bản ủy quyền).
	Authorised bool `json:"authorised,omitempty"`
}

// Roles is the question "what are you to this case?", asked before the form starts, since it
// decides whose data is read. Its answer is kept under Field and is locked.
type Roles struct {
	Field   string `json:"field"`
	Label   Text   `json:"label"`
	Options []Role `json:"options"`
}

// Role returns the option with that value.
func (r *Roles) Role(value string) (Role, bool) {
	if r == nil {
		return Role{}, false
	}
	for _, o := range r.Options {
		if o.Value == value {
			return o, true
		}
	}
	return Role{}, false
}

// Route says where a case goes: the place of Field (an address, a parcel or a province field)
// when When holds. Reason tells the citizen and the officer why that agency is competent.
type Route struct {
	When   *Condition `json:"when,omitempty"`
	Field  string     `json:"field"`
	Reason Text       `json:"reason"`
}

// Party returns the declared party with that id.
func (s Schema) Party(id string) (Party, bool) {
	for _, p := range s.Parties {
		if p.ID == id {
			return p, true
		}
	}
	return Party{}, false
}

// Source returns where the data of a party comes from under the given role: the role's
// mapping; the applicant's own record for fields of no party, and for every party of a schema
// without roles (the applicant is then the subject).
func (s Schema) Source(role, party string) string {
	if party == "" || s.Roles == nil {
		return SourceSelf
	}
	if r, ok := s.Roles.Role(role); ok {
		return r.Parties[party]
	}
	return ""
}

// checkParties reports mistakes in the parties, roles and routes of a schema whose fields are
// known (names → field).
func (s Schema) checkParties(fields map[string]Field) error {
	ids := map[string]bool{}
	for _, p := range s.Parties {
		if p.ID == "" || p.ID == "applicant" || ids[p.ID] {
			return fmt.Errorf("forms: party %q: empty, reserved or twice", p.ID)
		}
		ids[p.ID] = true
		if !slices.Contains([]string{PartySubject, PartyParent, PartyPartner, PartyCounterparty, PartyPrincipal}, p.Kind) {
			return fmt.Errorf("forms: party %q has unknown kind %q", p.ID, p.Kind)
		}
		if p.Label.VI == "" || p.Label.EN == "" {
			return fmt.Errorf("forms: party %q needs labels in both languages", p.ID)
		}
		if _, ok := fields[p.NameField]; !ok {
			return fmt.Errorf("forms: party %q: name field %q is not a field", p.ID, p.NameField)
		}
		if _, ok := fields[p.IDField]; p.IDField != "" && !ok {
			return fmt.Errorf("forms: party %q: id field %q is not a field", p.ID, p.IDField)
		}
	}
	for name, f := range fields {
		if f.Party != "" && !ids[f.Party] {
			return fmt.Errorf("forms: field %q belongs to undeclared party %q", name, f.Party)
		}
		if f.Type == TypePerson && f.Party == "" {
			return fmt.Errorf("forms: person field %q names no party", name)
		}
	}
	if r := s.Roles; r != nil {
		if r.Field == "" || len(r.Options) == 0 || r.Label.VI == "" || r.Label.EN == "" {
			return fmt.Errorf("forms: roles need a field, a question and options")
		}
		if _, clash := fields[r.Field]; clash {
			return fmt.Errorf("forms: roles field %q is also a form field", r.Field)
		}
		for _, o := range r.Options {
			if o.Value == "" || o.Label.VI == "" || o.Label.EN == "" {
				return fmt.Errorf("forms: role %q needs a value and labels", o.Value)
			}
			for party, src := range o.Parties {
				if !ids[party] {
					return fmt.Errorf("forms: role %q names undeclared party %q", o.Value, party)
				}
				if src != SourceSelf && src != SourceSpouse && src != SourceHousehold {
					return fmt.Errorf("forms: role %q: party %q has unknown source %q", o.Value, party, src)
				}
			}
		}
	}
	for i, rt := range s.Routing {
		f, ok := fields[rt.Field]
		if !ok || (f.Type != TypeAddress && f.Type != TypeParcel && f.Type != TypeProvince) {
			return fmt.Errorf("forms: route %d: %q is not an address, parcel or province field", i, rt.Field)
		}
		if rt.Reason.VI == "" || rt.Reason.EN == "" {
			return fmt.Errorf("forms: route %d needs a reason in both languages", i)
		}
		if rt.When != nil {
			if _, ok := fields[rt.When.Field]; !ok && (s.Roles == nil || rt.When.Field != s.Roles.Field) {
				return fmt.Errorf("forms: route %d depends on unknown field %q", i, rt.When.Field)
			}
		}
	}
	return nil
}
