package citizen

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// LawCatalogue is the law of each procedure as data (services/catalogue): its fees and legal
// bases. The catalogue service that is Apply.Catalogue provides it; it is asked for here rather
// than added to Catalogue while apply.go, which declares that interface, is being changed by
// another part of issue 13.
type LawCatalogue interface {
	FeeSchedule(ctx context.Context, code, province string, on time.Time) (catalogue.FeeSchedule, error)
	FeeSchedules(ctx context.Context, province string, on time.Time) (map[string]catalogue.FeeSchedule, error)
	LegalBases(ctx context.Context, code string) ([]catalogue.LegalBasis, error)
}

var _ LawCatalogue = (*catalogue.Service)(nil)

func (h *Handler) lawCatalogue() (LawCatalogue, error) {
	l, ok := h.Apply.Catalogue.(LawCatalogue)
	if !ok {
		return nil, fmt.Errorf("citizen: the catalogue %T keeps no law", h.Apply.Catalogue)
	}
	return l, nil
}

// addFeeSummaries gives each listed procedure the short form of its nationwide charges.
func (h *Handler) addFeeSummaries(ctx context.Context, items []pages.ProcedureItem) error {
	law, err := h.lawCatalogue()
	if err != nil {
		return err
	}
	all, err := law.FeeSchedules(ctx, "", h.Apply.Now())
	if err != nil {
		return err
	}
	for i := range items {
		items[i].FeeSummary = two(catalogue.FeeSummary(all[items[i].Code]))
	}
	return nil
}

// addLaw puts a procedure's law on its page: its charges, nationwide or in the province the
// citizen chose (?tinh=), the documents in force or about to be, its full official name and
// what must be done in person.
func (h *Handler) addLaw(c echo.Context, p catalogue.Procedure, page *pages.ProcedurePage) error {
	ctx := c.Request().Context()
	law, err := h.lawCatalogue()
	if err != nil {
		return err
	}
	now := h.Apply.Now()
	province := c.QueryParam("tinh")
	if _, ok := h.Apply.Units.Province(province); !ok {
		province = ""
	}
	sch, err := law.FeeSchedule(ctx, p.Code, province, now)
	if err != nil {
		return err
	}
	page.Fees = feesView(sch)
	page.Item.FeeSummary = page.Fees.Summary
	for _, pr := range h.Apply.Units.Provinces() {
		page.Fees.Provinces = append(page.Fees.Provinces, components.OptionView{Value: pr.Code, Label: components.Text{VI: pr.NameVI, EN: pr.NameEN}})
	}
	bases, err := law.LegalBases(ctx, p.Code)
	if err != nil {
		return err
	}
	for _, b := range bases {
		if !b.InForce(now) && !b.Upcoming(now) {
			continue // repealed
		}
		page.LegalBases = append(page.LegalBases, pages.LegalBasisView{Number: b.Number, Citation: two(b.Citation()),
			Part: two(b.Part), IssuedOn: b.IssuedOn, EffectiveFrom: b.EffectiveFrom, Upcoming: b.Upcoming(now)})
	}
	page.OfficialName, page.InPerson = two(p.Details.OfficialName), two(p.Details.InPerson)
	return nil
}

// feesView lays a schedule out as the page shows it: one row per charge with its amount through
// each channel, taxes apart. A channel's row of another legal basis than the charge's (a
// province's own amount) names its basis in its cell.
func feesView(s catalogue.FeeSchedule) pages.FeesView {
	v := pages.FeesView{Known: s.Known(), Province: s.ProvinceCode, Summary: two(catalogue.FeeSummary(s))}
	var order []string
	rows := map[string]*pages.FeeRowView{}
	taxes := map[string]bool{}
	all := append(append([]catalogue.Fee{}, s.Online...), s.InPerson...)
	// A charge is described by its national row when there is one, else by the province's.
	slices.SortStableFunc(all, func(a, b catalogue.Fee) int { return cmp.Compare(a.ProvinceCode, b.ProvinceCode) })
	for _, f := range all {
		if _, ok := rows[f.Item]; !ok {
			rows[f.Item] = &pages.FeeRowView{Name: two(f.Name), Kind: two(catalogue.FeeKindName(f.Kind)),
				AmountNote: two(f.AmountNote), Recipient: two(f.Recipient), LegalBasis: two(f.LegalBasis)}
			taxes[f.Item] = f.Tax()
		}
	}
	add := func(f catalogue.Fee, online bool) {
		r := rows[f.Item]
		if !slices.Contains(order, f.Item) {
			order = append(order, f.Item)
		}
		if f.Exempt {
			r.ExemptionBasis = two(f.ExemptionBasis)
		}
		cell := pages.FeeCell{Amount: two(f.Amount()), Provincial: f.ProvinceCode != ""}
		if f.LegalBasis != (forms.Text{VI: r.LegalBasis.VI, EN: r.LegalBasis.EN}) {
			cell.Basis = two(f.LegalBasis)
		}
		if online {
			r.Online = cell
		} else {
			r.InPerson = cell
		}
	}
	for _, f := range s.Online {
		add(f, true)
	}
	for _, f := range s.InPerson {
		add(f, false)
	}
	for _, k := range order {
		if taxes[k] {
			v.Taxes = append(v.Taxes, *rows[k])
		} else {
			v.Charges = append(v.Charges, *rows[k])
		}
	}
	return v
}

// receiptFee is what the receipt says the case costs: the charges through the online channel
// in the province of the agency that receives it, on the day it was submitted.
func (h *Handler) receiptFee(ctx context.Context, p catalogue.Procedure, a catalogue.Agency, submitted time.Time) (string, error) {
	law, err := h.lawCatalogue()
	if err != nil {
		return "", err
	}
	sch, err := law.FeeSchedule(ctx, p.Code, a.ProvinceCode, submitted)
	if err != nil {
		return "", err
	}
	return catalogue.FeeLine(sch.Online).VI, nil
}

// inPersonNote adds to the receipt's note what must still be handed in or done in person.
func inPersonNote(p catalogue.Procedure) string {
	if p.Details.InPerson.VI == "" {
		return ""
	}
	return "\nViệc phải làm trực tiếp: " + p.Details.InPerson.VI
}
