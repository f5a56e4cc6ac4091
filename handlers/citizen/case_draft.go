package citizen

import (
	"context"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/views/pages"
)

// DraftPreviews renders the draft of a case's result: what approving it would issue, unsigned
// and unnumbered (services/outcome).
type DraftPreviews interface {
	PreviewCase(ctx context.Context, k cases.Case) ([]byte, error)
}

// DraftView is the draft of a case's result as a case page shows it: pdf is where to read it
// ("" when it cannot be shown), can whether the reader may act on it now. A finished case shows
// none (its result is what counts), nor a case not yet processed.
func DraftView(st status.Status, d casework.Draft, events []cases.Event, pdf string, can bool) pages.DraftView {
	if !status.Open.Has(st) || (d.State == casework.DraftNotSent && st != status.Processing) {
		return pages.DraftView{}
	}
	v := pages.DraftView{State: string(d.State), Document: two(d.Document), DueAt: d.DueAt, PreviewURL: pdf, Can: can}
	for _, e := range events {
		if e.Action == string(casework.CorrectDraft) {
			v.Correction = e.Reason
		}
	}
	return v
}

// DraftReadable reports whether the draft of the case's result can be read: a draft was sent
// and the case is not finished (then the result itself is what counts).
func DraftReadable(k cases.Case) bool {
	_, needed := casework.NeedsConfirmation(k.ProcedureCode)
	return needed && k.DraftDueAt != nil && status.Open.Has(k.Status)
}

// draftURL is where the applicant reads the draft of their case's result, if they can.
func (h *Handler) draftURL(k cases.Case) string {
	if h.Life.Drafts == nil || !DraftReadable(k) {
		return ""
	}
	return "/cases/" + k.Code + "/draft.pdf"
}

// DraftPDF shows the applicant the draft of their result that the agency sent them to confirm.
func (h *Handler) DraftPDF(c echo.Context) error {
	_, k, _, _, err := h.caseFor(c)
	if err != nil {
		return err
	}
	if h.Life.Drafts == nil || !DraftReadable(k) {
		return notFound
	}
	pdf, err := h.Life.Drafts.PreviewCase(c.Request().Context(), k)
	if err != nil {
		return err
	}
	return SendDraft(c, k.Code, pdf)
}

// SendDraft sends a draft's PDF to be read in the browser.
func SendDraft(c echo.Context, code string, pdf []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": "du-thao-" + code + ".pdf"}))
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}
