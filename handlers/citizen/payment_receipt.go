package citizen

import (
	"strconv"

	"github.com/labstack/echo/v4"
)

// PaymentReceiptPDF is the e-receipt ("Biên lai thu phí, lệ phí") of one of the citizen's paid
// items, as a download named for the case and the item: bien-lai-<case code>-<item>.pdf.
func (h *Handler) PaymentReceiptPDF(c echo.Context) error {
	s, k, it, err := h.itemOf(c)
	if err != nil {
		return err
	}
	pdf, err := h.Payments.ReceiptPDF(c.Request().Context(), s.CitizenID, "", it.ID)
	if err != nil {
		return err
	}
	return SendPDF(c, "bien-lai-"+k.Code+"-"+strconv.Itoa(it.Seq)+".pdf", pdf)
}
