package citizen

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	"github.com/motlan/portal/views/pages"
)

// The pending return page is checked again every returnCheckSeconds (by its script, or the
// citizen's "Kiểm tra lại"), returnChecks times at most (three minutes): an IPN normally
// arrives within seconds, and an order left pending longer is settled by the reconciliation
// job, whose result the case page shows.
const (
	returnCheckSeconds = 5
	returnChecks       = 36
	returnCheckParam   = "check" // how many times the page was checked again; not a vnp_ parameter, so not signed
)

// ShowPaymentReturn is where the gateway sends the payer's browser back (payment.ReturnOf). The
// parameters only say which order, once their signature holds; what the page says comes from
// the portal's own records, which only the gateway's verified notification or a query change.
// A bad signature is a 400 page that shows nothing of what was brought; another citizen's
// order is a 404.
func (h *Handler) ShowPaymentReturn(c echo.Context) error {
	if h.Payments == nil {
		return notFound
	}
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	q := c.QueryParams()
	r, err := h.Payments.ReturnOf(ctx, s.CitizenID, q)
	if err == nil && !r.SignatureOK || fault.Code(err) == fault.EINVALID {
		return c.Render(http.StatusBadRequest, "", pages.PaymentReturn(pages.PaymentReturnPage{Outcome: pages.ReturnInvalid}))
	}
	if err != nil {
		return err
	}
	k, err := h.Apply.Cases.ForCitizen(ctx, s.CitizenID, r.CaseCode)
	if err != nil {
		return err
	}
	page := pages.PaymentReturnPage{Outcome: returnOutcome(r), CaseCode: k.Code, Item: paymentItemView(k, r.Item)}
	if page.Outcome == pages.ReturnPending {
		if n, _ := strconv.Atoi(q.Get(returnCheckParam)); n >= 0 && n < returnChecks {
			q.Set(returnCheckParam, strconv.Itoa(n+1))
			page.CheckURL, page.CheckSeconds = c.Request().URL.Path+"?"+q.Encode(), returnCheckSeconds
		}
	}
	return c.Render(http.StatusOK, "", pages.PaymentReturn(page))
}

// returnOutcome is what the return page says of the order: paid once the item is (by this
// order or another), cancelled when the payer cancelled on the gateway, failed when the
// gateway said so or the order expired, else still waiting.
func returnOutcome(r payment.Return) string {
	switch {
	case r.Item.State == payment.ItemPaid || r.OrderState == payment.OrderPaid:
		return pages.ReturnPaid
	case r.OrderState == payment.OrderFailed && r.GatewayCode == vnpay.RespCancelled:
		return pages.ReturnCancelled
	case r.OrderState == payment.OrderFailed || r.OrderState == payment.OrderExpired:
		return pages.ReturnFailed
	}
	return pages.ReturnPending
}
