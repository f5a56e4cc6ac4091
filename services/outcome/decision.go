package outcome

import (
	"context"
	"time"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// Catalogue names the procedure, the agency and the form of a case, and finds the agency that
// decides on another's proposal (services/catalogue).
type Catalogue interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
	Version(ctx context.Context, code string, version int) (catalogue.Version, error)
	Route(ctx context.Context, p catalogue.Procedure, provinceCode, communeCode string) (catalogue.Agency, error)
}

// Units names the places documents show: the units of an address, an agency's letterhead
// (catalogue.Units).
type Units interface {
	Names(provinceCode, communeCode string) (province, commune string)
	Letterhead(a catalogue.Agency) catalogue.Letterhead
}

var _ Units = (*catalogue.Units)(nil)

// maxDetails is how many of the case's answers a result repeats when its procedure defines no
// document of its own.
const maxDetails = 12

// decision is the signed result of an approved case: the procedure's own document
// (results.DocumentFor: the birth certificate, the marriage certificate, the decision on the
// benefit…) filled with the case's answers in Vietnamese, under the letterhead of the agency
// that issues it. Personal IDs are masked.
func (s *Service) decision(ctx context.Context, k cases.Case) results.Issue {
	in, _ := s.document(ctx, k, s.clock())
	return in
}

// document writes the case's result as issued at: the Issue to sign, or to preview.
func (s *Service) document(ctx context.Context, k cases.Case, at time.Time) (results.Issue, results.Document) {
	in := results.Issue{CaseID: k.ID, CaseCode: k.Code, AgencyCode: k.AgencyCode, ProcedureCode: k.ProcedureCode,
		IssuedAt: at, VerifyURL: s.verifyURL}
	var (
		proc   catalogue.Procedure
		agency = catalogue.Agency{Code: k.AgencyCode}
		schema forms.Schema
	)
	if s.catalogue != nil {
		if p, err := s.catalogue.Get(ctx, k.ProcedureCode); err == nil {
			proc = p
		}
		if a, err := s.catalogue.Agency(ctx, k.AgencyCode); err == nil {
			agency = a
		}
		if v, err := s.catalogue.Version(ctx, k.ProcedureCode, k.ProcedureVersion); err == nil {
			schema = v.Schema
		}
	}
	in.ProcedureName, in.AgencyName = proc.NameVI, agency.NameVI
	doc, ok := results.DocumentFor(k.ProcedureCode)
	if !ok {
		doc = genericDocument(schema)
	}
	issuer := agency
	if doc.Issuer != "" && s.catalogue != nil {
		// The decision is the issuer's, in the province of the agency that proposed it.
		p := catalogue.Procedure{Code: k.ProcedureCode, AgencyKind: doc.Issuer, AgencyLevel: catalogue.LevelProvince}
		if a, err := s.catalogue.Route(ctx, p, agency.ProvinceCode, ""); err == nil {
			issuer = a
		}
	}
	in.Letterhead = results.Letterhead{Name: issuer.NameVI}
	if s.units != nil {
		l := s.units.Letterhead(issuer)
		in.Letterhead = results.Letterhead{Superior: l.Superior, Name: l.Name, Locality: l.Locality}
	}
	v := newCaseValues(schema, k.Data, s.units)
	v.vars = map[string]string{
		"applicant":    k.ApplicantName,
		"applicant_id": citizens.MaskPersonalID(k.ApplicantPID),
		"agency":       agency.NameVI,
		"issuer":       issuer.NameVI,
		"case":         k.Code,
		"procedure":    proc.NameVI,
		"legal_bases":  s.legalBases(ctx, proc, at),
		"date":         at.In(vietnam).Format("02/01/2006"),
		"submitted":    k.SubmittedAt.In(vietnam).Format("02/01/2006"),
	}
	if k.ReceivedAt != nil {
		v.vars["received"] = k.ReceivedAt.In(vietnam).Format("02/01/2006")
	}
	if app, ok := k.Party(cases.PartyApplicant); ok {
		v.vars["applicant_role"] = app.Role.VI
	}
	in.Body = doc.Fill(k.ProcedureCode, v)
	return in, doc
}

// clock is the time a result issued now carries: the results service's.
func (s *Service) clock() time.Time {
	if s.results != nil {
		return s.results.Now()
	}
	return time.Now()
}

// genericDocument is the result of a procedure that defines no document of its own: "KẾT QUẢ
// GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", who decided what for whom, and the form's first answers.
func genericDocument(schema forms.Schema) results.Document {
	d := results.Document{
		Name:     "Kết quả giải quyết thủ tục hành chính",
		NameEN:   "Result of the administrative procedure",
		Title:    "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
		Subtitle: "{procedure}",
		Body: []results.Block{
			{Text: "{issuer} đã giải quyết hồ sơ số {case} của Ông/Bà {applicant}, nộp ngày {submitted}, với các thông tin sau:"},
			{Label: "Người nộp hồ sơ", Value: "{applicant}", Bold: true},
			{Label: "Số định danh cá nhân", Value: "{applicant_id}"},
		},
		Signer: []string{"THỦ TRƯỞNG CƠ QUAN"},
	}
	n := 0
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			switch f.Type {
			case forms.TypeFile, forms.TypePerson, forms.TypeParcel, forms.TypeGroup:
				continue
			}
			if n < maxDetails {
				d.Body = append(d.Body, results.Block{Label: f.Label.VI, Fields: []string{f.Name}})
				n++
			}
		}
	}
	return d
}
