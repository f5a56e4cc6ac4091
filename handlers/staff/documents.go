package staff

import (
	"context"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/views/pages"
)

// SlipRenderer renders the receipt slip signed by the agency (services/receipt).
type SlipRenderer interface {
	SignedSlipPDF(ctx context.Context, s receipt.Slip) ([]byte, error)
}

// PreviewResult opens, in the browser, the result the case would get if approved now: unsigned,
// unnumbered, marked "BẢN XEM TRƯỚC — CHƯA KÝ", stored nowhere.
func (h *Handler) PreviewResult(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	pdf, err := h.Casework.Outcome.Preview(ctx, actor(m), k.ID)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": "ban-xem-truoc-" + k.Code + ".pdf"}))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// ReceiptSlipPDF is the receipt slip of a case the agency has received. Reading the case for it
// is an access to the citizen's data, logged as the case page's is.
func (h *Handler) ReceiptSlipPDF(c echo.Context) error {
	m, _ := Member(c)
	f, err := h.Casework.Files.ForOfficer(c.Request().Context(), actor(m), c.Param("code"))
	if err != nil {
		return err
	}
	if h.Casework.Receipts == nil {
		return fault.New(fault.EUNAVAILABLE, "receipt.error.unavailable", "staff.receiptSlip")
	}
	slip, err := citizen.SlipOf(f.Case, f.Procedure, f.Agency, f.Form.Schema, f.Files, f.Events, h.Casework.Units,
		citizen.TrackURL(h.BaseURL, f.Case.Code))
	if err != nil {
		return err
	}
	pdf, err := h.Casework.Receipts.SignedSlipPDF(c.Request().Context(), slip)
	if err != nil {
		return err
	}
	return citizen.SendPDF(c, "giay-tiep-nhan-"+f.Case.Code+".pdf", pdf)
}

// ResultPDF gives the officer the case's signed result; it delivers nothing.
func (h *Handler) ResultPDF(c echo.Context) error { return h.signedPDF(c, results.KindResult) }

// ApologyPDF gives the officer the case's signed apology.
func (h *Handler) ApologyPDF(c echo.Context) error { return h.signedPDF(c, results.KindApology) }

func (h *Handler) signedPDF(c echo.Context, kind string) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	r, pdf, err := h.Casework.Outcome.Signed(ctx, actor(m), k.ID, kind)
	if err != nil {
		return err
	}
	return citizen.SendPDF(c, r.Code+".pdf", pdf)
}

// caseDocuments is what the officer's case page offers of the case's documents: the slip, the
// preview while the case is processed and has no result, the signed result and apology.
func (h *Handler) caseDocuments(ctx context.Context, k cases.Case) (pages.CaseDocuments, error) {
	d := pages.CaseDocuments{Base: "/staff/cases/" + k.Code}
	if err := citizen.SignedDocuments(ctx, h.Casework.Outcome, h.BaseURL, k, &d); err != nil {
		return pages.CaseDocuments{}, err
	}
	d.Pending = false // the officer receives it: the queue says so
	d.Preview = k.Status == casestatus.Processing && d.Result == nil
	return d, nil
}
