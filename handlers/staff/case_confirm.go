package staff

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// confirmURL is the confirm page of an action that signs or ends the case.
func confirmURL(code string, action casework.Action) string {
	return "/staff/cases/" + code + "/confirm?action=" + url.QueryEscape(string(action))
}

// ShowConfirm is the page an approval, a refusal or a stop goes through: what will be signed or
// ended, the preview of the document to be signed, the reason when one is needed, and the final
// button. The action must be one the officer may take now.
func (h *Handler) ShowConfirm(c echo.Context) error {
	return h.renderConfirm(c, casework.Action(c.QueryParam("action")), "", "", http.StatusOK)
}

func (h *Handler) renderConfirm(c echo.Context, action casework.Action, reason, errKey string, status int) error {
	if !needsConfirm(action) {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.confirm")
	}
	m, _ := Member(c)
	f, err := h.Casework.Files.ForOfficer(c.Request().Context(), actor(m), c.Param("code"))
	if err != nil {
		return err
	}
	if !slices.Contains(f.Actions, action) {
		return h.renderCase(c, casework.MsgBadStatus, http.StatusConflict)
	}
	k := f.Case
	p := pages.StaffConfirmPage{Code: k.Code, Action: string(action), Version: k.Version, Item: citizen.ProcedureItem(f.Procedure),
		ApplicantName: k.ApplicantName, Agency: citizen.Text(f.Agency.Name()), DueOn: k.DueOn, Reason: reason, Error: errKey,
		Draft: string(f.Draft.State)}
	if action == casework.Approve {
		p.Document = components.Text{VI: "Kết quả giải quyết thủ tục hành chính", EN: "Result of the administrative procedure"}
		if d, ok := results.DocumentFor(k.ProcedureCode); ok {
			p.Document = components.Text{VI: d.Name, EN: d.NameEN}
		}
		p.PreviewURL = "/staff/cases/" + k.Code + "/result-preview.pdf"
	}
	return c.Render(status, "", pages.StaffConfirm(p))
}
