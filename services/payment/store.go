package payment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/payment/internal/paydb"
	"github.com/motlan/portal/services/vnpay"
)

// store is the only code that reads and writes the payment tables, through the named queries
// of queries/*.sql (package paydb), on the pool or inside the caller's transaction.
type store struct{ q *paydb.Queries }

func storeOf(db paydb.DBTX) store { return store{q: paydb.New(db)} }

// errNotFound is a missing item or order and, alike, another citizen's or agency's.
var errNotFound = fault.New(fault.ENOTFOUND, MsgNotFound, "payment")

// noRow turns "no row" into errNotFound.
func noRow(err error, op string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return errNotFound
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Event kinds and sources (payment_events).
const (
	evItemRequested  = "item_requested"
	evItemWaived     = "item_waived"
	evItemCancelled  = "item_cancelled"
	evItemPaid       = "item_paid"
	evOrderCreated   = "order_created"
	evIPNReceived    = "ipn_received"
	evIPNBadSig      = "ipn_invalid_signature"
	evIPNUnknown     = "ipn_unknown_order"
	evIPNWrongAmount = "ipn_wrong_amount"
	evIPNDuplicate   = "ipn_duplicate"
	evPaid           = "paid"
	evFailed         = "failed"
	evExpired        = "expired"
	evQueryAnswer    = "query_answer"
	evRefundFlagged  = "refund_flagged"
	evRefundAsked    = "refund_requested"
	evRefundFailed   = "refund_failed"

	srcIPN     = "ipn"
	srcQuery   = "query"
	srcBrowser = "browser"
	srcOfficer = "officer"
	srcSystem  = "system"
)

// event is a payment_events row to append; zero ids are left NULL.
type event struct {
	kind, source            string
	orderID, itemID, caseID int64
	detail                  any
}

func (s store) event(ctx context.Context, at time.Time, e event) error {
	detail := []byte("{}")
	if e.detail != nil {
		b, err := json.Marshal(e.detail)
		if err != nil {
			return fmt.Errorf("payment: event %s: %w", e.kind, err)
		}
		detail = b
	}
	err := s.q.EventAppend(ctx, paydb.EventAppendParams{At: at, OrderID: nonZero(e.orderID), ItemID: nonZero(e.itemID),
		CaseID: nonZero(e.caseID), Kind: e.kind, Source: e.source, Detail: detail})
	if err != nil {
		return fmt.Errorf("payment: event %s: %w", e.kind, err)
	}
	return nil
}

// gatewayDetail is what the gateway sent, for an event: its vnp_* parameters without the hash.
func gatewayDetail(q url.Values) map[string]string {
	out := map[string]string{}
	for k := range q {
		if len(k) > 4 && k[:4] == "vnp_" && k != vnpay.ParamSecureHash {
			out[k] = q.Get(k)
		}
	}
	return out
}

func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// itemRow is an item as stored, with what the item type does not show.
type itemRow = paydb.PaymentItem

func (s store) lockItem(ctx context.Context, id int64) (itemRow, error) {
	r, err := s.q.ItemForUpdate(ctx, id)
	if err != nil {
		return itemRow{}, noRow(err, "payment: lock item")
	}
	return r, nil
}

func (s store) item(ctx context.Context, id int64) (itemRow, error) {
	r, err := s.q.ItemByID(ctx, id)
	if err != nil {
		return itemRow{}, noRow(err, "payment: item")
	}
	return r, nil
}

// newItem is an item to add to a case.
type newItem struct {
	caseID             int64
	caseCode, agency   string
	citizenID          int64
	kind               string
	name, recipient    forms.Text
	amount             int64
	reason, source, by string
	scheduleItem       string // the fee row's item key, for source schedule
	at                 time.Time
}

// addItem inserts an item; added is false for a schedule item the case has already.
func (s store) addItem(ctx context.Context, n newItem) (itemRow, bool, error) {
	var sched *string
	if n.scheduleItem != "" {
		sched = &n.scheduleItem
	}
	r, err := s.q.ItemInsert(ctx, paydb.ItemInsertParams{CaseID: n.caseID, CaseCode: n.caseCode, AgencyCode: n.agency,
		CitizenID: n.citizenID, Kind: n.kind, NameVi: n.name.VI, NameEn: n.name.EN, RecipientVi: n.recipient.VI,
		RecipientEn: n.recipient.EN, AmountVnd: n.amount, Reason: n.reason, Source: n.source, ScheduleItem: sched,
		RequestedBy: n.by, CreatedAt: n.at})
	if errors.Is(err, pgx.ErrNoRows) {
		return itemRow{}, false, nil
	}
	if err != nil {
		return itemRow{}, false, fmt.Errorf("payment: add item: %w", err)
	}
	return r, true, nil
}

// due is how many of a case's items are due and what they come to.
func (s store) due(ctx context.Context, caseID int64) (int, int64, error) {
	r, err := s.q.ItemsDue(ctx, caseID)
	if err != nil {
		return 0, 0, fmt.Errorf("payment: items due: %w", err)
	}
	return r.N, r.Total, nil
}

func (s store) items(ctx context.Context, caseID int64) ([]Item, error) {
	rows, err := s.q.ItemsOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("payment: items: %w", err)
	}
	out := make([]Item, len(rows))
	for i, r := range rows {
		out[i] = Item{
			ID: r.ID, CaseID: r.CaseID, CaseCode: r.CaseCode, Seq: r.Seq, Kind: r.Kind,
			Name:      forms.Text{VI: r.NameVi, EN: r.NameEn},
			Recipient: forms.Text{VI: r.RecipientVi, EN: r.RecipientEn},
			AmountVND: r.AmountVnd, Reason: r.Reason, Source: r.Source, State: r.State,
			WaivedReason: deref(r.WaivedReason), CreatedAt: r.CreatedAt, PaidAt: r.PaidAt,
			TxnRef: deref(r.PaidTxnRef), TransactionNo: deref(r.PaidTransactionNo), BankCode: deref(r.PaidBankCode),
			ConfirmedBy: deref(r.PaidConfirmedBy), Refund: r.RefundState,
		}
	}
	return out, nil
}

// orderRow is an order as stored.
type orderRow = paydb.PaymentOrder

func (s store) lockOrder(ctx context.Context, id int64) (orderRow, error) {
	r, err := s.q.OrderForUpdate(ctx, id)
	if err != nil {
		return orderRow{}, noRow(err, "payment: lock order")
	}
	return r, nil
}

func (s store) orderByRef(ctx context.Context, txnRef string) (orderRow, error) {
	r, err := s.q.OrderByTxnRef(ctx, txnRef)
	if err != nil {
		return orderRow{}, noRow(err, "payment: order")
	}
	return r, nil
}

// pendingOrder is the item's pending order; ok is false when it has none.
func (s store) pendingOrder(ctx context.Context, itemID int64) (orderRow, bool, error) {
	r, err := s.q.OrderPendingOfItem(ctx, itemID)
	if errors.Is(err, pgx.ErrNoRows) {
		return orderRow{}, false, nil
	}
	if err != nil {
		return orderRow{}, false, fmt.Errorf("payment: pending order: %w", err)
	}
	return r, true, nil
}

// newOrder inserts an order whose merchant reference is built from its id.
func (s store) newOrder(ctx context.Context, p paydb.OrderInsertParams, ref func(id int64) string) (orderRow, error) {
	id, err := s.q.OrderNextID(ctx)
	if err != nil {
		return orderRow{}, fmt.Errorf("payment: order id: %w", err)
	}
	p.ID, p.TxnRef = id, ref(id)
	r, err := s.q.OrderInsert(ctx, p)
	if err != nil {
		return orderRow{}, fmt.Errorf("payment: add order: %w", err)
	}
	return r, nil
}

// settleOrder sets an order's state other than paid; transactionNo and bankCode are kept when
// given (a failure's), else left as they were.
func (s store) settleOrder(ctx context.Context, id int64, state, responseCode string, at time.Time, transactionNo, bankCode string) error {
	p := paydb.OrderSettleParams{State: state, ResponseCode: responseCode, At: at, ID: id}
	if transactionNo != "" {
		p.TransactionNo = &transactionNo
	}
	if bankCode != "" {
		p.BankCode = &bankCode
	}
	if err := s.q.OrderSettle(ctx, p); err != nil {
		return fmt.Errorf("payment: order %d %s: %w", id, state, err)
	}
	return nil
}

// orderView is an order as the pages show it.
func orderView(o orderRow, caseID int64, caseCode, agency string, refund *string, refundVND *int64) Order {
	return Order{
		ID: o.ID, ItemID: o.ItemID, CaseID: caseID, CaseCode: caseCode, AgencyCode: agency, TxnRef: o.TxnRef,
		AmountVND: o.AmountVnd, State: o.State, CreatedAt: o.CreateDate, ExpireAt: o.ExpireAt,
		TransactionNo: deref(o.TransactionNo), BankCode: o.BankCode, ResponseCode: o.ResponseCode, PaidAt: o.PaidAt,
		ConfirmedBy: deref(o.ConfirmedBy), Refund: deref(refund), RefundVND: deref(refundVND),
	}
}

func (s store) ordersOfCase(ctx context.Context, caseID int64) ([]Order, error) {
	rows, err := s.q.OrdersOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("payment: orders: %w", err)
	}
	out := make([]Order, len(rows))
	for i, r := range rows {
		out[i] = orderView(r.PaymentOrder, r.CaseID, r.CaseCode, r.AgencyCode, r.RefundState, r.RefundVnd)
	}
	return out, nil
}
