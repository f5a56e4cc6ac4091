package citizen

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/mydata"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// MyData serves the citizen's own data (services/mydata).
type MyData interface {
	Grant(ctx context.Context, v mydata.Viewer) (consent.Consent, error)
	Withdraw(ctx context.Context, v mydata.Viewer) error
	Load(ctx context.Context, v mydata.Viewer) (mydata.View, error)
	LogPage(ctx context.Context, v mydata.Viewer, before int64) (mydata.LogPage, error)
}

var _ MyData = (*mydata.Service)(nil)

func viewer(s Session) mydata.Viewer {
	return mydata.Viewer{CitizenID: s.CitizenID, PersonalID: s.PersonalID, Name: s.Name}
}

// ShowMyData asks for consent first; with it, shows what the national databases hold, fetched
// now, and the log of who used the citizen's data (in both cases).
func (h *Handler) ShowMyData(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	v := viewer(s)
	page := pages.MyData{HasPersonalID: personalid.Valid(s.PersonalID)}
	if !page.HasPersonalID {
		return c.Render(http.StatusOK, "", pages.MyDataPage(page))
	}
	view, err := h.MyData.Load(ctx, v) // checks the consent once, and fetches nothing without it
	if err != nil {
		return err
	}
	if !view.Consented {
		page.ConsentItems = consentItems()
		page.Log, page.MoreLog = accessEntries(view.Log), view.MoreLog
		return c.Render(http.StatusOK, "", pages.MyDataPage(page))
	}
	page.Consented = true
	page.ConsentExpires = view.Consent.ExpiresAt
	page.Groups = dataGroups(view.Data)
	page.Log, page.MoreLog = accessEntries(view.Log), view.MoreLog
	return c.Render(http.StatusOK, "", pages.MyDataPage(page))
}

// GrantMyDataConsent records the consent and shows the data.
func (h *Handler) GrantMyDataConsent(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	if _, err := h.MyData.Grant(c.Request().Context(), viewer(s)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/my-data", i18n.MsgDoneConsentGranted))
}

// WithdrawMyDataConsent ends the consent; nothing more is fetched until it is given again.
func (h *Handler) WithdrawMyDataConsent(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	if err := h.MyData.Withdraw(c.Request().Context(), viewer(s)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/my-data", i18n.MsgDoneConsentWithdrawn))
}

func consentItems() []pages.ConsentItem {
	items := make([]pages.ConsentItem, 0, len(registry.Databases))
	for _, db := range registry.Databases {
		items = append(items, pages.ConsentItem{Database: db, Attributes: mydata.Attributes[db]})
	}
	return items
}

func accessEntries(entries []audit.Entry) []pages.AccessEntry {
	out := make([]pages.AccessEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, pages.AccessEntry{
			Seq: e.Seq, When: e.AccessedAt, ActorName: e.ActorName, ActorRole: e.ActorRole,
			Purpose: e.Purpose, Reference: e.Reference, Databases: e.Databases, Attributes: e.Attributes, Outcome: e.Outcome,
		})
	}
	return out
}
