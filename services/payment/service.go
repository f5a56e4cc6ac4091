package payment

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/ereceipt"
	"github.com/motlan/portal/services/signing"
)

// Config is the merchant's account at the gateway.
type Config struct {
	TmnCode    string // VNPAY_TMN_CODE: the merchant (terminal) code
	HashSecret string // VNPAY_HASH_SECRET: the merchant's secret
	PayURL     string // VNPAY_PAY_URL: the gateway's payment page (…/paymentv2/vpcpay.html)
	APIURL     string // VNPAY_API_URL: querydr and refund (…/merchant_webapi/api/transaction)
	ReturnURL  string // where the gateway sends the payer's browser back: PORTAL_BASE_URL + /payments/return
	// Expiry is how long the payer has on the gateway's page (vnp_ExpireDate); 15 minutes.
	Expiry time.Duration
	// QueryAfter is how long an order stays pending before reconciliation asks the gateway about
	// it; 5 minutes (an IPN normally arrives within seconds).
	QueryAfter time.Duration
	HTTP       *http.Client // for the JSON APIs; a 10 s timeout when nil
	// ServerIP is the portal's address the JSON APIs name as the caller (vnp_IpAddr);
	// 127.0.0.1 when empty.
	ServerIP string
	Now      func() time.Time
	Log      *slog.Logger
}

// Defaults of Config.
const (
	DefaultExpiry     = 15 * time.Minute
	DefaultQueryAfter = 5 * time.Minute
)

// Fees gives a procedure's fee schedule (services/catalogue).
type Fees interface {
	Fees(ctx context.Context, code, province, channel string, on time.Time) ([]catalogue.Fee, error)
}

// Procedures names a procedure on the e-receipt (services/catalogue).
type Procedures interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
}

// Deps are the services payment works through: the owner of the case tables, the life cycle
// (6 → 4 when the last item is paid), the fee schedule, and the catalogue for the e-receipt.
type Deps struct {
	Cases    *cases.Service
	Casework *casework.Service
	Fees     Fees
	// Procedures names the procedure on the e-receipt; nil: the receipt names it by code.
	Procedures Procedures
	// Receipts renders the e-receipt (an *ereceipt.Renderer); nil: receipts are unavailable.
	Receipts Receipts
	// Agencies names the agency that signs e-receipts; nil: the item's recipient names it.
	Agencies Agencies
	// Holdings keeps each paid item's e-receipt in the payer's documents (held.go); nil: not kept.
	Holdings Holdings
}

// Receipts renders an e-receipt as a PDF signed by the agency by (services/ereceipt.Renderer
// with a sealer).
type Receipts interface {
	SignedPDF(ctx context.Context, r ereceipt.Receipt, by signing.Agency) ([]byte, error)
}

// Agencies names the agency that signs an e-receipt (services/catalogue).
type Agencies interface {
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
}

// Service is the merchant. It is safe for concurrent use.
type Service struct {
	pool *pgxpool.Pool
	deps Deps
	cfg  Config
}

// New returns the merchant service.
func New(pool *pgxpool.Pool, deps Deps, cfg Config) *Service {
	if cfg.Expiry <= 0 {
		cfg.Expiry = DefaultExpiry
	}
	if cfg.QueryAfter <= 0 {
		cfg.QueryAfter = DefaultQueryAfter
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.ServerIP == "" {
		cfg.ServerIP = "127.0.0.1"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{pool: pool, deps: deps, cfg: cfg}
}
