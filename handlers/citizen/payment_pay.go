package citizen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
)

// PayItem is "Thanh toán": it starts (or resumes) paying one of the citizen's due items and
// sends the browser to the payment gateway's page with the signed order. The item must be of
// the case in the URL, which must be the citizen's (404 otherwise). An item paid, waived or no
// longer due in the meantime shows the case page saying so.
func (h *Handler) PayItem(c echo.Context) error {
	s, _, it, err := h.itemOf(c)
	if err != nil {
		return err
	}
	to, err := h.Payments.Pay(c.Request().Context(), s.CitizenID, it.ID, c.RealIP(), gatewayLocale(c))
	switch fault.Code(err) {
	case "":
		return c.Redirect(http.StatusSeeOther, to)
	case fault.EINVALID, fault.ECONFLICT:
		if key := fault.Message(err); key == payment.MsgItemNotDue || key == payment.MsgCaseClosed {
			return h.renderCaseError(c, caseError{Key: key}, http.StatusConflict)
		}
	}
	return err
}
