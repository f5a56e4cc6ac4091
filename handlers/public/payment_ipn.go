package public

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/vnpay"
)

// IPN applies the payment gateway's server-to-server notifications (services/payment).
type IPN interface {
	HandleIPN(ctx context.Context, q url.Values) vnpay.IPNAnswer
}

// MaxIPNQuery bounds the query string of a notification: a real one is well under 1 KB (a
// dozen vnp_ parameters and a 128-digit hash); anything longer is not one, and is answered
// without being parsed.
const MaxIPNQuery = 4 << 10

// PaymentIPN is the gateway's notification of a payment's outcome (GET with the signed vnp_
// parameters, no session, no cookie). The gateway expects 200 with the merchant's answer as
// JSON {"RspCode","Message"} whatever happened, and retries on anything but 00 or 02; the
// answer codes say what was refused (97 signature, 01 order, 04 amount, 02 already confirmed).
func (h *Handler) PaymentIPN(c echo.Context) error {
	if h.IPN == nil || len(c.Request().URL.RawQuery) > MaxIPNQuery {
		return c.JSON(http.StatusOK, vnpay.Answer(vnpay.IPNOther))
	}
	return c.JSON(http.StatusOK, h.IPN.HandleIPN(c.Request().Context(), c.QueryParams()))
}
