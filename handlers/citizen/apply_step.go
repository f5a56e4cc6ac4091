package citizen

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// draftID reads the :id parameter; a malformed id is the same 404 as someone else's draft.
func draftID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, notFound
	}
	return id, nil
}

var notFound = fault.New(fault.ENOTFOUND, "error.notfound.body", "citizen")

// loadDraft returns the signed-in citizen's draft, or the 404 that hides others' drafts.
func (h *Handler) loadDraft(c echo.Context) (Session, drafts.Draft, error) {
	s, _ := h.Sessions.Current(c)
	id, err := draftID(c)
	if err != nil {
		return s, drafts.Draft{}, err
	}
	d, err := h.Apply.Drafts.Get(c.Request().Context(), s.CitizenID, id)
	if errors.Is(err, drafts.ErrNotFound) {
		return s, drafts.Draft{}, notFound
	}
	return s, d, err
}

// ResumeDraft opens a draft where it was left.
func (h *Handler) ResumeDraft(c echo.Context) error {
	_, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt != nil {
		return c.Redirect(http.StatusSeeOther, "/cases")
	}
	if d.Step >= len(d.Schema.Steps) {
		return c.Redirect(http.StatusSeeOther, "/drafts/"+d.ID.String()+"/check")
	}
	return c.Redirect(http.StatusSeeOther, "/drafts/"+d.ID.String()+"/steps/"+strconv.Itoa(d.Step))
}

func (h *Handler) rules() forms.Rules {
	now := h.Apply.Now()
	return forms.Rules{Today: civilToday(now), CommuneInProvince: h.Apply.Units.CommuneInProvince,
		ProvinceExists: func(code string) bool { _, ok := h.Apply.Units.Province(code); return ok }}
}

// ShowStep renders one step with the draft's answers.
func (h *Handler) ShowStep(c echo.Context) error {
	s, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt != nil {
		return c.Redirect(http.StatusSeeOther, "/cases")
	}
	n, err := strconv.Atoi(c.Param("step"))
	if err != nil || n < 0 || n >= len(d.Schema.Steps) {
		return notFound
	}
	return h.renderStep(c, s, d, n, nil, false, "", http.StatusOK)
}

func (h *Handler) renderStep(c echo.Context, _ Session, d drafts.Draft, n int, errs []forms.FieldError, tampered bool, notice string, status int) error {
	page, err := h.stepPage(c, d, n, errs, tampered, notice)
	if err != nil {
		return err
	}
	return c.Render(status, "", pages.Step(page))
}

// stepPage is the view of step n of the draft.
func (h *Handler) stepPage(c echo.Context, d drafts.Draft, n int, errs []forms.FieldError, tampered bool, notice string) (pages.StepPage, error) {
	ctx := c.Request().Context()
	p, err := h.Apply.Catalogue.Get(ctx, d.ProcedureCode)
	if err != nil {
		return pages.StepPage{}, err
	}
	files, err := h.Apply.Attachments.ForDraft(ctx, d.CitizenID, d.ID)
	if err != nil {
		return pages.StepPage{}, err
	}
	step := d.Schema.Steps[n]
	v := stepView{d: d, errs: errorMap(errs), files: files, provinces: provinceViews(h.Apply.Units), stepIndex: n}
	page := pages.StepPage{
		DraftID: d.ID.String(), Item: procedureItem(p), Step: n, Title: two(step.Title), Intro: two(step.Intro),
		Fields: v.fields(step), Errors: errorLinks(step, errs), Tampered: tampered, Unavailable: d.Unavailable, Notice: notice,
	}
	if err := h.offerHeld(c, d, page.Fields); err != nil { // apply_held.go
		return pages.StepPage{}, err
	}
	for _, st := range d.Schema.Steps {
		page.Steps = append(page.Steps, two(st.Title))
	}
	if r, ok := d.Schema.Roles.Role(d.Prefill.Role); ok {
		page.Role = two(r.Label)
	}
	page.Notices = d.Prefill.Notices
	return page, nil
}

// SaveStep reads the step's answers and files, saves them, and goes on (or shows the errors).
func (h *Handler) SaveStep(c echo.Context) error {
	s, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt != nil {
		return c.Redirect(http.StatusSeeOther, "/cases")
	}
	n, err := strconv.Atoi(c.Param("step"))
	if err != nil || n < 0 || n >= len(d.Schema.Steps) {
		return notFound
	}
	ctx := c.Request().Context()
	// A post that cannot be read is refused whole (web's readBody reads it first): saving what
	// was read of it would blank the step's answers.
	form, err := c.MultipartForm()
	if err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return fault.Wrap(fault.EINVALID, "input.error.unreadable", "citizen.saveStep", err)
	}
	post, err := c.FormParams()
	if err != nil {
		return fault.Wrap(fault.EINVALID, "input.error.unreadable", "citizen.saveStep", err)
	}
	step := d.Schema.Steps[n]
	in := drafts.StepInput{Step: n, Answers: forms.FromForm(step, post), Files: map[string]drafts.Upload{}, Action: c.FormValue("action")}

	// The files go with the answers, in the draft's one save: a refused file becomes that field's
	// error, and the rest is still saved.
	var tooLarge []forms.FieldError
	if form != nil {
		for _, f := range step.Fields {
			if f.Type != forms.TypeFile {
				continue
			}
			hdrs := form.File[f.Name]
			if len(hdrs) == 0 || hdrs[0].Size == 0 && hdrs[0].Filename == "" {
				continue
			}
			if hdrs[0].Size > h.Apply.Attachments.MaxSize() {
				tooLarge = append(tooLarge, forms.FieldError{Field: f.Name, Message: "upload.error.too_large"})
				continue
			}
			file, err := hdrs[0].Open()
			if err != nil {
				return fault.Wrap(fault.EINVALID, "error.invalid", "citizen.saveStep", err)
			}
			defer func() { _ = file.Close() }() // a received upload: nothing to report on close
			// Sized, so the store reads it into one buffer of its size (attachments.readAll).
			in.Files[f.Name] = drafts.Upload{Name: hdrs[0].Filename, Content: io.NewSectionReader(file, 0, hdrs[0].Size)}
		}
	}
	held, heldErrs, err := h.heldChoices(ctx, s.PersonalID, step, post) // apply_held.go
	if err != nil {
		return err
	}
	in.Held = held
	tooLarge = append(tooLarge, heldErrs...) // refused before the save, like a file too large
	res, err := h.Apply.Drafts.SaveStep(ctx, s.CitizenID, d.ID, in, h.rules())
	if err != nil {
		return err
	}
	fileErrs := append(tooLarge, res.FileErrors...)
	if res.Tampered {
		return h.renderStep(c, s, res.Draft, n, res.Errors, true, "", http.StatusUnprocessableEntity)
	}
	errs := append(tooLarge, res.Errors...)
	if in.Action == drafts.ActionSave && len(fileErrs) == 0 {
		// Saved as typed, valid or not; the errors wait until the citizen continues.
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/drafts/"+d.ID.String()+"/steps/"+strconv.Itoa(n), i18n.MsgDoneDraftSaved))
	}
	if len(errs) > 0 || res.Next == n {
		status := http.StatusOK
		if len(errs) > 0 {
			status = http.StatusUnprocessableEntity
		}
		return h.renderStep(c, s, res.Draft, n, errs, false, "", status)
	}
	if res.Next >= len(d.Schema.Steps) {
		return c.Redirect(http.StatusSeeOther, "/drafts/"+d.ID.String()+"/check")
	}
	return c.Redirect(http.StatusSeeOther, "/drafts/"+d.ID.String()+"/steps/"+strconv.Itoa(res.Next))
}

// DeleteDraft removes a draft and its files, once asked on its confirm page (ShowDeleteDraft):
// a post without the confirmation goes there first.
func (h *Handler) DeleteDraft(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := draftID(c)
	if err != nil {
		return err
	}
	if !confirmed(c) { // to the question, for the draft's owner only: anyone else gets 404
		if _, _, err := h.loadDraft(c); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, "/drafts/"+id.String()+"/delete")
	}
	if err := h.Apply.Drafts.Delete(c.Request().Context(), s.CitizenID, id); err != nil {
		if errors.Is(err, drafts.ErrNotFound) {
			return notFound
		}
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/cases", i18n.MsgDoneDraftDeleted))
}

// ReportData records "Báo sai dữ liệu" on a prefilled value and returns to the step.
func (h *Handler) ReportData(c echo.Context) error {
	s, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	field := c.FormValue("field")
	if err := h.Apply.Drafts.Report(c.Request().Context(), s.CitizenID, d.ID, field, c.FormValue("comment")); err != nil {
		return err
	}
	_, step, _ := d.Schema.Field(field)
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/drafts/"+d.ID.String()+"/steps/"+strconv.Itoa(step), i18n.MsgDoneDraftReported))
}
