package citizen

import (
	"context"

	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Agencies names agencies (services/catalogue).
type Agencies interface {
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
}

// PartViews shows a linked case's parts, each with its agency's name and, for a part done, the
// procedure's name for what was recorded. A part not done in a case that ended (refused,
// stopped, withdrawn) shows as not carried out. The staff pages share it.
func PartViews(ctx context.Context, agencies Agencies, p catalogue.Procedure, k cases.Case, parts []cases.Part) []pages.PartView {
	out := make([]pages.PartView, 0, len(parts))
	for _, pt := range parts {
		v := pages.PartView{Seq: pt.Seq, Name: two(pt.Name), AgencyName: components.Text{VI: pt.AgencyCode, EN: pt.AgencyCode},
			Status: pt.Status, DueOn: pt.DueOn, DoneAt: pt.DoneAt, DoneBy: pt.DoneByName, Reference: pt.Reference, Note: pt.Note}
		if a, err := agencies.Agency(ctx, pt.AgencyCode); err == nil {
			v.AgencyName = two(a.Name())
		}
		for _, decl := range p.Parts {
			if decl.Kind == pt.Kind {
				v.ReferenceLabel = two(decl.Reference)
			}
		}
		if !pt.Done() && casestatus.Finished.Has(k.Status) {
			v.Status = "stopped"
		}
		out = append(out, v)
	}
	return out
}
