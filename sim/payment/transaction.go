package payment

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motlan/portal/services/vnpay"
)

// Statuses of a transaction in Transaction.Status and the reconciliation report: the
// gateway's vnp_TransactionStatus in words.
const (
	StatusPending  = "pending"  // 01: opened, the payer has not finished
	StatusPaid     = "paid"     // 00: paid, nothing refunded
	StatusFailed   = "failed"   // 02: failed, cancelled or expired; no money moved
	StatusRefunded = "refunded" // 05: paid, then refunded in full or in part (Refunded says how much)
)

// Transaction is a transaction as the gateway keeps it.
type Transaction struct {
	TmnCode           string
	TxnRef            string
	TransactionNo     string // vnp_TransactionNo; "" while pending
	BankCode          string // "" while pending
	CardType          string
	OrderInfo         string
	ResponseCode      string // vnp_ResponseCode; "" while pending
	TransactionStatus string // vnp_TransactionStatus: 01, 00, 02 or 05 once refunded
	Status            string // StatusPending, StatusPaid, StatusFailed or StatusRefunded
	AmountVND         int64
	CreateDate        time.Time // the merchant's vnp_CreateDate
	ExpireDate        time.Time
	PayDate           time.Time // when the payer ended it (paid, failed or cancelled); zero while pending
	Refunded          int64     // đồng refunded so far
	Refunds           []Refund
	IPNs              []IPNAttempt // every IPN call and the merchant's answer, in order
	IPNLost           int          // IPNs dropped by the LoseIPN fault
	IPNHeld           bool         // an IPN is held by the DelayIPN fault
	ReturnURL         string       // the merchant's vnp_ReturnUrl
}

// Refund is a refund the merchant asked for.
type Refund struct {
	RequestID string
	Type      string // vnpay.RefundFull or vnpay.RefundPartial
	AmountVND int64
	CreateBy  string
	At        time.Time
}

// IPNAttempt is one IPN call: what the merchant answered (RspCode), or why there was no answer.
type IPNAttempt struct {
	At        time.Time
	Retry     int    // 0 for the first delivery, then 1, 2, 3
	AmountVND int64  // the amount the IPN reported (differs under the WrongAmount fault)
	BadHash   bool   // sent with a wrong vnp_SecureHash (the BadSignature fault)
	RspCode   string // the merchant's RspCode; "" when it did not answer with one
	Err       string // the transport or decoding error
}

// txnKey identifies a transaction: the merchant and its reference.
type txnKey struct{ tmn, ref string }

// txn is a transaction's state, guarded by Server.mu.
type txn struct {
	key        txnKey
	amount     int64
	orderInfo  string
	returnURL  string
	createDate time.Time
	expireDate time.Time
	token      string // the payer form's token, so a choice cannot be posted for another transaction

	transactionNo string
	responseCode  string
	status        string // vnp_TransactionStatus
	payDate       time.Time
	refunded      int64
	refunds       []Refund

	ipns       []IPNAttempt
	ipnLost    int
	ipnHeld    bool
	ipnRetries int  // retries sent so far
	retryDue   bool // the last delivery got no 00 or 02 and retries are left
	returnTo   string
}

func (t *txn) pending() bool { return t.status == vnpay.TxnPending }

func (t *txn) snapshot() Transaction {
	out := Transaction{
		TmnCode:           t.key.tmn,
		TxnRef:            t.key.ref,
		TransactionNo:     t.transactionNo,
		OrderInfo:         t.orderInfo,
		ResponseCode:      t.responseCode,
		TransactionStatus: t.status,
		Status:            t.statusWord(),
		AmountVND:         t.amount,
		CreateDate:        t.createDate,
		ExpireDate:        t.expireDate,
		PayDate:           t.payDate,
		Refunded:          t.refunded,
		Refunds:           slices.Clone(t.refunds),
		IPNs:              slices.Clone(t.ipns),
		IPNLost:           t.ipnLost,
		IPNHeld:           t.ipnHeld,
		ReturnURL:         t.returnURL,
	}
	if !t.pending() {
		out.BankCode, out.CardType = BankCode, CardType
	}
	return out
}

func (t *txn) statusWord() string {
	switch {
	case t.refunded > 0:
		return StatusRefunded
	case t.status == vnpay.TxnSuccess:
		return StatusPaid
	case t.status == vnpay.TxnPending:
		return StatusPending
	default:
		return StatusFailed
	}
}

// resultParams are the signed parameters of a settled transaction's IPN and browser return.
func (t *txn) resultParams() url.Values {
	q := url.Values{}
	q.Set(vnpay.ParamTmnCode, t.key.tmn)
	q.Set(vnpay.ParamTxnRef, t.key.ref)
	q.Set(vnpay.ParamAmount, vnpay.FormatAmount(t.amount))
	q.Set(vnpay.ParamOrderInfo, t.orderInfo)
	q.Set(vnpay.ParamBankCode, BankCode)
	q.Set(vnpay.ParamCardType, CardType)
	q.Set(vnpay.ParamPayDate, vnpay.FormatDate(t.payDate))
	q.Set(vnpay.ParamTransactionNo, t.transactionNo)
	q.Set(vnpay.ParamResponseCode, t.responseCode)
	q.Set(vnpay.ParamTransactionStatus, settledStatus(t))
	if t.responseCode == vnpay.RespSuccess {
		q.Set(vnpay.ParamBankTranNo, "VNP"+t.transactionNo)
	}
	return q
}

// settledStatus is the transaction status a result reports: a refund does not change what the
// payment's IPN said.
func settledStatus(t *txn) string {
	if t.responseCode == vnpay.RespSuccess {
		return vnpay.TxnSuccess
	}
	return vnpay.TxnError
}

// pendingParams are the signed parameters of the browser return when the payer chose to pay
// later: no response code, status 01.
func (t *txn) pendingParams() url.Values {
	q := url.Values{}
	q.Set(vnpay.ParamTmnCode, t.key.tmn)
	q.Set(vnpay.ParamTxnRef, t.key.ref)
	q.Set(vnpay.ParamAmount, vnpay.FormatAmount(t.amount))
	q.Set(vnpay.ParamOrderInfo, t.orderInfo)
	q.Set(vnpay.ParamTransactionStatus, vnpay.TxnPending)
	return q
}

// Transactions returns a merchant's transactions, sorted by vnp_TxnRef.
func (s *Server) Transactions(tmnCode string) []Transaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Transaction
	for k, t := range s.txns {
		if k.tmn == tmnCode {
			out = append(out, t.snapshot())
		}
	}
	slices.SortFunc(out, func(a, b Transaction) int { return strings.Compare(a.TxnRef, b.TxnRef) })
	return out
}

// Transaction returns one transaction.
func (s *Server) Transaction(tmnCode, txnRef string) (Transaction, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[txnKey{tmnCode, txnRef}]
	if !ok {
		return Transaction{}, false
	}
	return t.snapshot(), true
}

// IPNQuery returns the signed IPN parameters of a settled transaction (as the gateway would
// send them without faults), so that a test can deliver them itself, twenty times at once.
func (s *Server) IPNQuery(tmnCode, txnRef string) (url.Values, bool) {
	s.mu.Lock()
	t, ok := s.txns[txnKey{tmnCode, txnRef}]
	if !ok || t.pending() {
		s.mu.Unlock()
		return nil, false
	}
	q := t.resultParams()
	m := s.merchants[tmnCode]
	s.mu.Unlock()
	return signed(m.Secret, q), true
}

// ReturnURL returns where the gateway last sent the payer's browser for a transaction (the
// merchant's vnp_ReturnUrl with the signed result), once the payer has chosen.
func (s *Server) ReturnURL(tmnCode, txnRef string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[txnKey{tmnCode, txnRef}]
	if !ok || t.returnTo == "" {
		return "", false
	}
	return t.returnTo, true
}

// signed returns q with its vnp_SecureHash.
func signed(secret string, q url.Values) url.Values {
	out, _ := url.ParseQuery(vnpay.SignParams(secret, q))
	return out
}

// newTransactionNo hands out the next 8-digit transaction number; s.mu is held.
func (s *Server) newTransactionNo() string {
	n := s.nextNo
	s.nextNo++
	if s.nextNo > lastNo {
		s.nextNo = firstNo
	}
	return strconv.FormatInt(n, 10)
}
