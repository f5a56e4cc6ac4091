package cases

import (
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/personalid"
)

// Party kinds beyond the schema's (forms.PartySubject …): the signed-in person who filed.
const (
	PartyApplicant      = "applicant"
	PartyRepresentative = "representative" // the applicant, acting under an authorisation
)

// Sources of a party's identity, besides the databases of services/registry.
const (
	SourceIdentity     = "vneid"         // the signed-in identity
	SourceCitizen      = "citizen"       // typed by the applicant
	SourceSelfDeclared = "self_declared" // typed because the database did not answer
)

// Party is a person the case names — the applicant in their role, the subject, the parents,
// the partner — with where their identity came from and which of the case's fields describe
// them (each field's own provenance is in Case.Provenance).
type Party struct {
	ID         string     `json:"id"`   // "applicant" or the schema's party id
	Kind       string     `json:"kind"` // PartyApplicant, PartyRepresentative, forms.PartySubject …
	Label      forms.Text `json:"label"`
	Role       forms.Text `json:"role,omitzero"` // the applicant's stated role ("Mẹ")
	FullName   string     `json:"full_name"`
	PersonalID string     `json:"personal_id,omitempty"`
	Source     string     `json:"source"`
	RecordRef  string     `json:"record_ref,omitempty"`
	Fields     []string   `json:"fields,omitempty"`
}

var applicantLabel = forms.Text{VI: "Người nộp hồ sơ", EN: "Applicant"}
var representativeLabel = forms.Text{VI: "Người được ủy quyền nộp hồ sơ", EN: "Authorised representative"}

// PartiesOf names the parties of a draft about to become a case: first the applicant in their
// role, then every declared party whose name was given, in the schema's order.
func PartiesOf(d drafts.Draft, a drafts.Applicant) []Party {
	app := Party{ID: PartyApplicant, Kind: PartyApplicant, Label: applicantLabel, FullName: a.Name,
		PersonalID: a.PersonalID, Source: SourceIdentity}
	if role, ok := d.Schema.Roles.Role(d.Prefill.Role); ok {
		app.Role = role.Label
		if role.Authorised {
			app.Kind, app.Label = PartyRepresentative, representativeLabel
		}
	}
	for _, st := range d.Schema.Steps {
		for _, f := range st.Fields {
			if f.Party == "" && forms.Visible(f, d.Answers) {
				if _, ok := d.Answers[f.Name]; ok {
					app.Fields = append(app.Fields, f.Name)
				}
			}
		}
	}
	out := []Party{app}
	for _, p := range d.Schema.Parties {
		name := d.Answers.String(p.NameField)
		if name == "" {
			continue // a party not established (a father not named)
		}
		pt := Party{ID: p.ID, Kind: p.Kind, Label: p.Label, FullName: name, Source: SourceCitizen}
		if p.IDField != "" {
			pt.PersonalID = d.Answers.String(p.IDField)
		}
		if filled, ok := d.Prefill.Fields[p.NameField]; ok && filled.Locked {
			pt.Source, pt.RecordRef = filled.Database, filled.RecordRef
		} else if f, _, ok := d.Schema.Field(p.NameField); ok && d.SelfDeclared(f) {
			pt.Source = SourceSelfDeclared
		}
		for _, st := range d.Schema.Steps {
			for _, f := range st.Fields {
				if f.Party != p.ID || !forms.Visible(f, d.Answers) {
					continue
				}
				if _, ok := d.Answers[f.Name]; ok {
					pt.Fields = append(pt.Fields, f.Name)
				}
			}
		}
		out = append(out, pt)
	}
	return out
}

// Subjects are the parties, other than the applicant, with a personal ID: the people who find
// the case under "Hồ sơ về tôi".
func Subjects(ps []Party) []Party {
	var out []Party
	for _, p := range ps {
		if p.ID != PartyApplicant && personalid.Valid(p.PersonalID) {
			out = append(out, p)
		}
	}
	return out
}
