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

// decision describes the signed result of an approved case: who decided, on what, for whom,
// the decision's sentence and the main answers it rests on. The applicant's personal ID is
// masked; files and personal IDs are never repeated.
func (s *Service) decision(ctx context.Context, k cases.Case) results.Issue {
	in := results.Issue{CaseID: k.ID, CaseCode: k.Code, AgencyCode: k.AgencyCode, ProcedureCode: k.ProcedureCode,
		ApplicantName: k.ApplicantName, ApplicantIDMasked: citizens.MaskPersonalID(k.ApplicantPID), VerifyURL: s.verifyURL}
	if s.catalogue == nil {
		return in
	}
	if p, err := s.catalogue.Get(ctx, k.ProcedureCode); err == nil {
		in.ProcedureName = p.NameVI
		in.Decision = "Chấp thuận hồ sơ " + k.Code + " về thủ tục " + p.NameVI + " của " + k.ApplicantName + "."
	}
	if a, err := s.catalogue.Agency(ctx, k.AgencyCode); err == nil {
		in.AgencyName = a.NameVI
	}
	if v, err := s.catalogue.Version(ctx, k.ProcedureCode, k.ProcedureVersion); err == nil {
		for _, st := range v.Schema.Steps {
			for _, f := range st.Fields {
				if v := k.Data.String(f.Name); v != "" && f.Type != forms.TypeFile && f.Type != forms.TypePersonalID && len(in.Details) < maxDetails {
					in.Details = append(in.Details, [2]string{f.Label.VI, v})
				}
			}
		}
	}
	return in
}
