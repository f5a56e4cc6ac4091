package citizen

import (
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"slices"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// ListCases is "Hồ sơ của tôi": drafts and submitted cases.
func (h *Handler) ListCases(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	after := c.QueryParam("after") // the last case of the page before: older ones follow (keyset)
	var page pages.CasesPage
	var ds []drafts.Summary
	if after == "" { // drafts are on the first page only
		var err error
		if ds, err = h.Apply.Drafts.List(ctx, s.CitizenID); err != nil {
			return err
		}
	}
	pid := "" // cases filed about the citizen are found by their personal ID, when they have one
	if personalid.Valid(s.PersonalID) {
		pid = s.PersonalID
	}
	mine, err := h.Apply.Cases.Mine(ctx, s.CitizenID, pid, after)
	if err != nil {
		return err
	}
	page.Later = after != ""
	if mine.Next != "" {
		page.NextURL = "/cases?" + url.Values{"after": {mine.Next}}.Encode()
	}
	proc := h.procedureNames(ctx)
	page.Drafts = make([]pages.DraftItem, 0, len(ds))
	page.Cases = make([]pages.CaseItem, 0, len(mine.Cases))
	for _, d := range ds {
		page.Drafts = append(page.Drafts, pages.DraftItem{ID: d.ID.String(), Item: proc(d.ProcedureCode), Step: d.Step, Steps: d.Steps,
			UpdatedAt: d.UpdatedAt, ExpiresAt: d.ExpiresAt})
	}
	for _, k := range mine.Cases {
		due := k.ExpectedDueOn
		if k.DueOn != nil {
			due = *k.DueOn
		}
		page.Cases = append(page.Cases, pages.CaseItem{Code: k.Code, Item: proc(k.ProcedureCode), Status: int(k.Status), SubmittedAt: k.SubmittedAt, DueOn: due, Overdue: k.Overdue, Subject: k.Subject})
	}
	for _, k := range mine.AboutMe {
		due := k.ExpectedDueOn
		if k.DueOn != nil {
			due = *k.DueOn
		}
		page.AboutMe = append(page.AboutMe, pages.AboutMeItem{
			CaseItem: pages.CaseItem{Code: k.Code, Item: proc(k.ProcedureCode), Status: int(k.Status), SubmittedAt: k.SubmittedAt, DueOn: due, Overdue: k.Overdue},
			FiledBy:  k.FiledBy, As: two(k.As.Label)})
	}
	return c.Render(http.StatusOK, "", pages.MyCases(page))
}

// caseFor loads the signed-in citizen's case: someone else's is the same 404 as none.
func (h *Handler) caseFor(c echo.Context) (Session, cases.Case, catalogue.Procedure, catalogue.Agency, error) {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	k, err := h.Apply.Cases.ForCitizen(ctx, s.CitizenID, c.Param("code"))
	if err != nil {
		return s, k, catalogue.Procedure{}, catalogue.Agency{}, err
	}
	p, err := h.Apply.Catalogue.Get(ctx, k.ProcedureCode)
	if err != nil {
		return s, k, p, catalogue.Agency{}, err
	}
	a, err := h.Apply.Catalogue.Agency(ctx, k.AgencyCode)
	return s, k, p, a, err
}

func (h *Handler) trackURL(code string) string { return TrackURL(h.BaseURL, code) }

// TrackURL is the public tracking page of the portal at base with the case code filled in: what
// the receipt's and the slip's QR codes open, on a phone that is not signed in, so the citizen
// types only the last 4 digits of the ID.
func TrackURL(base, code string) string { return base + "/tra-cuu?code=" + url.QueryEscape(code) }

// ShowReceipt confirms a submission.
func (h *Handler) ShowReceipt(c echo.Context) error {
	_, k, p, a, err := h.caseFor(c)
	if err != nil {
		return err
	}
	qr, err := receipt.QRPNG(h.trackURL(k.Code), 320)
	if err != nil {
		return err
	}
	next, cutOff, err := h.countsFromNextDay(c.Request().Context(), k, a)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "", pages.Receipt(pages.ReceiptPage{
		Code: k.Code, Item: procedureItem(p), AgencyName: two(a.Name()), SubmittedAt: k.SubmittedAt, ExpectedDueOn: k.ExpectedDueOn,
		RouteReason: two(k.RoutingReason), Parties: partyViews(k.Parties), InPerson: two(p.Details.InPerson),
		QRDataURL: "data:image/png;base64," + base64.StdEncoding.EncodeToString(qr), CaseURL: h.trackURL(k.Code),
		CountsFromNextDay: next, CutOff: cutOff,
	}))
}

// ReceiptPDF is the downloadable notice of submission (thông báo đã nộp hồ sơ trực tuyến); the
// receipt slip comes when the agency receives the case (ReceiptSlipPDF).
func (h *Handler) ReceiptPDF(c echo.Context) error {
	s, k, p, a, err := h.caseFor(c)
	if err != nil {
		return err
	}
	if h.Apply.Receipts == nil {
		return fault.New(fault.EUNAVAILABLE, "receipt.error.unavailable", "citizen.receiptPDF")
	}
	files, err := h.Apply.Attachments.ForCase(c.Request().Context(), s.CitizenID, k.ID)
	if err != nil {
		return err
	}
	docs := []string{"Tờ khai điện tử " + p.NameVI}
	var labels map[string]string
	if v, err := h.Apply.Catalogue.Version(c.Request().Context(), k.ProcedureCode, k.ProcedureVersion); err == nil {
		labels = schemaLabels(v.Schema)
	}
	for _, f := range files {
		docs = append(docs, labels[f.Field]+": "+f.FileName)
	}
	fee, err := h.receiptFee(c.Request().Context(), p, a, k.SubmittedAt)
	if err != nil {
		return err
	}
	next, cutOff, err := h.countsFromNextDay(c.Request().Context(), k, a)
	if err != nil {
		return err
	}
	pdf, err := h.Apply.Receipts.PDF(receipt.Receipt{
		CaseCode: k.Code, ProcedureCode: p.Code, ProcedureName: p.NameVI, AgencyName: a.NameVI,
		ApplicantName: k.ApplicantName, ApplicantIDMasked: citizens.MaskPersonalID(k.ApplicantPID),
		SubmittedAt: k.SubmittedAt, ExpectedResult: k.ExpectedDueOn, ProcessingDays: p.ProcessingDays, Fee: fee,
		Documents: docs, TrackURL: h.trackURL(k.Code), RoutingReason: k.RoutingReason.VI, Parties: receiptParties(k.Parties),
		Note:              "Thời hạn giải quyết được tính từ khi cơ quan tiếp nhận hồ sơ; ngày hẹn trả kết quả là dự kiến." + inPersonNote(p),
		CountsFromNextDay: next, CutOff: cutOff,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "thong-bao-da-nop-" + k.Code + ".pdf"}))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// schemaLabels names each field of a form in Vietnamese, by field name.
func schemaLabels(schema forms.Schema) map[string]string {
	out := map[string]string{}
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			out[f.Name] = f.Label.VI
		}
	}
	return out
}

// ShowCase is the citizen's own case: the submitted data, read-only, and its timeline.
func (h *Handler) ShowCase(c echo.Context) error {
	return h.renderCaseError(c, caseError{}, http.StatusOK)
}

// renderCaseError shows the case page with e (none when its key is ""), linked to its field.
func (h *Handler) renderCaseError(c echo.Context, e caseError, status int) error {
	return h.renderCasePage(c, e, nil, status)
}

// renderCasePage shows the case page; rated, when not nil, is the rating form as posted with
// its error (rating.go).
func (h *Handler) renderCasePage(c echo.Context, e caseError, rated *pages.RatingView, status int) error {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	f, err := h.Life.Files.ForCitizen(ctx, citizenActor(s), c.Param("code"))
	if err != nil {
		return err
	}
	k, p, a, v := f.Case, f.Procedure, f.Agency, f.Form
	byField := map[string]attachments.Attachment{}
	for _, fl := range f.Files {
		byField[fl.Field] = fl
	}
	source := func(f forms.Field) (string, bool) {
		pr := k.Provenance[f.Name]
		switch pr.Source {
		case "population", "land", "insurance":
			return pr.Source, false
		case "self_declared":
			return "", true
		}
		return "", false
	}
	held, err := h.heldAnswers(ctx, s.PersonalID, k.Data) // apply_held.go
	if err != nil {
		return err
	}
	page := pages.CasePage{
		Code: k.Code, Item: procedureItem(p), AgencyName: two(a.Name()), Status: int(k.Status), SubmittedAt: k.SubmittedAt,
		ExpectedDueOn: k.ExpectedDueOn, DueOn: k.DueOn, Version: k.Version, Outcome: k.Outcome, PaymentAmount: k.PaymentAmount,
		HasResult: (k.Status == casestatus.Done || k.Status == casestatus.Delivered) && k.Outcome == cases.OutcomeApproved,
		Sections:  answerSections(v.Schema, k.Data, source, byField, nil, held, h.Apply.Units),
		Request:   f.Request, Error: e.Key, ErrorField: e.Field, Overdue: f.Overdue,
		RouteReason: two(k.RoutingReason), Parties: partyViews(k.Parties),
		Parts: PartViews(ctx, h.Apply.Catalogue, p, k, f.Parts),
		Draft: DraftView(k.Status, f.Draft, f.Events, h.draftURL(k), slices.Contains(f.Actions, casework.ConfirmDraft)),
	}
	if page.Documents, err = h.caseDocuments(ctx, k); err != nil {
		return err
	}
	if page.Payments, page.Documents.Receipts, err = h.casePayments(ctx, k); err != nil {
		return err
	}
	labels := schemaLabels(v.Schema)
	for _, fl := range f.Files {
		page.Files = append(page.Files, pages.FileItem{Label: twoLabel(v.Schema, fl.Field, labels), Name: fl.FileName, SizeBytes: fl.SizeBytes, DownloadURL: "/attachments/" + fl.ID.String()})
	}
	for _, act := range f.Actions {
		switch act {
		case casework.AnswerSupplement:
			page.Actions = append(page.Actions, string(act))
		case casework.RequestWithdrawal: // asked on its own page first (confirm.go)
			page.CanWithdraw = true
		}
	}
	if page.Rating, err = h.ratingView(ctx, k, rated); err != nil {
		return err
	}
	page.Pause = pauseView(k, f.Events)
	for _, e := range f.Events {
		page.Timeline = append(page.Timeline, pages.TimelineItem{At: e.At, Status: int(e.ToStatus), Actor: e.ActorName, Note: e.Reason,
			Label: pages.StepLabel(e.Action, e.Note, int(e.ToStatus))})
	}
	return c.Render(status, "", pages.CaseView(page))
}

func twoLabel(schema forms.Schema, field string, fallback map[string]string) components.Text {
	if f, _, ok := schema.Field(field); ok {
		return two(f.Label)
	}
	return components.Text{VI: fallback[field], EN: fallback[field]}
}

// DownloadAttachment sends an owner their file, always as a download.
func (h *Handler) DownloadAttachment(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return notFound
	}
	a, content, err := h.Apply.Attachments.Open(c.Request().Context(), s.CitizenID, id)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": a.FileName}))
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, a.ContentType, content)
}
