package staff

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

const (
	blankRows    = 2                 // rows for items not in the fee schedule
	maxRows      = 30                // a post with more rows is cut here
	maxItemRunes = 200               // a name's or recipient's length (services/payment's rule)
	maxAmountVND = 1_000_000_000_000 // 10^12 đồng, services/payment's bound
)

// ShowPaymentRequest is the officer's request for payment: the procedure's online fee schedule
// in the case's province (known amounts ticked; taxes and unknown amounts to enter), rows for
// other items, the items already due, and the reason.
func (h *Handler) ShowPaymentRequest(c echo.Context) error {
	f, ok, err := h.paymentRequestFile(c)
	if !ok {
		return err
	}
	ctx := c.Request().Context()
	fees, err := h.scheduleFees(ctx, f)
	if err != nil {
		return err
	}
	items, err := h.Payments.Merchant.Items(ctx, f.Case.ID)
	if err != nil {
		return err
	}
	var rows []pages.PaymentRow
	for _, fee := range offeredFees(fees, items) {
		rows = append(rows, scheduleRow(len(rows), fee))
	}
	noSchedule := len(rows) == 0
	for range blankRows {
		rows = append(rows, pages.PaymentRow{Index: len(rows), Kind: catalogue.FeeLePhi, Recipient: f.Agency.NameVI})
	}
	p := h.paymentRequestPage(f, items, rows)
	p.NoSchedule = noSchedule
	return c.Render(http.StatusOK, "", pages.StaffPaymentRequest(p))
}

// RequestPayment sends the request: the ticked rows become the case's items and the case moves
// to status 6, in one transaction (services/payment). A row that is wrong comes back with its
// error, linked from the summary, and everything typed kept.
func (h *Handler) RequestPayment(c echo.Context) error {
	f, ok, err := h.paymentRequestFile(c)
	if !ok {
		return err
	}
	ctx := c.Request().Context()
	fees, err := h.scheduleFees(ctx, f)
	if err != nil {
		return err
	}
	items, err := h.Payments.Merchant.Items(ctx, f.Case.ID)
	if err != nil {
		return err
	}
	rows, wanted := readPaymentRows(c.FormValue, fees)
	if len(rows) == 0 {
		rows = append(rows, pages.PaymentRow{Kind: catalogue.FeeLePhi, Recipient: f.Agency.NameVI})
	}
	reason := forms.Clean(c.FormValue("reason"))
	p := h.paymentRequestPage(f, items, rows)
	p.Reason, p.NoSchedule = reason, len(offeredFees(fees, items)) == 0
	p.Errors = rowErrors(rows)
	if len(wanted) == 0 && p.DueVND == 0 && len(p.Errors) == 0 {
		rows[0].Errors = map[string]string{"on": i18n.MsgPayReqNone}
		p.Errors = rowErrors(rows)
	}
	if reason == "" {
		p.ReasonError = i18n.MsgPayReqReason
		p.Errors = append(p.Errors, components.ErrorLink{FieldID: "reason", Message: i18n.MsgPayReqReason})
	}
	if len(p.Errors) > 0 {
		return c.Render(http.StatusUnprocessableEntity, "", pages.StaffPaymentRequest(p))
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	m, _ := Member(c)
	_, err = h.Payments.Merchant.Request(ctx, actor(m), f.Case.ID, version, reason, wanted)
	switch code := fault.Code(err); {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/cases/"+f.Case.Code, doneKey(casework.RequestPayment)))
	case code == fault.EINVALID:
		p.Errors = []components.ErrorLink{{FieldID: "item-0-on", Message: fault.Message(err)}}
		return c.Render(http.StatusUnprocessableEntity, "", pages.StaffPaymentRequest(p))
	case code == fault.ECONFLICT || code == fault.EFORBIDDEN:
		return h.renderCase(c, fault.Message(err), http.StatusConflict)
	}
	return err
}

// paymentRequestFile loads the case for the request (an access to the citizen's data, logged)
// and checks the officer may ask for payment now. Not ok: the handler returns err at once (the
// case page saying why was rendered when err is nil).
func (h *Handler) paymentRequestFile(c echo.Context) (casefile.OfficerFile, bool, error) {
	if h.Payments.Merchant == nil {
		return casefile.OfficerFile{}, false, fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.paymentRequest")
	}
	m, _ := Member(c)
	f, err := h.Casework.Files.ForOfficer(c.Request().Context(), actor(m), c.Param("code"))
	if err != nil {
		return f, false, err
	}
	if !slices.Contains(f.Actions, casework.RequestPayment) {
		return f, false, h.renderCase(c, casework.MsgBadStatus, http.StatusConflict)
	}
	return f, true, nil
}

// paymentRequestPage is the form's page around its rows.
func (h *Handler) paymentRequestPage(f casefile.OfficerFile, items []payment.Item, rows []pages.PaymentRow) pages.PaymentRequestPage {
	p := pages.PaymentRequestPage{Code: f.Case.Code, Item: citizen.ProcedureItem(f.Procedure), ApplicantName: f.Case.ApplicantName,
		Version: f.Case.Version, Rows: rows}
	for _, it := range items {
		if it.Due() {
			p.Due = append(p.Due, staffPaymentItem(f.Case.Code, it))
			p.DueVND += it.AmountVND
		}
	}
	for _, k := range catalogue.FeeKinds() {
		p.Kinds = append(p.Kinds, components.OptionView{Value: k, Label: citizen.Text(catalogue.FeeKindName(k))})
	}
	return p
}

// scheduleFees is the procedure's online fee schedule in the province of the case's agency,
// today.
func (h *Handler) scheduleFees(ctx context.Context, f casefile.OfficerFile) ([]catalogue.Fee, error) {
	if h.Payments.Fees == nil {
		return nil, nil
	}
	return h.Payments.Fees.Fees(ctx, f.Case.ProcedureCode, f.Agency.ProvinceCode, catalogue.ChannelOnline, h.Payments.now())
}

// offeredFees are the schedule's charges the officer may request: not exempt, not "no charge",
// and not already an item of the case (the fee due with the application).
func offeredFees(fees []catalogue.Fee, items []payment.Item) []catalogue.Fee {
	var out []catalogue.Fee
	for _, fee := range fees {
		if fee.Exempt || (fee.AmountVND != nil && *fee.AmountVND <= 0) {
			continue
		}
		if slices.ContainsFunc(items, func(it payment.Item) bool {
			return it.Source == payment.SourceSchedule && it.Name.VI == fee.Name.VI
		}) {
			continue
		}
		out = append(out, fee)
	}
	return out
}

// scheduleRow is a fee schedule's charge as a row: ticked with its amount when the schedule
// knows it and it is not a tax; otherwise unticked, the amount to enter as notified.
func scheduleRow(index int, fee catalogue.Fee) pages.PaymentRow {
	r := pages.PaymentRow{Index: index, Fee: fee.Item, Kind: fee.Kind, KindName: citizen.Text(catalogue.FeeKindName(fee.Kind)),
		NameText: citizen.Text(fee.Name), RecipientText: citizen.Text(fee.Recipient)}
	if fee.AmountVND != nil && !fee.Tax() {
		r.On, r.Amount = true, groupDigits(*fee.AmountVND)
	} else {
		r.AmountNote = citizen.Text(fee.Amount())
	}
	return r
}

// readPaymentRows reads the posted rows and checks each ticked one; it returns every row as
// typed (with its errors) and the items of the ticked rows that are right. A row of the fee
// schedule takes its kind, names and recipient from the schedule, never from the post.
func readPaymentRows(get func(string) string, fees []catalogue.Fee) ([]pages.PaymentRow, []payment.NewItem) {
	n, _ := strconv.Atoi(get("rows"))
	n = max(1, min(n, maxRows))
	rows := make([]pages.PaymentRow, 0, n)
	var items []payment.NewItem
	for i := range n {
		field := func(name string) string { return get("items." + strconv.Itoa(i) + "." + name) }
		var r pages.PaymentRow
		var fee *catalogue.Fee
		if key := field("fee"); key != "" {
			j := slices.IndexFunc(fees, func(f catalogue.Fee) bool { return f.Item == key })
			if j < 0 {
				continue // no longer in the schedule: the row goes
			}
			fee = &fees[j]
			r = scheduleRow(len(rows), *fee)
		} else {
			r = pages.PaymentRow{Index: len(rows), Kind: field("kind"), Name: oneLine(field("name")), Recipient: oneLine(field("recipient"))}
		}
		r.On = field("on") == "1"
		r.Amount = strings.TrimSpace(field("amount"))
		if it, ok := checkRow(&r, fee); ok {
			items = append(items, it)
		}
		rows = append(rows, r)
	}
	return rows, items
}

// checkRow sets the row's errors and gives its item when it is ticked and right. An amount
// typed in a row that is not ticked is an error (it would otherwise be silently dropped), except
// for the schedule's own amount left in place.
func checkRow(r *pages.PaymentRow, fee *catalogue.Fee) (payment.NewItem, bool) {
	errs := map[string]string{}
	defer func() {
		if len(errs) > 0 {
			r.Errors = errs
		}
	}()
	if !r.On {
		typed := r.Amount != "" && (fee == nil || fee.AmountVND == nil || fee.Tax())
		if fee == nil && r.Name != "" {
			typed = true
		}
		if typed {
			errs["on"] = i18n.MsgPayReqTick
		}
		return payment.NewItem{}, false
	}
	it := payment.NewItem{Kind: r.Kind, NameVI: r.Name, RecipientVI: r.Recipient}
	if fee != nil {
		it = payment.NewItem{Kind: fee.Kind, NameVI: fee.Name.VI, NameEN: fee.Name.EN, RecipientVI: fee.Recipient.VI, RecipientEN: fee.Recipient.EN}
	} else {
		if !slices.Contains(catalogue.FeeKinds(), r.Kind) {
			errs["kind"] = i18n.MsgPayReqKind
		}
		if r.Name == "" || utf8.RuneCountInString(r.Name) > maxItemRunes {
			errs["name"] = i18n.MsgPayReqName
		}
		if r.Recipient == "" || utf8.RuneCountInString(r.Recipient) > maxItemRunes {
			errs["recipient"] = i18n.MsgPayReqRecipient
		}
	}
	amount, msg := parseAmount(r.Amount)
	if msg != "" {
		errs["amount"] = msg
	}
	it.AmountVND = amount
	return it, len(errs) == 0
}

// parseAmount reads an amount of đồng typed as digits, with dots or spaces between groups
// ("50.000", "50 000"): a whole number from 1 to 10^12. It returns the amount or the error's key.
func parseAmount(s string) (int64, string) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '.', ' ', '\u00a0', '\u202f':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, i18n.MsgPayReqAmountNone
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, i18n.MsgPayReqAmount
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 1 || v > maxAmountVND {
		return 0, i18n.MsgPayReqAmount
	}
	return v, ""
}

// rowErrors are the rows' errors for the summary, each linked to its field, in the page's order.
func rowErrors(rows []pages.PaymentRow) []components.ErrorLink {
	var out []components.ErrorLink
	for _, r := range rows {
		label := components.Text{VI: "Khoản " + strconv.Itoa(r.Index+1), EN: "Item " + strconv.Itoa(r.Index+1)}
		for _, f := range []string{"on", "kind", "name", "recipient", "amount"} {
			if msg := r.Err(f); msg != "" {
				out = append(out, components.ErrorLink{FieldID: "item-" + strconv.Itoa(r.Index) + "-" + f, Message: msg, Label: label})
			}
		}
	}
	return out
}

// oneLine is a typed name on one line, its spaces collapsed.
func oneLine(s string) string { return strings.Join(strings.Fields(forms.Clean(s)), " ") }

// groupDigits writes an amount with dots between thousands, as an officer types it: "10.000".
func groupDigits(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}
