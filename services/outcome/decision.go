package outcome

import (
	"context"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// Catalogue names the procedure, the agency and the form of a case (services/catalogue).
type Catalogue interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
	Version(ctx context.Context, code string, version int) (catalogue.Version, error)
}

// maxDetails is how many of the case's answers the signed result repeats.
const maxDetails = 8

// topicCivilStatus is the catalogue's topic of civil status (hộ tịch): its results call the
// applicant "người đi đăng ký", as the Law on Civil Status does.
const topicCivilStatus = "civil-status"

// partyLabels are how a result names some parties, by the schema's party id, in the words of
// the civil status books (Circular 04/2020/TT-BTP); the others keep their own label.
var partyLabels = map[string]string{
	"child":  "Họ, chữ đệm, tên trẻ",
	"father": "Họ, chữ đệm, tên cha",
	"mother": "Họ, chữ đệm, tên mẹ",
}

// decision describes the signed result of an approved case: who decided, on what, for whom,
// who applied and in which capacity, every other person the case names, the decision's
// sentence and the main answers it rests on. Personal IDs are masked; files, unmasked personal
// IDs (a household member picked is one) and the parties' names, shown above, are not repeated.
func (s *Service) decision(ctx context.Context, k cases.Case) results.Issue {
	in := results.Issue{CaseID: k.ID, CaseCode: k.Code, AgencyCode: k.AgencyCode, ProcedureCode: k.ProcedureCode,
		ApplicantName: k.ApplicantName, ApplicantIDMasked: citizens.MaskPersonalID(k.ApplicantPID), VerifyURL: s.verifyURL}
	if app, ok := k.Party(cases.PartyApplicant); ok {
		in.ApplicantLabel, in.ApplicantRole = app.Label.VI, app.Role.VI
	}
	ps := k.Parties
	if s.catalogue == nil {
		in.Parties = resultParties(ps)
		return in
	}
	if v, err := s.catalogue.Version(ctx, k.ProcedureCode, k.ProcedureVersion); err == nil {
		if len(ps) == 0 { // filed before cases named their parties: the form's own
			ps = schemaParties(v.Schema, k.Data)
		}
		in.Details = details(v.Schema, k.Data)
	}
	in.Parties = resultParties(ps)
	if p, err := s.catalogue.Get(ctx, k.ProcedureCode); err == nil {
		in.ProcedureName = p.NameVI
		in.Decision = "Chấp thuận hồ sơ " + k.Code + " về thủ tục " + p.NameVI + " của " + k.ApplicantName + "."
		if subject, ok := subjectOf(ps, k); ok {
			in.Decision = "Chấp thuận hồ sơ " + k.Code + " về thủ tục " + p.NameVI + " cho " + subject.FullName +
				", do " + k.ApplicantName + " nộp."
		}
		if p.Topic == topicCivilStatus {
			in.ApplicantLabel = "Người đi đăng ký"
		}
	}
	if a, err := s.catalogue.Agency(ctx, k.AgencyCode); err == nil {
		in.AgencyName = a.NameVI
	}
	return in
}

// details are the first answers of the form, up to maxDetails, leaving out files, personal IDs
// (a household member picked is one) and the parties' names, which the result shows above.
func details(schema forms.Schema, data forms.Answers) [][2]string {
	named := map[string]bool{}
	for _, p := range schema.Parties {
		named[p.NameField], named[p.IDField] = true, true
	}
	var out [][2]string
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			if f.Type == forms.TypeFile || f.Type == forms.TypePersonalID || f.Type == forms.TypePerson || named[f.Name] {
				continue
			}
			if v := data.String(f.Name); v != "" && len(out) < maxDetails {
				out = append(out, [2]string{f.Label.VI, v})
			}
		}
	}
	return out
}

// resultParties are the parties other than the applicant as the result names them, personal
// IDs masked.
func resultParties(ps []cases.Party) []results.Party {
	var out []results.Party
	for _, p := range ps {
		if p.ID == cases.PartyApplicant {
			continue
		}
		label, ok := partyLabels[p.ID]
		if !ok {
			label = p.Label.VI
		}
		rp := results.Party{Label: label, Name: p.FullName}
		if p.PersonalID != "" {
			rp.IDMasked = citizens.MaskPersonalID(p.PersonalID)
		}
		out = append(out, rp)
	}
	return out
}

// schemaParties are the parties a form declares, named by the case's answers, for a case that
// does not list its own.
func schemaParties(schema forms.Schema, data forms.Answers) []cases.Party {
	var out []cases.Party
	for _, p := range schema.Parties {
		if name := data.String(p.NameField); name != "" {
			out = append(out, cases.Party{ID: p.ID, Kind: p.Kind, Label: p.Label, FullName: name, PersonalID: data.String(p.IDField)})
		}
	}
	return out
}

// subjectOf returns, among ps, the person the case is about when that is someone other than the
// applicant (the child registered), so the decision says for whom it is.
func subjectOf(ps []cases.Party, k cases.Case) (cases.Party, bool) {
	for _, p := range ps {
		if p.Kind != forms.PartySubject || p.FullName == "" {
			continue
		}
		if p.PersonalID == k.ApplicantPID || (p.PersonalID == "" && p.FullName == k.ApplicantName) {
			return cases.Party{}, false
		}
		return p, true
	}
	return cases.Party{}, false
}
