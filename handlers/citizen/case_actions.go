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
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/viewctx"
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

// CaseAction runs the citizen's own steps: answer a supplement request (text and a file), ask
// to withdraw, confirm the draft of the result or ask to correct it. Fees are paid through the
// payment gateway (payment_pay.go): only its verified notification confirms a payment.
func (h *Handler) CaseAction(c echo.Context) error {
	s, k, _, _, err := h.caseFor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	action := casework.Action(c.FormValue("action"))
	switch action {
	case casework.AnswerSupplement, casework.RequestWithdrawal, casework.ConfirmDraft, casework.CorrectDraft:
	default:
		return fault.New(fault.EFORBIDDEN, "case.forbidden", "citizen.caseAction")
	}
	if action == casework.RequestWithdrawal && !confirmed(c) {
		// Asked first, on its own page (ShowWithdraw), which posts confirm=yes.
		return c.Redirect(http.StatusSeeOther, "/cases/"+k.Code+"/withdraw")
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	in := casework.Input{Reason: forms.Clean(c.FormValue("reason"))}
	if action == casework.AnswerSupplement {
		if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
			if fh.Size > h.Apply.Attachments.MaxSize() {
				return h.renderCaseError(c, caseError{Key: "upload.error.too_large", Field: "supplement-file"}, http.StatusUnprocessableEntity)
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
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/cases/"+k.Code, doneKeys[action]))
	case fault.EINVALID, fault.ECONFLICT, fault.EFORBIDDEN:
		e := actionError(action, fault.Message(err))
		if action == casework.RequestWithdrawal && e.Field != "" {
			return h.renderWithdraw(c, in.Reason, e.Key, http.StatusUnprocessableEntity)
		}
		return h.renderCaseError(c, e, http.StatusUnprocessableEntity)
	}
	return err
}

// doneKeys are the success banners that end the citizen's case actions.
var doneKeys = map[casework.Action]string{
	casework.AnswerSupplement:  i18n.MsgDoneSupplement,
	casework.RequestWithdrawal: i18n.MsgDoneWithdrawal,
	casework.ConfirmDraft:      i18n.MsgDoneDraftConfirmed,
	casework.CorrectDraft:      i18n.MsgDoneDraftCorrection,
}

// caseError is an error on the citizen's case page: its message (an i18n key) and the id of the
// field it is about, which the error summary links to ("" when it is about no field).
type caseError struct {
	Key   string
	Field string
}

// actionError says what to do about an action's refused input, at the field to fix: a missing
// reason names what to type in that action's box.
func actionError(action casework.Action, key string) caseError {
	switch key {
	case casework.MsgReason:
		field := "text-" + string(action)
		if action == casework.RequestWithdrawal {
			field = "withdraw-reason"
		}
		return caseError{Key: "case.error." + string(action), Field: field}
	case casework.MsgReasonTooLong:
		if action == casework.RequestWithdrawal {
			return caseError{Key: key, Field: "withdraw-reason"}
		}
		return caseError{Key: key, Field: "text-" + string(action)}
	}
	return caseError{Key: key}
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
