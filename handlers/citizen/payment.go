package citizen

import (
	"context"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
)

// Payments is what the citizen's pages need of the merchant (services/payment): a case's items,
// paying one through the gateway, the gateway's browser return, and an item's e-receipt. Each
// checks the citizen owns what is asked for; the handlers check the case in the URL too.
type Payments interface {
	Items(ctx context.Context, caseID int64) ([]payment.Item, error)
	Pay(ctx context.Context, citizenID, itemID int64, clientIP, locale string) (string, error)
	ReturnOf(ctx context.Context, citizenID int64, q url.Values) (payment.Return, error)
	ReceiptPDF(ctx context.Context, citizenID int64, agencyCode string, itemID int64) ([]byte, error)
}

var _ Payments = (*payment.Service)(nil)

// paymentURL is the address of one of a case's items, by its number in the case:
// "/cases/<code>/payments/<seq>" + what.
func paymentURL(code string, seq int, what string) string {
	return "/cases/" + code + "/payments/" + strconv.Itoa(seq) + what
}

// itemOf loads the signed-in citizen's case in the URL and its item numbered :item. Another
// citizen's case, or a number the case has not, is the same 404 as a missing case.
func (h *Handler) itemOf(c echo.Context) (Session, cases.Case, payment.Item, error) {
	s, k, _, _, err := h.caseFor(c)
	if err != nil {
		return s, k, payment.Item{}, err
	}
	seq, err := strconv.Atoi(c.Param("item"))
	if err != nil || seq < 1 || h.Payments == nil {
		return s, k, payment.Item{}, notFound
	}
	items, err := h.Payments.Items(c.Request().Context(), k.ID)
	if err != nil {
		return s, k, payment.Item{}, err
	}
	for _, it := range items {
		if it.Seq == seq {
			return s, k, it, nil
		}
	}
	return s, k, payment.Item{}, notFound
}

// casePayments is the "Phí, lệ phí" section of a case's page, and its paid items' e-receipts
// among the case's documents. A due item of an open case can be paid.
func (h *Handler) casePayments(ctx context.Context, k cases.Case) (pages.CasePayments, []pages.FeeReceipt, error) {
	if h.Payments == nil {
		return pages.CasePayments{}, nil, nil
	}
	items, err := h.Payments.Items(ctx, k.ID)
	if err != nil {
		return pages.CasePayments{}, nil, err
	}
	var out pages.CasePayments
	var receipts []pages.FeeReceipt
	for _, it := range items {
		v := paymentItemView(k, it)
		if it.State == payment.ItemDue {
			out.DueVND += it.AmountVND
		}
		if v.ReceiptURL != "" {
			receipts = append(receipts, pages.FeeReceipt{Seq: it.Seq, Name: v.Name, PDF: v.ReceiptURL})
		}
		out.Items = append(out.Items, v)
	}
	return out, receipts, nil
}

// paymentItemView is how the citizen's pages show an item of case k.
func paymentItemView(k cases.Case, it payment.Item) pages.PaymentItemView {
	v := pages.PaymentItemView{
		Seq: it.Seq, Kind: two(catalogue.FeeKindName(it.Kind)), Name: two(it.Name), Recipient: two(it.Recipient), AmountVND: it.AmountVND,
		State: it.State, PaidAt: it.PaidAt, TransactionNo: it.TransactionNo,
	}
	switch {
	case it.State == payment.ItemDue && casestatus.Open.Has(k.Status):
		v.PayURL = paymentURL(k.Code, it.Seq, "/pay")
	case it.State == payment.ItemPaid:
		v.ReceiptURL = paymentURL(k.Code, it.Seq, "/receipt.pdf")
	}
	return v
}

// gatewayLocale is the language of the gateway's page (vnp_Locale): the page's own.
func gatewayLocale(c echo.Context) string {
	if ck, err := c.Cookie(public.LangCookie); err == nil && ck.Value == i18n.En {
		return "en"
	}
	return "vn"
}
