package citizen

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/views/pages"
)

// ShowHome is the home page: signed out, what the service is and how to sign in; signed in,
// "Việc cần làm" (a supplement to answer, a fee to pay, a result to download, a draft to
// finish, each a link to where to do it) and the latest cases.
func (h *Handler) ShowHome(c echo.Context) error {
	s, ok := h.Sessions.Current(c)
	if !ok {
		return c.Render(http.StatusOK, "", pages.Home())
	}
	ctx := c.Request().Context()
	home, err := h.Apply.Cases.Home(ctx, s.CitizenID)
	if err != nil {
		return err
	}
	ds, err := h.Apply.Drafts.List(ctx, s.CitizenID)
	if err != nil {
		return err
	}
	proc := h.procedureNames(ctx)
	page := pages.HomePage{Name: s.Name, Total: home.Total}
	for _, t := range home.Tasks {
		task := pages.HomeTask{Code: t.Code, Item: proc(t.ProcedureCode), URL: "/cases/" + t.Code, DueOn: t.DueOn, Amount: t.PaymentAmount}
		switch {
		case t.DraftDueAt != nil:
			task.Kind, task.DueOn = pages.TaskDraftResult, *t.DraftDueAt
		case t.Status == status.Supplement:
			task.Kind = pages.TaskSupplement
		case t.Status == status.Payment:
			task.Kind = pages.TaskPayment
		default:
			task.Kind = pages.TaskResult
		}
		page.Tasks = append(page.Tasks, task)
	}
	for _, d := range ds {
		page.Tasks = append(page.Tasks, pages.HomeTask{Kind: pages.TaskDraft, Item: proc(d.ProcedureCode), URL: "/drafts/" + d.ID.String(),
			DueOn: d.ExpiresAt, DraftID: d.ID.String()})
	}
	for _, k := range home.Recent {
		due := k.ExpectedDueOn
		if k.DueOn != nil {
			due = *k.DueOn
		}
		page.Recent = append(page.Recent, pages.CaseItem{Code: k.Code, Item: proc(k.ProcedureCode), Status: int(k.Status), SubmittedAt: k.SubmittedAt,
			DueOn: due, Overdue: k.Overdue})
	}
	return c.Render(http.StatusOK, "", pages.HomeSignedIn(page))
}

// procedureNames returns a lookup of procedures by code that asks the catalogue once per code;
// a procedure it cannot find is shown by its code.
func (h *Handler) procedureNames(ctx context.Context) func(code string) pages.ProcedureItem {
	procs := map[string]catalogue.Procedure{}
	return func(code string) pages.ProcedureItem {
		p, ok := procs[code]
		if !ok {
			if got, err := h.Apply.Catalogue.Get(ctx, code); err == nil {
				p, procs[code] = got, got
			} else {
				p = catalogue.Procedure{Code: code, NameVI: code, NameEN: code}
			}
		}
		return procedureItem(p)
	}
}
