package payment

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/vnpay"
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
	Now        func() time.Time
	Log        *slog.Logger
}

// Fees gives a procedure's fee schedule (services/catalogue).
type Fees interface {
	Fees(ctx context.Context, code, province, channel string, on time.Time) ([]catalogue.Fee, error)
}

// Deps are the services payment works through: the owner of the case tables, the life cycle
// (6 → 4 when the last item is paid), and the fee schedule.
type Deps struct {
	Cases    *cases.Service
	Casework *casework.Service
	Fees     Fees
	// ProvinceOf gives the province code of an agency, for the fee schedule; nil: national rows.
	ProvinceOf func(ctx context.Context, agencyCode string) (string, error)
}

// Service is the merchant. It is safe for concurrent use.
type Service struct {
	pool *pgxpool.Pool
	deps Deps
	cfg  Config
}

var errTODO = errors.New("payment: not implemented yet")

// New returns the merchant service.
func New(pool *pgxpool.Pool, deps Deps, cfg Config) *Service {
	return &Service{pool: pool, deps: deps, cfg: cfg}
}

// AddScheduleItemsTx records, inside the submission's transaction, the items the procedure's
// fee schedule makes due with an online application in the case's province: charges other than
// taxes, not exempt, with a known positive amount. Idempotent per case and schedule item.
func (s *Service) AddScheduleItemsTx(ctx context.Context, tx pgx.Tx, caseID int64) error {
	return errTODO
}

// Request is an officer's request for payment (casework.RequestPayment, 4 → 6) with its items
// and reason, in one transaction: the case's step and its items commit together. The case's
// amount is the sum of the items still due, the new ones included.
func (s *Service) Request(ctx context.Context, a casework.Actor, caseID int64, version int, reason string, items []NewItem) (cases.Case, error) {
	return cases.Case{}, errTODO
}

// Items lists a case's items in order, with the order that paid each. Callers authorize the case.
func (s *Service) Items(ctx context.Context, caseID int64) ([]Item, error) { return nil, errTODO }

// Orders lists a case's orders, newest first, for the officer's page. Callers authorize.
func (s *Service) Orders(ctx context.Context, caseID int64) ([]Order, error) { return nil, errTODO }

// Pay starts (or resumes) paying one of the citizen's due items and returns the gateway's
// signed URL to send the browser to. A live pending order of the item is reused (same
// vnp_TxnRef, same dates, same signature), so a double click makes one order.
func (s *Service) Pay(ctx context.Context, citizenID, itemID int64, clientIP, locale string) (string, error) {
	return "", errTODO
}

// ReturnOf reads what the gateway's browser return is about, for the citizen who owns the
// order. It changes nothing: only HandleIPN and Reconcile mark an order paid.
func (s *Service) ReturnOf(ctx context.Context, citizenID int64, q url.Values) (Return, error) {
	return Return{}, errTODO
}

// HandleIPN applies a gateway notification exactly once and returns the merchant's answer:
// 97 bad signature, 01 unknown order, 04 amount differs, 02 already confirmed, 00 confirmed
// (a success or a failure recorded), 99 anything else.
func (s *Service) HandleIPN(ctx context.Context, q url.Values) vnpay.IPNAnswer {
	return vnpay.Answer(vnpay.IPNOther)
}

// Reconcile asks the gateway (querydr) about every order pending longer than QueryAfter and
// applies the answers as a verified IPN would; it returns how many orders it settled.
func (s *Service) Reconcile(ctx context.Context) (int, error) { return 0, errTODO }

// RequestRefunds asks the gateway to refund every paid order flagged for refund.
func (s *Service) RequestRefunds(ctx context.Context) (int, error) { return 0, errTODO }

// ReceiptPDF is the e-receipt of a paid item (services/ereceipt), for the case's owner
// (citizenID) or, with citizenID 0, for staff of agencyCode.
func (s *Service) ReceiptPDF(ctx context.Context, citizenID int64, agencyCode string, itemID int64) ([]byte, error) {
	return nil, errTODO
}

// Report sums an agency's payments per Vietnam day in [from, to].
func (s *Service) Report(ctx context.Context, agencyCode string, from, to time.Time) ([]DayReport, error) {
	return nil, errTODO
}

// Transactions lists an agency's orders created in [from, to], for the CSV export that matches
// the gateway's reconciliation report.
func (s *Service) Transactions(ctx context.Context, agencyCode string, from, to time.Time) ([]Order, error) {
	return nil, errTODO
}
