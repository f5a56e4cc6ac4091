package staff

import (
	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/views/pages"
)

// partyViews shows the parties a case names to the agency's officer: each with their full
// personal ID and where their identity came from.
func partyViews(ps []cases.Party) []pages.PartyView {
	out := make([]pages.PartyView, 0, len(ps))
	for _, p := range ps {
		out = append(out, pages.PartyView{ID: p.ID, Label: citizen.Text(p.Label), Role: citizen.Text(p.Role), Name: p.FullName,
			PersonalID: p.PersonalID, Source: p.Source, RecordRef: p.RecordRef})
	}
	return out
}

// authorised reports whether the applicant acted for someone under an authorisation, whose
// letter the officer must check.
func authorised(ps []cases.Party) bool {
	for _, p := range ps {
		if p.Kind == cases.PartyRepresentative {
			return true
		}
	}
	return false
}
