package payment

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"golang.org/x/text/unicode/norm"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment/internal/paydb"
	"github.com/motlan/portal/services/vnpay"
)

// Protocol values of the redirect.
const (
	currency  = "VND"
	orderType = "other" // VNPAY's category code for what no other category fits
	// maxOrderInfo is the longest vnp_OrderInfo VNPAY takes.
	maxOrderInfo = 255
)

// Pay starts (or resumes) paying one of the citizen's due items and returns the gateway's
// signed URL to send the browser to. A live pending order of the item is reused (same
// vnp_TxnRef, same dates, same signature), so a double click makes one order. An order with
// less than a third of its window left is replaced: it becomes expired, and a new order is
// made; should the payer still complete the old one, its verified success is applied (or
// refunded, when the new one paid the item too). Another citizen's item is not found, as a
// missing one; an item not due, or of a case that has ended, is a conflict.
func (s *Service) Pay(ctx context.Context, citizenID, itemID int64, clientIP, locale string) (string, error) {
	const op = "payment.pay"
	var params url.Values
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		st := storeOf(tx)
		it, err := st.lockItem(ctx, itemID) // one payer at a time per item
		if err != nil {
			return err
		}
		if it.CitizenID != citizenID {
			return errNotFound
		}
		if it.State != ItemDue {
			return fault.New(fault.ECONFLICT, MsgItemNotDue, op)
		}
		c, err := s.deps.Cases.Get(ctx, tx, it.CaseID)
		if err != nil {
			return err
		}
		if !status.Open.Has(c.Status) {
			return fault.New(fault.ECONFLICT, MsgCaseClosed, op)
		}
		now := s.cfg.Now()
		o, ok, err := st.pendingOrder(ctx, it.ID)
		if err != nil {
			return err
		}
		if ok && o.ExpireAt.Sub(now) >= s.cfg.Expiry/3 {
			params = s.payParams(o)
			return nil
		}
		if ok {
			if err := st.settleOrder(ctx, o.ID, OrderExpired, o.ResponseCode, now, "", ""); err != nil {
				return err
			}
			err := st.event(ctx, now, event{kind: evExpired, source: srcBrowser, orderID: o.ID, itemID: it.ID, caseID: it.CaseID,
				detail: map[string]any{"replaced": true, "expire_at": o.ExpireAt}})
			if err != nil {
				return err
			}
		}
		create := now.Truncate(time.Second) // the protocol's dates have seconds
		o, err = st.newOrder(ctx, paydb.OrderInsertParams{ItemID: it.ID, AmountVnd: it.AmountVnd, CreateDate: create,
			ExpireAt: create.Add(s.cfg.Expiry), ClientIp: ipOf(clientIP), Locale: vnpLocale(locale),
			OrderInfo: orderInfo(it.Kind, it.NameVi, it.CaseCode)}, func(id int64) string { return txnRef(create, id) })
		if err != nil {
			return err
		}
		params = s.payParams(o)
		return st.event(ctx, now, event{kind: evOrderCreated, source: srcBrowser, orderID: o.ID, itemID: it.ID, caseID: it.CaseID,
			detail: gatewayDetail(params)})
	})
	if err != nil {
		return "", err
	}
	return s.cfg.PayURL + "?" + vnpay.SignParams(s.cfg.HashSecret, params), nil
}

// payParams are the redirect's parameters of an order, all from what the order keeps, so that
// the same order always gives the same URL.
func (s *Service) payParams(o orderRow) url.Values {
	return url.Values{
		vnpay.ParamVersion:    {vnpay.Version},
		vnpay.ParamCommand:    {vnpay.CommandPay},
		vnpay.ParamTmnCode:    {s.cfg.TmnCode},
		vnpay.ParamAmount:     {vnpay.FormatAmount(o.AmountVnd)},
		vnpay.ParamCreateDate: {vnpay.FormatDate(o.CreateDate)},
		vnpay.ParamCurrCode:   {currency},
		vnpay.ParamIPAddr:     {o.ClientIp},
		vnpay.ParamLocale:     {o.Locale},
		vnpay.ParamOrderInfo:  {o.OrderInfo},
		vnpay.ParamOrderType:  {orderType},
		vnpay.ParamReturnURL:  {s.cfg.ReturnURL},
		vnpay.ParamExpireDate: {vnpay.FormatDate(o.ExpireAt)},
		vnpay.ParamTxnRef:     {o.TxnRef},
	}
}

// txnRef is an order's merchant reference: "ML", the Vietnam date it was made, and its id with
// at least eight digits: ML2026120300000042. Unique, since the id is.
func txnRef(created time.Time, id int64) string {
	return fmt.Sprintf("ML%s%08d", created.In(vnpay.Vietnam).Format("20060102"), id)
}

// vnpLocale is the gateway page's language: en for English, vn otherwise.
func vnpLocale(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), "en") {
		return "en"
	}
	return "vn"
}

// ipOf is the payer's address as the gateway wants it (vnp_IpAddr is required).
func ipOf(ip string) string {
	ip = strings.TrimSpace(ip)
	if ip == "" {
		return "127.0.0.1"
	}
	return ip
}

// orderInfo is the payment's description (vnp_OrderInfo): Vietnamese without tones and without
// special characters, as VNPAY asks: "Thanh toan Le phi dang ky cu tru ho so CA-00070-261127-0001".
func orderInfo(kind, name, caseCode string) string {
	// The kind, unless the name says it already ("Lệ phí đăng ký cư trú").
	kindName, n := ascii(catalogue.FeeKindName(kind).VI), ascii(name)
	info := "Thanh toan " + kindName
	if strings.HasPrefix(strings.ToLower(n), strings.ToLower(kindName)) {
		info = "Thanh toan " + n
	} else if n != "" {
		info += " " + n
	}
	tail := " ho so " + ascii(caseCode)
	if len(info)+len(tail) > maxOrderInfo {
		info = strings.TrimSpace(info[:maxOrderInfo-len(tail)])
	}
	return info + tail
}

// ascii writes Vietnamese without tones (đ as d) and keeps only letters, digits, spaces and
// hyphens, spaces collapsed.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		}
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-'):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
