package citizen

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/views/pages"
)

// ListProcedures is the public catalogue with its search and filters.
func (h *Handler) ListProcedures(c echo.Context) error {
	f := catalogue.Filter{Query: c.QueryParam("q"), Topic: c.QueryParam("topic"), AgencyKind: c.QueryParam("agency")}
	if q := []rune(f.Query); len(q) > 200 { // by characters: a cut inside one is not UTF-8
		f.Query = string(q[:200])
	}
	ps, err := h.Apply.Catalogue.List(c.Request().Context(), f)
	if err != nil {
		return err
	}
	page := pages.ProceduresPage{Query: f.Query, Topic: f.Topic, AgencyKind: f.AgencyKind,
		Topics: h.Apply.Catalogue.Topics(), AgencyKinds: h.Apply.Catalogue.AgencyKinds()}
	for _, p := range ps {
		page.Items = append(page.Items, procedureItem(p))
	}
	if len(ps) == 0 {
		if page.Popular, err = h.popularProcedures(c.Request().Context()); err != nil {
			return err
		}
	}
	if err := h.addFeeSummaries(c.Request().Context(), page.Items); err != nil {
		return err
	}
	if err := h.addFeeSummaries(c.Request().Context(), page.Popular); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "", pages.Procedures(page))
}

// popularCount is how many procedures a search that finds nothing offers.
const popularCount = 5

// popularProcedures are the procedures with the most cases submitted, then the rest of the
// catalogue in its order, popularCount in all: what a search that found nothing offers.
func (h *Handler) popularProcedures(ctx context.Context) ([]pages.ProcedureItem, error) {
	used, err := h.Apply.Cases.MostUsed(ctx, popularCount)
	if err != nil {
		return nil, err
	}
	all, err := h.Apply.Catalogue.List(ctx, catalogue.Filter{})
	if err != nil {
		return nil, err
	}
	listed := make(map[string]catalogue.Procedure, len(all))
	for _, p := range all {
		listed[p.Code] = p
	}
	var out []pages.ProcedureItem
	seen := map[string]bool{}
	add := func(p catalogue.Procedure) {
		if len(out) < popularCount && !seen[p.Code] {
			seen[p.Code] = true
			out = append(out, procedureItem(p))
		}
	}
	for _, u := range used {
		if p, ok := listed[u.ProcedureCode]; ok { // a withdrawn procedure is not offered
			add(p)
		}
	}
	for _, p := range all {
		add(p)
	}
	return out, nil
}

// ShowProcedure is one procedure's public page; signed in, it says whether the citizen can
// apply (assurance level, personal ID).
func (h *Handler) ShowProcedure(c echo.Context) error {
	p, err := h.Apply.Catalogue.Get(c.Request().Context(), c.Param("code"))
	if err != nil {
		return err
	}
	if p.Withdrawn() {
		return h.showWithdrawn(c, p)
	}
	page := pages.ProcedurePage{
		Item: procedureItem(p), LegalBasis: two(p.LegalBasis()), WhoDecides: two(p.Details.WhoDecides), Result: two(p.Details.Result),
	}
	for _, in := range p.Details.Inputs {
		page.Inputs = append(page.Inputs, two(in))
	}
	if err := h.addLaw(c, p, &page); err != nil {
		return err
	}
	if s, ok := h.Sessions.Current(c); ok {
		page.SignedIn = true
		page.NeedsUpgrade = !acrMeets(s.ACR, p.RequiredACR)
		page.NoPersonalID = !personalid.Valid(s.PersonalID)
	}
	return c.Render(http.StatusOK, "", pages.Procedure(page))
}

// acrMeets reports whether the assurance level have satisfies need (LoA2 ⊇ LoA1).
func acrMeets(have, need string) bool {
	rank := map[string]int{"LoA1": 1, "LoA2": 2}
	return rank[have] >= rank[need]
}
