package payment_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	tmn       = "MOTLAN01"
	secret    = "test-vnpay-secret"
	police    = "CA-00070" // the police of phường Hoàn Kiếm (Hà Nội), in the seeded catalogue
	police2   = "CA-00004" // the police of phường Ba Đình
	residence = "1.004222" // permanent residence registration: 10.000 đồng online
	returnURL = "http://portal.test/payments/return"
)

var vn = time.FixedZone("ICT", 7*3600)

// clock is the settable now the portal and the gateway share.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixedCalendar struct{}

func (fixedCalendar) Calendar(context.Context) (*calendar.Calendar, error) {
	return calendar.FromDays(nil), nil
}

type processingDays struct{}

func (processingDays) ProcessingDays(context.Context, string) (int, error) { return 7, nil }

// env is a test's bundle: a fresh database with the seeded catalogue, two citizens, the
// services, and the gateway simulator whose IPNs reach the service's HandleIPN.
type env struct {
	pool     *pgxpool.Pool
	clock    *clock
	cases    *cases.Service
	work     *casework.Service
	svc      *payment.Service
	sim      *paymentsim.Server
	gateway  string // the simulator's base URL
	owner    int64  // the citizen whose cases they are
	stranger int64
	n        atomic.Int64
	ipns     atomic.Int64 // IPN calls the portal answered
}

var (
	officer  = casework.Actor{Kind: casework.KindStaff, ID: "101", Name: "Trần Văn Cán", Role: casework.RoleOfficer, AgencyCode: police}
	officer2 = casework.Actor{Kind: casework.KindStaff, ID: "501", Name: "Cán bộ phường Ba Đình", Role: casework.RoleOfficer, AgencyCode: police2}
)

func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	e := &env{pool: pool, clock: &clock{t: time.Date(2026, 12, 3, 9, 0, 0, 0, vn)}}
	require.NoError(t, catalogue.Seed(ctx, pool, e.clock.Now()))
	people := citizens.New(pool, e.clock.Now)
	an, err := people.SignedIn(ctx, "http://idp", "s1", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	binh, err := people.SignedIn(ctx, "http://idp", "s2", "079175001234", "Trần Thị Bình")
	require.NoError(t, err)
	e.owner, e.stranger = an.ID, binh.ID

	log := slog.New(slog.DiscardHandler)
	e.cases = cases.New(pool, e.clock.Now, log)
	e.work = casework.New(pool, casework.Deps{Calendars: fixedCalendar{}, Procedures: processingDays{}, Now: e.clock.Now})

	e.sim, err = paymentsim.New(paymentsim.Config{Now: e.clock.Now, Log: log, FirstTransactionNo: 20_000_000})
	require.NoError(t, err)
	gateway := httptest.NewServer(e.sim.Handler())
	t.Cleanup(gateway.Close)
	e.gateway = gateway.URL
	cat := catalogue.New(pool)
	e.svc = payment.New(pool, payment.Deps{Cases: e.cases, Casework: e.work, Fees: cat, Procedures: cat},
		payment.Config{TmnCode: tmn, HashSecret: secret, PayURL: gateway.URL + vnpay.PayPath, APIURL: gateway.URL + vnpay.APIPath,
			ReturnURL: returnURL, Now: e.clock.Now, Log: log})
	merchant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.ipns.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(e.svc.HandleIPN(r.Context(), r.URL.Query()))
	}))
	t.Cleanup(merchant.Close)
	e.sim.SetMerchant(tmn, paymentsim.Merchant{Secret: secret, IPNURL: merchant.URL + "/payments/vnpay/ipn"})
	return e
}

// newCase puts a case of the owner in status st straight into the table: received, with a
// due date, at the police of Hoàn Kiếm.
func (e *env) newCase(t *testing.T, st status.Status) int64 {
	t.Helper()
	return e.caseAt(t, police, st)
}

// newCaseOf is a case of the owner being processed (status 4) at agency.
func (e *env) newCaseOf(t *testing.T, agency string) int64 {
	t.Helper()
	return e.caseAt(t, agency, status.Processing)
}

func (e *env) caseAt(t *testing.T, agency string, st status.Status) int64 {
	t.Helper()
	received := e.clock.Now().Add(-48 * time.Hour)
	due := calendar.Date(received.AddDate(0, 0, 10))
	id, err := casetest.Insert(context.Background(), e.pool, casetest.Spec{
		Code:      fmt.Sprintf("%s-261201-%04d", agency, e.n.Add(1)),
		CitizenID: e.owner, Procedure: residence, Agency: agency, Status: st,
		Submitted: received.Add(-time.Hour), Received: &received, DueOn: &due,
	})
	require.NoError(t, err)
	return id
}

// fee is an item of amount đồng an officer asks for.
func fee(name string, amount int64) payment.NewItem {
	return payment.NewItem{Kind: catalogue.FeeLePhi, NameVI: name, RecipientVI: "Công an phường Hoàn Kiếm", AmountVND: amount}
}

// awaiting is a case waiting for payment (status 6) of the items asked, and the items.
func (e *env) awaiting(t *testing.T, items ...payment.NewItem) (int64, []payment.Item) {
	t.Helper()
	id := e.newCase(t, status.Processing)
	c, err := e.svc.Request(context.Background(), officer, id, 1, "Nộp lệ phí trước khi cấp kết quả", items)
	require.NoError(t, err)
	require.Equal(t, status.Payment, c.Status)
	return id, e.items(t, id)
}

// addScheduleItems records the charges due with the application of a case, as a submission
// does: read before the transaction, written inside it.
func (e *env) addScheduleItems(t *testing.T, caseID int64) {
	t.Helper()
	ctx := context.Background()
	c, err := e.cases.Get(ctx, e.pool, caseID)
	require.NoError(t, err)
	a, err := catalogue.New(e.pool).Agency(ctx, c.AgencyCode)
	require.NoError(t, err)
	due, err := e.svc.DueWithApplication(ctx, c.ProcedureCode, a.ProvinceCode, c.SubmittedAt)
	require.NoError(t, err)
	require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error { return e.svc.RecordTx(ctx, tx, caseID, due) }))
}

func (e *env) items(t *testing.T, caseID int64) []payment.Item {
	t.Helper()
	items, err := e.svc.Items(context.Background(), caseID)
	require.NoError(t, err)
	return items
}

func (e *env) item(t *testing.T, caseID, itemID int64) payment.Item {
	t.Helper()
	for _, it := range e.items(t, caseID) {
		if it.ID == itemID {
			return it
		}
	}
	t.Fatalf("no item %d in case %d", itemID, caseID)
	return payment.Item{}
}

func (e *env) orders(t *testing.T, caseID int64) []payment.Order {
	t.Helper()
	orders, err := e.svc.Orders(context.Background(), caseID)
	require.NoError(t, err)
	return orders
}

func (e *env) caseOf(t *testing.T, id int64) cases.Case {
	t.Helper()
	c, err := e.cases.Get(context.Background(), e.pool, id)
	require.NoError(t, err)
	return c
}

// pay starts paying the owner's item and opens the gateway's page, as the browser does; it
// returns the merchant reference.
func (e *env) pay(t *testing.T, itemID int64) string {
	t.Helper()
	u, err := e.svc.Pay(context.Background(), e.owner, itemID, "203.0.113.7", "vi")
	require.NoError(t, err)
	txn, err := e.sim.Open(u)
	require.NoError(t, err)
	return txn.TxnRef
}

// complete is the payer's choice on the gateway's page.
func (e *env) complete(t *testing.T, ref string, o paymentsim.Outcome) {
	t.Helper()
	require.NoError(t, e.sim.Complete(context.Background(), tmn, ref, o))
}

// gatewayTxn is the gateway's record of a transaction.
func (e *env) gatewayTxn(t *testing.T, ref string) paymentsim.Transaction {
	t.Helper()
	txn, ok := e.sim.Transaction(tmn, ref)
	require.True(t, ok, ref)
	return txn
}

// events lists a case's payment events' kinds, in order.
func (e *env) events(t *testing.T, caseID int64) []string {
	t.Helper()
	rows, err := e.pool.Query(context.Background(), `SELECT kind FROM payment_events WHERE case_id = $1 ORDER BY id`, caseID)
	require.NoError(t, err)
	var kinds []string
	for rows.Next() {
		var k string
		require.NoError(t, rows.Scan(&k))
		kinds = append(kinds, k)
	}
	require.NoError(t, rows.Err())
	return kinds
}

// caseSteps lists the actions of a case's timeline after the submission, with who took them.
func (e *env) caseSteps(t *testing.T, caseID int64) []string {
	t.Helper()
	evs, err := e.cases.Events(context.Background(), caseID)
	require.NoError(t, err)
	var out []string
	for _, ev := range evs[1:] {
		out = append(out, ev.Action+" by "+ev.ActorKind)
	}
	return out
}

func requireFault(t *testing.T, err error, code, message string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, fault.Code(err), "%v", err)
	if message != "" {
		require.Equal(t, message, fault.Message(err), "%v", err)
	}
}

// query is the query string of a URL.
func query(t *testing.T, u string) url.Values {
	t.Helper()
	p, err := url.Parse(u)
	require.NoError(t, err)
	return p.Query()
}
