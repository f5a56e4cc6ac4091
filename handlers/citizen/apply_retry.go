package citizen

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// RetryRegistries ("Thử lại") asks the exchange again for the databases that did not answer when
// the draft started. When one answers, the step comes back with its fields filled and locked and
// a success banner; when none does, the same step says they are still unavailable, with
// everything typed kept.
func (h *Handler) RetryRegistries(c echo.Context) error {
	s, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt != nil {
		return c.Redirect(http.StatusSeeOther, "/cases")
	}
	n, err := strconv.Atoi(c.FormValue("step"))
	if err != nil || n < 0 || n >= len(d.Schema.Steps) {
		n = 0
	}
	stepURL := "/drafts/" + d.ID.String() + "/steps/" + strconv.Itoa(n)
	res, err := h.Apply.Drafts.Retry(c.Request().Context(), h.Apply.Consents,
		drafts.Applicant{CitizenID: s.CitizenID, PersonalID: s.PersonalID, Name: s.Name}, d.ID)
	switch {
	case errors.Is(err, drafts.ErrNotFound):
		return notFound
	case errors.Is(err, drafts.ErrSubmitted):
		return c.Redirect(http.StatusSeeOther, "/cases")
	case fault.Code(err) == fault.EFORBIDDEN || fault.Code(err) == fault.EINVALID:
		// The consent was withdrawn, or the verified data contradicts the chosen capacity.
		return h.renderStep(c, s, d, n, nil, false, fault.Message(err), http.StatusConflict)
	case err != nil:
		return err
	}
	if len(res.Recovered) == 0 {
		if len(res.Still) == 0 { // nothing was unavailable (a second press, another tab)
			return c.Redirect(http.StatusSeeOther, stepURL)
		}
		page, err := h.stepPage(c, res.Draft, n, nil, false, "")
		if err != nil {
			return err
		}
		page.RetryStill = true
		return c.Render(http.StatusOK, "", pages.Step(page))
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL(stepURL, i18n.MsgDoneRegistryRetried))
}
