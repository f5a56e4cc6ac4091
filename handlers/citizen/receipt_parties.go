package citizen

import (
	"context"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/views/i18n"
)

// receiptParties are the parties as the receipt prints them, in Vietnamese: the personal IDs
// masked as the applicant's is, where each identity came from in words (the texts the pages
// show, from views/i18n).
func receiptParties(ps []cases.Party) []receipt.Party {
	vi := context.Background() // no request language: Vietnamese, the receipt's
	out := make([]receipt.Party, 0, len(ps))
	for _, p := range ps {
		rp := receipt.Party{Label: p.Label.VI, Role: p.Role.VI, FullName: p.FullName}
		if p.PersonalID != "" {
			rp.IDMasked = citizens.MaskPersonalID(p.PersonalID)
		}
		key := "parties.source." + p.Source
		switch p.Source {
		case "population", "land", "insurance":
			key = "db." + p.Source
		}
		if i18n.Has(key) {
			rp.Source = i18n.T(vi, key)
		}
		out = append(out, rp)
	}
	return out
}
