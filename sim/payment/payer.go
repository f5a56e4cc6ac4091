package payment

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motlan/portal/services/vnpay"
)

// Outcome is what the payer chooses on the gateway's page.
type Outcome string

// The payer's choices.
const (
	OutcomeSuccess Outcome = "success" // paid: response 00, status 00
	OutcomeFailure Outcome = "failure" // not enough money: response 51, status 02
	OutcomeCancel  Outcome = "cancel"  // cancelled by the payer: response 24, status 02
	OutcomeLater   Outcome = "later"   // back to the merchant unpaid; the transaction stays pending (01)
)

// Refusal is why the gateway refused to open a payment: its code (VNPAY's page codes, e.g. 97
// for a bad signature, 11 for an expired payment) and the message its page shows.
type Refusal struct {
	Code    string
	Message string
}

func (r *Refusal) Error() string { return "payment sim: refused " + r.Code + ": " + r.Message }

// Codes of the refusal page.
const (
	refuseMerchant  = "02" // unknown vnp_TmnCode
	refuseFormat    = "03" // a parameter is missing or malformed
	refuseExpired   = vnpay.RespExpired
	refuseDuplicate = "94" // the vnp_TxnRef exists already, settled or with other data
	refuseSignature = "97"
)

func refuse(code, message string) *Refusal { return &Refusal{Code: code, Message: message} }

// Open registers the payment a merchant's redirect URL asks for, as the payer's page does when
// the browser opens it, and returns it; a Go test can then Complete it.
func (s *Server) Open(payURL string) (Transaction, error) {
	u, err := url.Parse(payURL)
	if err != nil {
		return Transaction{}, refuse(refuseFormat, "Dữ liệu gửi sang không đúng định dạng")
	}
	t, r := s.open(u.Query())
	if r != nil {
		return Transaction{}, r
	}
	return t, nil
}

// open checks a payment redirect and returns its transaction, new or the pending one with the
// same reference (a second tab, a reload).
func (s *Server) open(q url.Values) (Transaction, *Refusal) {
	tmn := q.Get(vnpay.ParamTmnCode)
	m, ok := s.merchant(tmn)
	if !ok {
		return Transaction{}, refuse(refuseMerchant, "Website này chưa được phê duyệt (mã website không tồn tại)")
	}
	if !vnpay.Verify(m.Secret, q) {
		return Transaction{}, refuse(refuseSignature, "Sai chữ ký")
	}
	t, r := readPayment(q)
	if r != nil {
		return Transaction{}, r
	}
	now := s.now()
	if now.After(t.expireDate) {
		return Transaction{}, refuse(refuseExpired, "Giao dịch đã quá thời gian chờ thanh toán")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.txns[t.key]; ok {
		switch {
		case old.amount != t.amount:
			return Transaction{}, refuse(refuseDuplicate, "Giao dịch đã tồn tại với số tiền khác")
		case !old.pending():
			return Transaction{}, refuse(refuseDuplicate, "Giao dịch đã tồn tại")
		}
		// The same payment opened again: the payer comes back to the latest return address.
		old.returnURL = t.returnURL
		return old.snapshot(), nil
	}
	t.token = newToken()
	s.txns[t.key] = t
	s.log.Info("payment-sim: transaction opened", "tmn", tmn, "txn_ref", t.key.ref, "amount_vnd", t.amount)
	return t.snapshot(), nil
}

// readPayment reads the parameters of a signed payment redirect.
func readPayment(q url.Values) (*txn, *Refusal) {
	bad := func(what string) (*txn, *Refusal) {
		return nil, refuse(refuseFormat, "Dữ liệu gửi sang không đúng định dạng ("+what+")")
	}
	if q.Get(vnpay.ParamVersion) != vnpay.Version {
		return bad(vnpay.ParamVersion)
	}
	if q.Get(vnpay.ParamCommand) != vnpay.CommandPay {
		return bad(vnpay.ParamCommand)
	}
	if q.Get(vnpay.ParamCurrCode) != "VND" {
		return bad(vnpay.ParamCurrCode)
	}
	amount, err := vnpay.ParseAmount(q.Get(vnpay.ParamAmount))
	if err != nil || amount <= 0 {
		return bad(vnpay.ParamAmount)
	}
	ref := q.Get(vnpay.ParamTxnRef)
	if !validRef(ref) {
		return bad(vnpay.ParamTxnRef)
	}
	info := q.Get(vnpay.ParamOrderInfo)
	if info == "" || len(info) > 255 {
		return bad(vnpay.ParamOrderInfo)
	}
	created, err := vnpay.ParseDate(q.Get(vnpay.ParamCreateDate))
	if err != nil {
		return bad(vnpay.ParamCreateDate)
	}
	expires, err := vnpay.ParseDate(q.Get(vnpay.ParamExpireDate))
	if err != nil {
		return bad(vnpay.ParamExpireDate)
	}
	ret, err := url.Parse(q.Get(vnpay.ParamReturnURL))
	if err != nil || (ret.Scheme != "http" && ret.Scheme != "https") || ret.Host == "" {
		return bad(vnpay.ParamReturnURL)
	}
	return &txn{
		key:        txnKey{q.Get(vnpay.ParamTmnCode), ref},
		amount:     amount,
		orderInfo:  info,
		returnURL:  ret.String(),
		createDate: created,
		expireDate: expires,
		status:     vnpay.TxnPending,
	}, nil
}

// validRef: VNPAY's vnp_TxnRef is alphanumeric, 1 to 100 characters; '-' and '_' are let
// through as the sandbox does.
func validRef(ref string) bool {
	if ref == "" || len(ref) > 100 {
		return false
	}
	for _, c := range ref {
		alnum := c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alnum && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// showPayer is the payer's page.
func (s *Server) showPayer(w http.ResponseWriter, r *http.Request) {
	t, refusal := s.open(r.URL.Query())
	if refusal != nil {
		s.renderRefusal(w, refusal)
		return
	}
	s.mu.Lock()
	token := s.txns[txnKey{t.TmnCode, t.TxnRef}].token
	s.mu.Unlock()
	s.renderPayer(w, t, token)
}

// Form fields of the payer's choice.
const (
	fieldTmn    = "tmn"
	fieldRef    = "ref"
	fieldToken  = "token"
	fieldChoice = "choice"
)

// choose records the payer's choice, sends the IPN and sends the browser back to the merchant.
func (s *Server) choose(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		s.renderRefusal(w, refuse(refuseFormat, "Dữ liệu gửi sang không đúng định dạng"))
		return
	}
	key := txnKey{r.PostForm.Get(fieldTmn), r.PostForm.Get(fieldRef)}
	o := Outcome(r.PostForm.Get(fieldChoice))
	s.mu.Lock()
	t, ok := s.txns[key]
	valid := ok && subtle.ConstantTimeCompare([]byte(t.token), []byte(r.PostForm.Get(fieldToken))) == 1
	s.mu.Unlock()
	if !valid || !o.valid() {
		s.renderRefusal(w, refuse(refuseFormat, "Yêu cầu thanh toán không hợp lệ"))
		return
	}
	// The IPN must not be cut short by a browser that goes away; the client's timeout bounds it.
	to, err := s.settle(context.WithoutCancel(r.Context()), key, o)
	if err != nil && !errors.Is(err, ErrSettled) {
		s.renderRefusal(w, refuse(refuseFormat, "Yêu cầu thanh toán không hợp lệ"))
		return
	}
	if to == "" { // settled through the Go API: nowhere to send the browser
		s.renderRefusal(w, refuse(refuseDuplicate, "Giao dịch đã tồn tại"))
		return
	}
	// A second press of a button (a double click) goes back where the first went.
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (o Outcome) valid() bool {
	return o == OutcomeSuccess || o == OutcomeFailure || o == OutcomeCancel || o == OutcomeLater
}

// Complete does what the payer's button does, for Go tests: records the outcome and sends the
// IPN (honouring the faults). The browser's return address is then ReturnURL's.
func (s *Server) Complete(ctx context.Context, tmnCode, txnRef string, o Outcome) error {
	if !o.valid() {
		return fmt.Errorf("payment sim: unknown outcome %q", o)
	}
	_, err := s.settle(ctx, txnKey{tmnCode, txnRef}, o)
	return err
}

// settle ends a pending transaction as the payer chose (pay later leaves it pending), sends the
// IPN before returning, and returns where the browser goes. A transaction already settled
// returns ErrSettled with its earlier return address.
func (s *Server) settle(ctx context.Context, key txnKey, o Outcome) (string, error) {
	s.mu.Lock()
	t, ok := s.txns[key]
	if !ok {
		s.mu.Unlock()
		return "", ErrNotFound
	}
	if !t.pending() {
		to := t.returnTo
		s.mu.Unlock()
		return to, ErrSettled
	}
	secret := s.merchants[key.tmn].Secret
	now := s.now()
	expired := now.After(t.expireDate)
	if o == OutcomeLater && !expired {
		t.returnTo = withQuery(t.returnURL, vnpay.SignParams(secret, t.pendingParams()))
		to := t.returnTo
		s.mu.Unlock()
		return to, nil
	}
	switch {
	case expired:
		t.responseCode = vnpay.RespExpired
	case o == OutcomeSuccess:
		t.responseCode = vnpay.RespSuccess
	case o == OutcomeFailure:
		t.responseCode = vnpay.RespInsufficient
	default:
		t.responseCode = vnpay.RespCancelled
	}
	t.status = settledStatus(t)
	t.transactionNo = s.newTransactionNo()
	t.payDate = now.Truncate(time.Second)
	t.returnTo = withQuery(t.returnURL, vnpay.SignParams(secret, t.resultParams()))
	to, code, no := t.returnTo, t.responseCode, t.transactionNo
	s.mu.Unlock()
	s.log.Info("payment-sim: transaction settled", "tmn", key.tmn, "txn_ref", key.ref, "response_code", code, "transaction_no", no)
	s.deliver(ctx, key, 0, true)
	return to, nil
}

// withQuery appends an encoded query to a URL that may have one already.
func withQuery(u, query string) string {
	if strings.Contains(u, "?") {
		return u + "&" + query
	}
	return u + "?" + query
}
