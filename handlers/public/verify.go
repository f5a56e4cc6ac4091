package public

import (
	"context"
	"crypto/x509"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signing"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Verifier checks electronic results (services/results).
type Verifier interface {
	VerifyCode(ctx context.Context, code string) (results.Verification, error)
	VerifyDocument(ctx context.Context, pdf []byte) (results.Verification, error)
	// TrustedRoots are the CA certificates the embedded signatures must chain to.
	TrustedRoots(ctx context.Context) ([]*x509.Certificate, error)
}

// Names names procedures and agencies for the verify page (services/catalogue).
type Names interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
}

// MaxVerifyUpload caps an uploaded result (and sizes the route's body limit, web/routes.go).
const MaxVerifyUpload = 10 << 20

// ShowVerify is the public check of an electronic result by its verification code (typed, or
// from the QR code's link). It says whether the document is authentic and which procedure,
// agency and date — nothing about the person.
func (h *Handler) ShowVerify(c echo.Context) error {
	code := strings.TrimSpace(c.QueryParam("code"))
	page := pages.VerifyPage{Code: code}
	if code != "" {
		v, err := h.Verifier.VerifyCode(c.Request().Context(), code)
		if err != nil {
			return err
		}
		page.Checked = true
		h.fill(c, &page, v)
	}
	return c.Render(http.StatusOK, "", pages.Verify(page))
}

// VerifyUpload checks an uploaded PDF against the signed results.
func (h *Handler) VerifyUpload(c echo.Context) error {
	page := pages.VerifyPage{Checked: true, Upload: true}
	fh, err := c.FormFile("document")
	if err != nil || fh.Size > MaxVerifyUpload {
		page.Error = "verify.error.choose"
		return c.Render(http.StatusUnprocessableEntity, "", pages.Verify(page))
	}
	f, err := fh.Open()
	if err != nil {
		page.Error = "verify.error.file"
		return c.Render(http.StatusUnprocessableEntity, "", pages.Verify(page))
	}
	defer func() { _ = f.Close() }() // a received upload: nothing to report on close
	pdf, err := io.ReadAll(io.LimitReader(f, MaxVerifyUpload))
	if err != nil {
		return err
	}
	v, err := h.Verifier.VerifyDocument(c.Request().Context(), pdf)
	if err != nil {
		return err
	}
	h.fill(c, &page, v)
	return c.Render(http.StatusOK, "", pages.Verify(page))
}

func (h *Handler) fill(c echo.Context, page *pages.VerifyPage, v results.Verification) {
	page.Authentic = v.Authentic
	if e := v.Embedded; e.Signed {
		page.Signature = &pages.VerifySignature{Valid: e.Valid(), Intact: e.Intact, Signer: e.Agency.Name, SignedAt: e.SignedAt}
	}
	if !v.Authentic {
		return
	}
	ctx := c.Request().Context()
	page.ResultCode, page.IssuedAt = v.Code, v.IssuedAt
	if v.Kind == results.KindSigned {
		page.Document = signedDocument(v.Embedded.Reason)
	}
	page.Procedure = components.Text{VI: v.ProcedureCode, EN: v.ProcedureCode}
	if p, err := h.Names.Get(ctx, v.ProcedureCode); err == nil {
		page.Procedure = components.Text{VI: p.NameVI + " (" + p.Code + ")", EN: p.NameEN + " (" + p.Code + ")"}
	}
	page.Agency = components.Text{VI: v.AgencyCode, EN: v.AgencyCode}
	if a, err := h.Names.Agency(ctx, v.AgencyCode); err == nil {
		page.Agency = components.Text{VI: a.NameVI, EN: a.NameEN}
	}
}

// signedDocument names, as an i18n key, a document checked by its embedded signature alone,
// from the reason the signature states.
func signedDocument(reason string) string {
	switch reason {
	case signing.ReasonSlip:
		return "signature.kind.slip"
	case signing.ReasonReceipt:
		return "signature.kind.receipt"
	}
	return "signature.kind.other"
}
