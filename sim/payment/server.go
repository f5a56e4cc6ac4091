// Package payment is a development simulator of the VNPAY payment gateway, speaking the
// merchant protocol version 2.1.0 (services/vnpay) as VNPAY's sandbox does: the signed
// redirect opens a payer page where the demo citizen chooses success, failure, cancel or
// "pay later"; the gateway then calls the merchant's IPN URL server to server and sends the
// browser back to the merchant's vnp_ReturnUrl, both with signed parameters; the merchant
// queries transactions (querydr) and asks for refunds over the JSON API. Fault switches lose,
// duplicate, delay or falsify the IPN so that the merchant's checks and its reconciliation can
// be tried. State lives in memory; nothing here moves real money.
package payment

import (
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/motlan/portal/services/vnpay"
)

// Development defaults, the same the portal's configuration has.
const (
	DefaultTmnCode    = "MOTLAN01"
	DefaultHashSecret = "dev-vnpay-secret"  //nolint:gosec // G101: the simulator's documented development default
	DefaultAdminToken = "dev-payment-admin" //nolint:gosec // G101: the simulator's documented development default
)

// The gateway's sandbox test bank and card type, reported with every settled transaction.
const (
	BankCode = "NCB"
	CardType = "ATM"
)

// Merchant is a merchant the gateway knows: its hash secret and where its IPN goes.
type Merchant struct {
	Secret string
	IPNURL string
}

// Config configures a Server.
type Config struct {
	Merchants  map[string]Merchant // by vnp_TmnCode
	AdminToken string              // bearer token of /admin/...; "" = DefaultAdminToken
	HTTP       *http.Client        // for IPN calls; nil = a client with a 10 s timeout
	Now        func() time.Time    // nil = time.Now
	Log        *slog.Logger        // nil = slog.Default()
	// FirstTransactionNo is the first vnp_TransactionNo handed out (8 digits); 0 = a random
	// start, so that simulators started one after the other against the same merchant
	// database do not hand out the same numbers.
	FirstTransactionNo int64
}

// Server is the simulated gateway.
type Server struct {
	adminToken string
	client     *http.Client
	now        func() time.Time
	log        *slog.Logger
	handler    http.Handler

	mu        sync.Mutex
	merchants map[string]Merchant
	txns      map[txnKey]*txn
	requests  map[string]bool // tmn code + "|" + vnp_RequestId of the JSON API, to refuse a replay
	faults    Faults
	held      []heldIPN // IPNs held by the DelayIPN fault, in order
	nextNo    int64     // the next vnp_TransactionNo
}

// Errors of the Go API.
var (
	ErrUnknownMerchant = errors.New("payment sim: unknown merchant")
	ErrNotFound        = errors.New("payment sim: no such transaction")
	ErrSettled         = errors.New("payment sim: the transaction is no longer pending")
)

// New builds a Server.
func New(cfg Config) (*Server, error) {
	s := &Server{
		adminToken: cfg.AdminToken,
		client:     cfg.HTTP,
		now:        cfg.Now,
		log:        cfg.Log,
		merchants:  make(map[string]Merchant),
		txns:       make(map[txnKey]*txn),
		requests:   make(map[string]bool),
		nextNo:     cfg.FirstTransactionNo,
	}
	for code, m := range cfg.Merchants {
		if err := checkMerchant(code, m); err != nil {
			return nil, err
		}
		s.merchants[code] = m
	}
	if s.adminToken == "" {
		s.adminToken = DefaultAdminToken
	}
	if s.client == nil {
		s.client = &http.Client{Timeout: 10 * time.Second}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.nextNo == 0 {
		s.nextNo = firstNo + rand.Int64N(lastNo-firstNo-1<<20) //nolint:gosec // G404: distinct starts, not secrets
	}
	if s.nextNo < firstNo || s.nextNo > lastNo {
		return nil, fmt.Errorf("payment sim: first transaction number %d: want 8 digits", s.nextNo)
	}
	s.handler = s.routes()
	return s, nil
}

// Transaction numbers have 8 digits.
const (
	firstNo = 10_000_000
	lastNo  = 99_999_999
)

func checkMerchant(code string, m Merchant) error {
	if code == "" || m.Secret == "" {
		return errors.New("payment sim: a merchant needs a code and a secret")
	}
	return nil
}

// SetMerchant adds or replaces a merchant: tests learn the portal's IPN address only once the
// simulator runs.
func (s *Server) SetMerchant(tmnCode string, m Merchant) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.merchants[tmnCode] = m
}

func (s *Server) merchant(tmnCode string) (Merchant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.merchants[tmnCode]
	return m, ok
}

// Handler serves the payer's page, the JSON API, the admin endpoints and /healthz.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+vnpay.PayPath, s.showPayer)
	mux.HandleFunc("POST "+vnpay.PayPath, s.choose)
	mux.HandleFunc("POST "+vnpay.APIPath, s.api)
	mux.Handle("GET /admin/faults", s.requireAdmin(s.showFaults))
	mux.Handle("POST /admin/faults", s.requireAdmin(s.putFaults))
	mux.Handle("POST /admin/flush", s.requireAdmin(s.flush))
	mux.Handle("GET /admin/transactions", s.requireAdmin(s.listTransactions))
	mux.Handle("GET /admin/report.csv", s.requireAdmin(s.report))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	return s.logRequests(mux)
}

// logRequests logs every request: successes at debug level, client errors at info, server
// errors at warning.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelDebug
		switch {
		case sw.status >= 500:
			level = slog.LevelWarn
		case sw.status >= 400:
			level = slog.LevelInfo
		}
		s.log.Log(r.Context(), level, "payment-sim: http request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
