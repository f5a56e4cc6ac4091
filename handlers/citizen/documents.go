package citizen

import (
	"context"
	"mime"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// MsgSlipNotYet is the message of a slip asked for before the agency received the case.
const MsgSlipNotYet = "documents.slip.notyet"

// ReceiptSlipPDF is the "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" of the citizen's case, issued
// once the agency has received it; before, the citizen has the notice of submission.
func (h *Handler) ReceiptSlipPDF(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	f, err := h.Life.Files.ForCitizen(c.Request().Context(), citizenActor(s), c.Param("code"))
	if err != nil {
		return err
	}
	if h.Apply.Receipts == nil {
		return fault.New(fault.EUNAVAILABLE, "receipt.error.unavailable", "citizen.receiptSlip")
	}
	slip, err := SlipOf(f.Case, f.Procedure, f.Agency, f.Form.Schema, f.Files, f.Events, h.Apply.Units, h.trackURL(f.Case.Code))
	if err != nil {
		return err
	}
	pdf, err := h.Apply.Receipts.SignedSlipPDF(c.Request().Context(), slip)
	if err != nil {
		return err
	}
	return SendPDF(c, "giay-tiep-nhan-"+f.Case.Code+".pdf", pdf)
}

// ApologyPDF is the signed "Phiếu xin lỗi và hẹn lại ngày trả kết quả" of the citizen's case.
func (h *Handler) ApologyPDF(c echo.Context) error {
	s, k, _, _, err := h.caseFor(c)
	if err != nil {
		return err
	}
	r, pdf, err := h.Life.Outcome.Signed(c.Request().Context(), citizenActor(s), k.ID, results.KindApology)
	if err != nil {
		return err
	}
	return SendPDF(c, r.Code+".pdf", pdf)
}

// SendPDF sends a PDF as a download named name.
func SendPDF(c echo.Context, name string, pdf []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// SlipOf is the receipt slip of a received case, from what the case file holds: the received
// time and officer of its receive step and the due date it set (an apology's later date has its
// own letter). A case not received has none (fault.ENOTFOUND).
func SlipOf(k cases.Case, p catalogue.Procedure, a catalogue.Agency, schema forms.Schema, files []attachments.Attachment,
	events []cases.Event, units any, trackURL string) (receipt.Slip, error) {
	if k.ReceivedAt == nil {
		return receipt.Slip{}, fault.New(fault.ENOTFOUND, MsgSlipNotYet, "citizen.slip")
	}
	docs := []string{"Tờ khai điện tử " + p.NameVI}
	labels := schemaLabels(schema)
	for _, f := range files {
		docs = append(docs, labels[f.Field]+": "+f.FileName)
	}
	s := receipt.Slip{
		Receipt: receipt.Receipt{
			CaseCode: k.Code, ProcedureCode: p.Code, ProcedureName: p.NameVI, AgencyName: a.NameVI, AgencyCode: a.Code,
			ApplicantName: k.ApplicantName, ApplicantIDMasked: citizens.MaskPersonalID(k.ApplicantPID),
			SubmittedAt: k.SubmittedAt, ExpectedResult: k.ExpectedDueOn, ProcessingDays: p.ProcessingDays,
			Documents: docs, TrackURL: trackURL, RoutingReason: k.RoutingReason.VI, Parties: receiptParties(k.Parties),
		},
		ReceivedAt: *k.ReceivedAt,
	}
	if k.DueOn != nil {
		s.DueOn = *k.DueOn
	}
	for _, e := range events {
		if e.Action == "receive" {
			s.ReceivedBy = e.ActorName
			if e.DueOn != nil {
				s.DueOn = *e.DueOn
			}
			break
		}
	}
	if l, ok := units.(interface {
		Letterhead(a catalogue.Agency) catalogue.Letterhead
	}); ok {
		lh := l.Letterhead(a)
		s.Superior, s.Locality = lh.Superior, lh.Locality
	}
	return s, nil
}

// caseDocuments is what the citizen's case page offers of the case's documents.
func (h *Handler) caseDocuments(ctx context.Context, k cases.Case) (pages.CaseDocuments, error) {
	d := pages.CaseDocuments{Base: "/cases/" + k.Code, Notice: true}
	if err := SignedDocuments(ctx, h.Life.Outcome, h.BaseURL, k, &d); err != nil {
		return pages.CaseDocuments{}, err
	}
	if d.Result != nil {
		d.Result.PDF = "" // the case page's own button downloads it: the first download delivers the case
	}
	return d, nil
}

// SignedLister lists a case's signed documents (services/outcome).
type SignedLister interface {
	SignedDocuments(ctx context.Context, caseID int64) ([]results.Result, error)
}

// SignedDocuments fills d with what both case pages show of the case's documents: the slip once
// the case is received (the link to the notice is the caller's), and its signed result and
// apology with their numbers, verification codes and the public check (baseURL + "/verify").
func SignedDocuments(ctx context.Context, docs SignedLister, baseURL string, k cases.Case, d *pages.CaseDocuments) error {
	d.Slip, d.Pending = k.ReceivedAt != nil, k.ReceivedAt == nil && k.Status == casestatus.New
	if docs == nil {
		return nil
	}
	signed, err := docs.SignedDocuments(ctx, k.ID)
	if err != nil {
		return err
	}
	for _, r := range signed {
		sd := &pages.SignedDoc{Code: r.Code, VerificationCode: r.VerificationCode, IssuedAt: r.IssuedAt,
			VerifyURL: baseURL + "/verify?code=" + url.QueryEscape(r.VerificationCode)}
		switch r.Kind {
		case results.KindApology:
			sd.Name, sd.PDF = components.Text{VI: "Phiếu xin lỗi và hẹn lại ngày trả kết quả", EN: "Apology with a new result date"}, d.Base+"/apology.pdf"
			d.Apology = sd
		default:
			sd.Name, sd.PDF = resultName(k.ProcedureCode), d.Base+"/result.pdf"
			d.Result = sd
		}
	}
	return nil
}

// resultName is what the result of a procedure is called ("Giấy khai sinh").
func resultName(procedureCode string) components.Text {
	if doc, ok := results.DocumentFor(procedureCode); ok {
		return components.Text{VI: doc.Name, EN: doc.NameEN}
	}
	return components.Text{VI: "Kết quả giải quyết thủ tục hành chính", EN: "Result of the administrative procedure"}
}
