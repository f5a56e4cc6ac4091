package staff

import (
	"context"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// Casework is what the case page needs.
type Casework struct {
	Cases interface {
		ForAgency(ctx context.Context, agency, code string) (cases.Case, error)
		AddNote(ctx context.Context, caseID int64, authorKind, authorID, authorName, body string) error
	}
	Work        *casework.Service
	Files       CaseFiles
	Outcome     Outcome
	Attachments interface {
		ForCase(ctx context.Context, citizenID int64, caseID int64) ([]attachments.Attachment, error)
		OpenForAgency(ctx context.Context, agency string, id uuid.UUID) (attachments.Attachment, []byte, error)
	}
	Versions interface {
		Version(ctx context.Context, code string, version int) (catalogue.Version, error)
	}
	Units    citizen.Units
	Receipts SlipRenderer // nil when the fonts are missing: no receipt slip
	// Downloads opens a case's file for its agency's officers, logging the read (services/casefile).
	Downloads interface {
		ForOfficer(ctx context.Context, a casework.Actor, id uuid.UUID) (attachments.Attachment, []byte, error)
	}
	// Held reads the documents of the applicant's store the case uses (case_held.go); nil: not shown.
	Held HeldDocuments
}

// CaseFiles loads the officer's case file in one call, recording the access (services/casefile).
type CaseFiles interface {
	ForOfficer(ctx context.Context, a casework.Actor, code string) (casefile.OfficerFile, error)
}

// Outcome approves with the signed result, apologises with the signed letter, previews the
// result and gives the signed documents (services/outcome; documents.go).
type Outcome interface {
	Approve(ctx context.Context, a casework.Actor, caseID int64, version int) (casework.Case, results.Result, error)
	Apologise(ctx context.Context, a casework.Actor, caseID int64, version int, in casework.Input) (casework.Case, results.Result, error)
	Preview(ctx context.Context, a casework.Actor, caseID int64) ([]byte, error)
	Signed(ctx context.Context, a casework.Actor, caseID int64, kind string) (results.Result, []byte, error)
	SignedDocuments(ctx context.Context, caseID int64) ([]results.Result, error)
}

// actor is the member acting with their most capable case role.
func actor(m staff.Member) casework.Actor {
	role := casework.RoleHelpdesk
	switch {
	case m.Has(staff.RoleSupervisor):
		role = casework.RoleSupervisor
	case m.Has(staff.RoleOfficer):
		role = casework.RoleOfficer
	case m.Has(staff.RoleAdmin):
		role = casework.RoleAdmin
	}
	return casework.Actor{Kind: casework.KindStaff, ID: m.Login, Name: m.FullName, Role: role, AgencyCode: m.AgencyCode}
}

// ShowCase is the officer's case page. Opening it is an access to the citizen's data: it is
// written to their data-access log.
func (h *Handler) ShowCase(c echo.Context) error {
	return h.renderCase(c, "", http.StatusOK)
}

func (h *Handler) renderCase(c echo.Context, errKey string, status int) error {
	return h.renderCaseField(c, errKey, "", status)
}

// renderCaseField shows the case page with an action's error on one of its fields (its id).
func (h *Handler) renderCaseField(c echo.Context, errKey, errField string, status int) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	f, err := h.Casework.Files.ForOfficer(ctx, actor(m), c.Param("code"))
	if err != nil {
		return err
	}
	k, p, v := f.Case, f.Procedure, f.Form
	page := pages.StaffCasePage{
		Code: k.Code, Item: citizen.ProcedureItem(p), ApplicantName: k.ApplicantName, ApplicantPID: k.ApplicantPID,
		Status: int(k.Status), Version: k.Version, SubmittedAt: k.SubmittedAt, DueOn: k.DueOn, ExpectedDueOn: k.ExpectedDueOn,
		Paused: k.PausedAt != nil, Overdue: f.Overdue, Demo: k.Demo, AssignedTo: k.AssignedName, Outcome: k.Outcome, Error: errKey, ErrorField: errField,
		ReceiptLate: k.ReceiptOverdue, AgencyName: citizen.Text(f.Agency.Name()), RouteReason: citizen.Text(k.RoutingReason),
		Parties: partyViews(k.Parties), Authorised: authorised(k.Parties), Draft: draftView(f),
		LinkedParts: citizen.PartViews(c.Request().Context(), h.Catalogue, p, k, f.Parts),
	}
	byField := map[string]attachments.Attachment{}
	for _, fl := range f.Files {
		byField[fl.Field] = fl
		label := fl.Field
		if sf, _, ok := v.Schema.Field(fl.Field); ok {
			label = sf.Label.VI
		}
		page.Files = append(page.Files, pages.FileItem{Label: citizen.Text(forms.Text{VI: label, EN: label}), Name: fl.FileName,
			SizeBytes: fl.SizeBytes, DownloadURL: "/staff/attachments/" + fl.ID.String()})
	}
	held, err := h.heldFiles(ctx, k, v.Schema) // case_held.go
	if err != nil {
		return err
	}
	page.Files = append(page.Files, held...)
	if page.Documents, err = h.caseDocuments(ctx, k); err != nil {
		return err
	}
	if page.Payments, err = h.casePayments(ctx, k); err != nil {
		return err
	}
	source := func(f forms.Field) (string, bool) {
		switch pr := k.Provenance[f.Name]; pr.Source {
		case "population", "land", "insurance":
			return pr.Source, false
		case "self_declared":
			return "", true
		}
		return "", false
	}
	page.Sections = citizen.AnswerSections(v.Schema, k.Data, source, byField, h.Casework.Units)
	for _, e := range f.Events {
		page.Timeline = append(page.Timeline, pages.TimelineItem{At: e.At, Status: int(e.ToStatus), Actor: e.ActorName, Note: e.Reason,
			Label: pages.StepLabel(e.Action, e.Note, int(e.ToStatus))})
	}
	page.Primary, page.Actions = splitActions(f.Actions)
	page.DraftFirst = page.Primary == "" && slices.Contains(f.Actions, casework.SendDraft)
	page.Supervisor = actor(m).Role == casework.RoleSupervisor
	for _, o := range f.Officers {
		page.Officers = append(page.Officers, pages.OfficerOption{Login: o.Login, Name: o.Name})
	}
	for _, n := range f.Notes {
		page.Notes = append(page.Notes, pages.NoteItem{Author: n.AuthorName, Body: n.Body, Helpdesk: n.AuthorKind == "helpdesk", At: n.At})
	}
	for _, r := range f.Reports {
		page.Reports = append(page.Reports, pages.ReportItem{Database: r.Database, Attribute: r.Attribute, Shown: r.ShownValue, Comment: r.Comment, At: r.At})
	}
	return c.Render(status, "", pages.StaffCase(page))
}

// DoAction runs one life-cycle action; a conflict or a refusal comes back as a message on the page.
func (h *Handler) DoAction(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	action := casework.Action(c.FormValue("action"))
	if action == casework.RequestPayment && h.Payments.Merchant != nil {
		// A request for payment names its items: it is made on its own form (payment_request.go).
		return c.Redirect(http.StatusSeeOther, "/staff/cases/"+k.Code+"/payments/request")
	}
	if needsConfirm(action) && c.FormValue("confirmed") != "1" {
		return c.Redirect(http.StatusSeeOther, confirmURL(k.Code, action))
	}
	in := casework.Input{Reason: forms.Clean(c.FormValue("reason"))}
	if amt := strings.TrimSpace(c.FormValue("amount")); amt != "" {
		in.Amount, _ = strconv.ParseInt(strings.NewReplacer(".", "", ",", "", " ", "").Replace(amt), 10, 64)
	}
	if d := forms.ReadDate(c.FormValue, "new_due_on"); d != "" {
		// Three boxes (or one ISO value): a date that is not real is refused on its day box.
		if msg := forms.DateProblem(d); msg != "" {
			return h.renderCaseField(c, msg, "new_due_on", http.StatusUnprocessableEntity)
		}
		in.NewDueOn, _ = time.Parse(time.DateOnly, d)
	}
	a := actor(m)
	if action == casework.Assign {
		// An officer claims the case; a supervisor gives it to the officer they chose, or takes
		// it with the button of its own ("self"), never to a default.
		in.AssignTo = m.Login
		if a.Role == casework.RoleSupervisor && c.FormValue("self") != "1" {
			if in.AssignTo = c.FormValue("assign_to"); in.AssignTo == "" {
				return h.renderCaseField(c, i18n.MsgAssignChoose, "assign_to", http.StatusUnprocessableEntity)
			}
		}
	}
	switch action {
	case casework.Approve:
		_, _, err = h.Casework.Outcome.Approve(ctx, a, k.ID, version)
	case casework.Apology: // with its signed letter (documents.go)
		_, _, err = h.Casework.Outcome.Apologise(ctx, a, k.ID, version, in)
	default:
		_, err = h.Casework.Work.Do(ctx, a, k.ID, version, action, in)
	}
	switch code := fault.Code(err); {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/cases/"+k.Code, doneKey(action)))
	case code == fault.EINVALID && needsConfirm(action):
		return h.renderConfirm(c, action, in.Reason, fault.Message(err), http.StatusUnprocessableEntity)
	case code == fault.EINVALID || code == fault.ECONFLICT || code == fault.EFORBIDDEN:
		status := http.StatusUnprocessableEntity
		if code == fault.ECONFLICT {
			status = http.StatusConflict
		}
		return h.renderCase(c, fault.Message(err), status)
	}
	return err
}

// DownloadAttachment sends an agency's officer a file of one of its cases; the read is in the
// data-access log of everyone the case names.
func (h *Handler) DownloadAttachment(c echo.Context) error {
	m, _ := Member(c)
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.download")
	}
	a, content, err := h.Casework.Downloads.ForOfficer(c.Request().Context(), actor(m), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": a.FileName}))
	return c.Blob(http.StatusOK, a.ContentType, content)
}

// AddNote saves an internal note on the case.
func (h *Handler) AddNote(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	if err := h.Casework.Cases.AddNote(ctx, k.ID, "staff", "staff:"+m.Login, m.FullName, forms.Clean(c.FormValue("note"))); err != nil {
		if fault.Code(err) == fault.EINVALID {
			return h.renderCase(c, fault.Message(err), http.StatusUnprocessableEntity)
		}
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/cases/"+k.Code, i18n.MsgDoneCaseNote))
}

// doneKey is the success banner after action.
func doneKey(action casework.Action) string {
	if key := i18n.DoneCasePrefix + string(action); i18n.Has(key) {
		return key
	}
	return i18n.MsgDoneSaved
}
