package payment_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
)

// TestEventsAppendOnly: the payment events cannot be changed or deleted, even by a raw
// statement.
func TestEventsAppendOnly(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id, _ := e.awaiting(t, fee("Lệ phí", 10000))
	require.NotEmpty(t, e.events(t, id))
	for _, stmt := range []string{
		`UPDATE payment_events SET kind = 'paid' WHERE case_id = $1`,
		`DELETE FROM payment_events WHERE case_id = $1`,
	} {
		_, err := e.pool.Exec(ctx, stmt, id)
		var pgErr *pgconn.PgError
		require.True(t, errors.As(err, &pgErr), "%s: %v", stmt, err)
		require.Equal(t, "42501", pgErr.Code, stmt)
	}
	_, err := e.pool.Exec(ctx, `TRUNCATE payment_events CASCADE`)
	require.Error(t, err)
	require.Equal(t, []string{"item_requested"}, e.events(t, id))
}

// TestOnePendingOrderPerItem: the database refuses a second pending order for an item,
// whatever writes it.
func TestOnePendingOrderPerItem(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	_, items := e.awaiting(t, fee("Lệ phí", 10000))
	e.pay(t, items[0].ID)
	_, err := e.pool.Exec(ctx, `
		INSERT INTO payment_orders (item_id, txn_ref, amount_vnd, create_date, expire_at, client_ip, locale, order_info, updated_at)
		VALUES ($1, 'X1', 10000, now(), now() + interval '15 minutes', '127.0.0.1', 'vn', 'x', now())`, items[0].ID)
	var pgErr *pgconn.PgError
	require.True(t, errors.As(err, &pgErr), "%v", err)
	require.Equal(t, "payment_orders_one_pending", pgErr.ConstraintName)
}

// TestAddScheduleItems: with the seeded catalogue, a residence registration filed online at a
// police of Hà Nội owes the 10.000 đồng fee of Circular 75/2022 (not the in-person 20.000),
// once however often it is asked.
func TestAddScheduleItems(t *testing.T) {
	t.Parallel()
	e := setup(t)
	id := e.newCase(t, status.New)
	for range 2 {
		e.addScheduleItems(t, id)
	}
	items := e.items(t, id)
	require.Len(t, items, 1)
	it := items[0]
	require.EqualValues(t, 10000, it.AmountVND)
	require.Equal(t, catalogue.FeeLePhi, it.Kind)
	require.Equal(t, payment.SourceSchedule, it.Source)
	require.Equal(t, payment.ItemDue, it.State)
	require.Equal(t, "Lệ phí đăng ký cư trú (đăng ký thường trú)", it.Name.VI)
	require.Equal(t, "Residence registration fee (permanent residence)", it.Name.EN)
	require.Equal(t, "Công an cấp xã nơi đăng ký thường trú", it.Recipient.VI)
	require.Contains(t, it.Reason, "75/2022/TT-BTC", "the schedule's legal basis")
	require.Equal(t, []string{"item_requested"}, e.events(t, id))
}

// TestRequest: an officer asks for payment with items and a reason; the case moves to 6 with
// the sum of every item due, the new ones and the one due with the application.
func TestRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, status.Processing)
		e.addScheduleItems(t, id)
		c, err := e.svc.Request(ctx, officer, id, 1, "  Nộp phí thẩm định  ", []payment.NewItem{
			{Kind: catalogue.FeePhi, NameVI: " Phí thẩm định ", NameEN: "Appraisal charge", RecipientVI: "Sở Tài chính", AmountVND: 50000},
			{Kind: catalogue.FeeThue, NameVI: "Thuế thu nhập cá nhân", RecipientVI: "Cơ quan thuế", RecipientEN: "Tax office", AmountVND: 1250000},
		})
		require.NoError(t, err)
		require.Equal(t, status.Payment, c.Status)
		require.EqualValues(t, 10000+50000+1250000, c.PaymentAmount, "the fee due with the application counts")
		items := e.items(t, id)
		require.Len(t, items, 3)
		require.Equal(t, []int{1, 2, 3}, []int{items[0].Seq, items[1].Seq, items[2].Seq})
		require.Equal(t, payment.SourceOfficer, items[1].Source)
		require.Equal(t, "Phí thẩm định", items[1].Name.VI, "trimmed")
		require.Equal(t, "Appraisal charge", items[1].Name.EN)
		require.Equal(t, "Nộp phí thẩm định", items[1].Reason)
		require.Equal(t, "Thuế thu nhập cá nhân", items[2].Name.EN, "no English given: the Vietnamese")
		require.Equal(t, "Tax office", items[2].Recipient.EN)
		require.Equal(t, []string{"item_requested", "item_requested", "item_requested"}, e.events(t, id))
		require.Equal(t, []string{"request_payment by staff"}, e.caseSteps(t, id))
	})

	t.Run("DueItemsOnly", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, status.Processing)
		e.addScheduleItems(t, id)
		c, err := e.svc.Request(ctx, officer, id, 1, "Nộp lệ phí đăng ký", nil)
		require.NoError(t, err)
		require.Equal(t, status.Payment, c.Status)
		require.EqualValues(t, 10000, c.PaymentAmount)
	})

	t.Run("ErrNoItems", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, status.Processing)
		_, err := e.svc.Request(ctx, officer, id, 1, "Nộp lệ phí", nil)
		requireFault(t, err, fault.EINVALID, payment.MsgNoItems)
		require.Equal(t, status.Processing, e.caseOf(t, id).Status)
	})

	t.Run("ErrItemInvalid", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, status.Processing)
		good := fee("Lệ phí", 10000)
		for name, change := range map[string]func(*payment.NewItem){
			"Kind":           func(i *payment.NewItem) { i.Kind = "bribe" },
			"BlankName":      func(i *payment.NewItem) { i.NameVI = "  " },
			"LongName":       func(i *payment.NewItem) { i.NameVI = strings.Repeat("ă", payment.MaxItemText+1) },
			"BlankRecipient": func(i *payment.NewItem) { i.RecipientVI = "" },
			"Zero":           func(i *payment.NewItem) { i.AmountVND = 0 },
			"Negative":       func(i *payment.NewItem) { i.AmountVND = -10000 },
			"TooMuch":        func(i *payment.NewItem) { i.AmountVND = payment.MaxAmountVND + 1 },
		} {
			bad := good
			change(&bad)
			_, err := e.svc.Request(ctx, officer, id, 1, "Nộp lệ phí", []payment.NewItem{good, bad})
			requireFault(t, err, fault.EINVALID, payment.MsgItemInvalid)
			require.Empty(t, e.items(t, id), name)
		}
		require.Equal(t, status.Processing, e.caseOf(t, id).Status)
	})

	t.Run("ErrNotTheirs", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, status.Processing)
		_, err := e.svc.Request(ctx, officer2, id, 1, "Nộp lệ phí", []payment.NewItem{fee("Lệ phí", 10000)})
		requireFault(t, err, fault.ENOTFOUND, "")
		_, err = e.svc.Request(ctx, officer2, id, 1, "Nộp lệ phí", nil)
		requireFault(t, err, fault.ENOTFOUND, "")
		citizen := casework.Actor{Kind: casework.KindCitizen, CitizenID: e.owner, Name: "Nguyễn Văn An"}
		_, err = e.svc.Request(ctx, citizen, id, 1, "Nộp lệ phí", []payment.NewItem{fee("Lệ phí", 10000)})
		requireFault(t, err, fault.EFORBIDDEN, "")
		require.Empty(t, e.items(t, id), "nothing added by a refused request")
	})

	t.Run("ErrStatusAndVersion", func(t *testing.T) {
		t.Parallel()
		received := e.newCase(t, status.Received)
		_, err := e.svc.Request(ctx, officer, received, 1, "Nộp lệ phí", []payment.NewItem{fee("Lệ phí", 10000)})
		requireFault(t, err, fault.ECONFLICT, casework.MsgBadStatus)
		stale := e.newCase(t, status.Processing)
		_, err = e.svc.Request(ctx, officer, stale, 7, "Nộp lệ phí", []payment.NewItem{fee("Lệ phí", 10000)})
		requireFault(t, err, fault.ECONFLICT, casework.MsgConflict)
		_, err = e.svc.Request(ctx, officer, stale, 1, " ", []payment.NewItem{fee("Lệ phí", 10000)})
		requireFault(t, err, fault.EINVALID, casework.MsgReason)
		require.Empty(t, e.items(t, received))
		require.Empty(t, e.items(t, stale))
	})
}

// TestWaive: an officer of the case's agency exempts a due item with a reason; the case moves
// back to processing, as the portal's step, once nothing is due.
func TestWaive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	id, items := e.awaiting(t, fee("Lệ phí", 10000), fee("Phí", 20000))

	err := e.svc.Waive(ctx, officer, items[0].ID, " ")
	requireFault(t, err, fault.EINVALID, payment.MsgReason)
	err = e.svc.Waive(ctx, officer2, items[0].ID, "Người có công với cách mạng")
	requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)
	err = e.svc.Waive(ctx, casework.Actor{Kind: casework.KindCitizen, CitizenID: e.owner}, items[0].ID, "Miễn")
	requireFault(t, err, fault.EFORBIDDEN, "")
	err = e.svc.Waive(ctx, officer, 999999, "Miễn")
	requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)

	require.NoError(t, e.svc.Waive(ctx, officer, items[0].ID, "Người có công với cách mạng (Điều 4 Thông tư 75/2022/TT-BTC)"))
	it := e.item(t, id, items[0].ID)
	require.Equal(t, payment.ItemWaived, it.State)
	require.Equal(t, "Người có công với cách mạng (Điều 4 Thông tư 75/2022/TT-BTC)", it.WaivedReason)
	require.Equal(t, status.Payment, e.caseOf(t, id).Status, "the other item is still due")
	err = e.svc.Waive(ctx, officer, items[0].ID, "Miễn lần nữa")
	requireFault(t, err, fault.ECONFLICT, payment.MsgItemNotDue)

	require.NoError(t, e.svc.Waive(ctx, officer, items[1].ID, "Hộ nghèo"))
	c := e.caseOf(t, id)
	require.Equal(t, status.Processing, c.Status)
	require.Equal(t, []string{"request_payment by staff", "confirm_payment by system"}, e.caseSteps(t, id))
	require.Equal(t, []string{"item_requested", "item_requested", "item_waived", "item_waived"}, e.events(t, id))
}
