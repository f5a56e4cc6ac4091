package payment_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

const (
	tmn        = "MOTLAN01"
	secret     = "test-vnpay-secret"
	adminToken = "test-admin"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// merchant is the merchant's IPN endpoint: it checks each IPN's signature as a merchant must
// and records it, answering what answer says (00 by default).
type merchant struct {
	mu     sync.Mutex
	ipns   []ipn
	answer string
}

// ipn is an IPN as the merchant received it.
type ipn struct {
	Query    url.Values
	SignedOK bool
}

func (m *merchant) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	m.mu.Lock()
	m.ipns = append(m.ipns, ipn{Query: q, SignedOK: vnpay.Verify(secret, q)})
	answer := m.answer
	m.mu.Unlock()
	if answer == "" {
		answer = vnpay.IPNConfirmed
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(vnpay.Answer(answer))
}

func (m *merchant) received() []ipn {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]ipn(nil), m.ipns...)
}

func (m *merchant) setAnswer(code string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answer = code
}

// env is a simulator and a merchant, each behind a real HTTP server.
type env struct {
	sim         *paymentsim.Server
	url         string
	clock       *clock
	merchant    *merchant
	merchantURL string       // the merchant's IPN URL
	client      *http.Client // does not follow redirects
}

func setup(t *testing.T) *env {
	t.Helper()
	m := &merchant{}
	ms := httptest.NewServer(m)
	t.Cleanup(ms.Close)
	c := &clock{t: time.Date(2026, 12, 5, 9, 0, 0, 0, vnpay.Vietnam)}
	sim, err := paymentsim.New(paymentsim.Config{
		Merchants:          map[string]paymentsim.Merchant{tmn: {Secret: secret, IPNURL: ms.URL + "/payments/vnpay/ipn"}},
		AdminToken:         adminToken,
		Now:                c.Now,
		Log:                slog.New(slog.DiscardHandler),
		FirstTransactionNo: 14_000_001,
	})
	require.NoError(t, err)
	ss := httptest.NewServer(sim.Handler())
	t.Cleanup(ss.Close)
	return &env{sim: sim, url: ss.URL, clock: c, merchant: m, merchantURL: ms.URL + "/payments/vnpay/ipn", client: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// order is what a merchant puts in a payment redirect.
type order struct {
	ref     string
	amount  int64
	created time.Time
	expires time.Time
}

// newOrder is an order of 50.000 đồng created now, expiring in 15 minutes.
func (e *env) newOrder(ref string) order {
	now := e.clock.Now()
	return order{ref: ref, amount: 50_000, created: now, expires: now.Add(15 * time.Minute)}
}

// params are the order's redirect parameters, unsigned.
func (o order) params() url.Values {
	q := url.Values{}
	q.Set(vnpay.ParamVersion, vnpay.Version)
	q.Set(vnpay.ParamCommand, vnpay.CommandPay)
	q.Set(vnpay.ParamTmnCode, tmn)
	q.Set(vnpay.ParamAmount, vnpay.FormatAmount(o.amount))
	q.Set(vnpay.ParamCreateDate, vnpay.FormatDate(o.created))
	q.Set(vnpay.ParamCurrCode, "VND")
	q.Set(vnpay.ParamIPAddr, "127.0.0.1")
	q.Set(vnpay.ParamLocale, "vn")
	q.Set(vnpay.ParamOrderInfo, "Thanh toan le phi ho so H01.2026.000001")
	q.Set(vnpay.ParamOrderType, "other")
	q.Set(vnpay.ParamReturnURL, "https://portal.example/payments/return")
	q.Set(vnpay.ParamExpireDate, vnpay.FormatDate(o.expires))
	q.Set(vnpay.ParamTxnRef, o.ref)
	return q
}

// payURL is the signed redirect to the simulator.
func (e *env) payURL(o order) string {
	return e.url + vnpay.PayPath + "?" + vnpay.SignParams(secret, o.params())
}

// get fetches a URL and returns the response and its body.
func (e *env) get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := e.client.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

// hidden reads a hidden input's value from the payer's page.
func hidden(t *testing.T, page, name string) string {
	t.Helper()
	marker := `name="` + name + `" value="`
	i := strings.Index(page, marker)
	require.GreaterOrEqual(t, i, 0, "no hidden %s in the page", name)
	rest := page[i+len(marker):]
	return rest[:strings.IndexByte(rest, '"')]
}

// choose opens the payer's page for o and presses the button of outcome; it returns the
// response (a redirect when all went well) and the form it posted.
func (e *env) choose(t *testing.T, o order, outcome paymentsim.Outcome) (*http.Response, url.Values) {
	t.Helper()
	resp, page := e.get(t, e.payURL(o))
	require.Equal(t, http.StatusOK, resp.StatusCode, page)
	form := url.Values{"tmn": {tmn}, "ref": {o.ref}, "token": {hidden(t, page, "token")}, "choice": {string(outcome)}}
	return e.post(t, form), form
}

// post posts the payer's form.
func (e *env) post(t *testing.T, form url.Values) *http.Response {
	t.Helper()
	r, err := e.client.PostForm(e.url+vnpay.PayPath, form)
	require.NoError(t, err)
	_ = r.Body.Close()
	return r
}

// open registers o through the Go API.
func (e *env) open(t *testing.T, o order) {
	t.Helper()
	_, err := e.sim.Open(e.payURL(o))
	require.NoError(t, err)
}

var bg = context.Background()

// httptestClosedURL is the address of a server that is gone.
func httptestClosedURL(t *testing.T) string {
	t.Helper()
	s := httptest.NewServer(http.NotFoundHandler())
	s.Close()
	return s.URL + "/payments/vnpay/ipn"
}
