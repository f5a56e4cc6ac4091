package public

import (
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/signing"
)

// MsgNoCA is the message of the CA download when the trust store holds no root certificate (not
// expected: the development CA is made the first time it is asked for, services/signing Sealer.Roots).
const MsgNoCA = "signature.ca.none"

// VerifyRootCA gives the root certificate the portal's signatures chain to, as PEM, so that a
// bank or a school can add it to the trust store of its PDF reader (Adobe Reader's "Trusted
// Certificates", an NSS database for pdfsig) and check the documents without the portal.
func (h *Handler) VerifyRootCA(c echo.Context) error {
	roots, err := h.Verifier.TrustedRoots(c.Request().Context())
	if err != nil {
		return err
	}
	if len(roots) == 0 {
		return fault.New(fault.ENOTFOUND, MsgNoCA, "public.verifyRootCA")
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "mot-lan-ca.crt"}))
	return c.Blob(http.StatusOK, "application/x-pem-file", signing.CertificatePEM(roots...))
}
