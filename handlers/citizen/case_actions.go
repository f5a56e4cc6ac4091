package citizen

import (
	"context"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// Lifecycle is what the citizen's case page needs of the life cycle.
type Lifecycle struct {
	Work  *casework.Service
	Files interface {
		ForCitizen(ctx context.Context, a casework.Actor, code string) (casefile.CitizenFile, error)
	}
	Outcome interface {
		Download(ctx context.Context, a casework.Actor, caseID int64, deliver bool) (results.Result, []byte, error)
		// Signed and SignedDocuments give the case's signed documents (documents.go).
		Signed(ctx context.Context, a casework.Actor, caseID int64, kind string) (results.Result, []byte, error)
		SignedDocuments(ctx context.Context, caseID int64) ([]results.Result, error)
	}
	Drafts DraftPreviews // nil: the draft of a result is not shown as a PDF
}

func citizenActor(s Session) casework.Actor {
	return casework.Actor{Kind: casework.KindCitizen, Name: s.Name, CitizenID: s.CitizenID}
}

// CaseAction runs the citizen's own steps: answer a supplement request (text and a file),
// confirm a payment, ask to withdraw, confirm the draft of the result or ask to correct it.
func (h *Handler) CaseAction(c echo.Context) error {
	s, k, _, _, err := h.caseFor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	action := casework.Action(c.FormValue("action"))
	switch action {
	case casework.AnswerSupplement, casework.ConfirmPayment, casework.RequestWithdrawal, casework.ConfirmDraft, casework.CorrectDraft:
	default:
		return fault.New(fault.EFORBIDDEN, "case.forbidden", "citizen.caseAction")
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	in := casework.Input{Reason: forms.Clean(c.FormValue("reason"))}
	if action == casework.AnswerSupplement {
		if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
			if fh.Size > h.Apply.Attachments.MaxSize() {
				return h.renderCase(c, "upload.error.too_large", http.StatusUnprocessableEntity)
			}
			f, err := fh.Open()
			if err != nil {
				return fault.Wrap(fault.EINVALID, "error.invalid", "citizen.caseAction", err)
			}
			defer func() { _ = f.Close() }() // a received upload: nothing to report on close
			// Sized, so the store reads it into one buffer of its size (attachments.readAll).
			in.File = &casework.File{Name: fh.Filename, Content: io.NewSectionReader(f, 0, fh.Size)}
		}
	}
	_, err = h.Life.Work.Do(ctx, citizenActor(s), k.ID, version, action, in)
	switch fault.Code(err) {
	case "":
		return c.Redirect(http.StatusSeeOther, "/cases/"+k.Code)
	case fault.EINVALID, fault.ECONFLICT, fault.EFORBIDDEN:
		return h.renderCase(c, fault.Message(err), http.StatusUnprocessableEntity)
	}
	return err
}

// DownloadResult gives the citizen their signed result; the first download from the portal's
// own page delivers the case (ownRequest).
func (h *Handler) DownloadResult(c echo.Context) error {
	s, k, _, _, err := h.caseFor(c)
	if err != nil {
		return err
	}
	r, pdf, err := h.Life.Outcome.Download(c.Request().Context(), citizenActor(s), k.ID, ownRequest(c.Request()))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": r.Code + ".pdf"}))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}
