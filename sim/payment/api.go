package payment

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/motlan/portal/services/vnpay"
)

// The JSON API's answer codes that services/vnpay does not name, as VNPAY documents them.
const (
	apiMerchantInvalid = "02" // querydr: unknown vnp_TmnCode
	apiBadFormat       = "03" // a field is missing or malformed
	apiOverRefund      = "02" // refund: more than what is left of the payment
	apiFullAfterPart   = "04" // refund: a full refund after a partial one
	apiRefundAmount    = "93" // refund: a full refund of another amount than the payment's
)

// apiTransactionType of a payment in querydr's answer.
const apiTransactionType = "01"

// api serves querydr and refund. Every answer is 200 with a JSON body, signed with the
// merchant's secret when the merchant is known.
func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 16<<10))
	var head struct {
		Command string `json:"vnp_Command"`
	}
	if err == nil {
		err = json.Unmarshal(body, &head)
	}
	switch {
	case err != nil:
		writeAPI(w, vnpay.QueryResponse{ResponseCode: apiBadFormat, Message: "Invalid data format"})
	case head.Command == vnpay.CommandQueryDR:
		var req vnpay.QueryRequest
		if err := json.Unmarshal(body, &req); err != nil {
			writeAPI(w, vnpay.QueryResponse{Command: head.Command, ResponseCode: apiBadFormat, Message: "Invalid data format"})
			return
		}
		writeAPI(w, s.queryDR(req))
	case head.Command == vnpay.CommandRefund:
		var req vnpay.RefundRequest
		if err := json.Unmarshal(body, &req); err != nil {
			writeAPI(w, vnpay.RefundResponse{Command: head.Command, ResponseCode: apiBadFormat, Message: "Invalid data format"})
			return
		}
		writeAPI(w, s.refund(req))
	default:
		writeAPI(w, vnpay.QueryResponse{Command: head.Command, ResponseCode: apiBadFormat, Message: "Unknown vnp_Command"})
	}
}

// checkRequest does the checks querydr and refund share: the merchant, the signature, the
// version and the request ID, which may be used once. It returns the merchant's secret, or the
// code and message to answer with (an unknown merchant's answer is not signed: secret "").
func (s *Server) checkRequest(tmn, version, requestID string, verify func(secret string) bool, unknownMerchant string) (secret, code, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.merchants[tmn]
	if !ok {
		return "", unknownMerchant, "Merchant invalid"
	}
	if !verify(m.Secret) {
		return m.Secret, vnpay.APIInvalidSign, "Invalid signature"
	}
	if version != vnpay.Version || requestID == "" || len(requestID) > 32 || !validRef(requestID) {
		return m.Secret, apiBadFormat, "Invalid data format"
	}
	if s.requests[tmn+"|"+requestID] {
		return m.Secret, vnpay.APIDuplicate, "Duplicate request"
	}
	s.requests[tmn+"|"+requestID] = true
	return m.Secret, "", ""
}

// findTxn finds the transaction a request names by reference and vnp_TransactionDate (the
// payment's vnp_CreateDate), as the gateway does; s.mu is held.
func (s *Server) findTxn(tmn, ref, transactionDate string) *txn {
	t, ok := s.txns[txnKey{tmn, ref}]
	if !ok || vnpay.FormatDate(t.createDate) != transactionDate {
		return nil
	}
	return t
}

func (s *Server) queryDR(req vnpay.QueryRequest) vnpay.QueryResponse {
	resp := vnpay.QueryResponse{ResponseID: newToken(), Command: vnpay.CommandQueryDR, TmnCode: req.TmnCode, TxnRef: req.TxnRef}
	secret, code, msg := s.checkRequest(req.TmnCode, req.Version, req.RequestID, req.Verify, apiMerchantInvalid)
	if code != "" {
		resp.ResponseCode, resp.Message = code, msg
		return signedQuery(secret, resp)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.findTxn(req.TmnCode, req.TxnRef, req.TransactionDate)
	if t == nil {
		resp.ResponseCode, resp.Message = vnpay.APINotFound, "Transaction not found"
		return signedQuery(secret, resp)
	}
	resp.ResponseCode, resp.Message = vnpay.APIOK, "QueryDR Success"
	resp.Amount = vnpay.FormatAmount(t.amount)
	resp.OrderInfo = t.orderInfo
	resp.TransactionType = apiTransactionType
	resp.TransactionStatus = t.status
	if !t.pending() {
		resp.BankCode = BankCode
		resp.PayDate = vnpay.FormatDate(t.payDate)
		resp.TransactionNo = t.transactionNo
	}
	return signedQuery(secret, resp)
}

func signedQuery(secret string, r vnpay.QueryResponse) vnpay.QueryResponse {
	if secret != "" {
		r.Sign(secret)
	}
	return r
}

func (s *Server) refund(req vnpay.RefundRequest) vnpay.RefundResponse {
	resp := vnpay.RefundResponse{ResponseID: newToken(), Command: vnpay.CommandRefund, TmnCode: req.TmnCode,
		TxnRef: req.TxnRef, TransactionType: req.TransactionType}
	answer := func(secret, code, msg string) vnpay.RefundResponse {
		resp.ResponseCode, resp.Message = code, msg
		if secret != "" {
			resp.Sign(secret)
		}
		return resp
	}
	secret, code, msg := s.checkRequest(req.TmnCode, req.Version, req.RequestID, req.Verify, vnpay.APIOther)
	if code != "" {
		return answer(secret, code, msg)
	}
	amount, err := vnpay.ParseAmount(req.Amount)
	if err != nil || (req.TransactionType != vnpay.RefundFull && req.TransactionType != vnpay.RefundPartial) {
		return answer(secret, apiBadFormat, "Invalid data format")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.findTxn(req.TmnCode, req.TxnRef, req.TransactionDate)
	if t == nil || (req.TransactionNo != "" && req.TransactionNo != t.transactionNo) {
		return answer(secret, vnpay.APINotFound, "Transaction not found")
	}
	if t.responseCode != vnpay.RespSuccess {
		return answer(secret, vnpay.APIRefundRefused, "The transaction was not paid: nothing to refund")
	}
	switch {
	case amount <= 0:
		return answer(secret, apiRefundAmount, "Invalid refund amount")
	case req.TransactionType == vnpay.RefundFull && t.refunded > 0:
		return answer(secret, apiFullAfterPart, "A full refund is not allowed after a partial refund")
	case req.TransactionType == vnpay.RefundFull && amount != t.amount:
		return answer(secret, apiRefundAmount, "A full refund must be of the amount paid")
	case amount > t.amount-t.refunded:
		return answer(secret, apiOverRefund, "The refunds would exceed the amount paid")
	}
	now := s.now()
	t.refunded += amount
	t.status = vnpay.TxnRefund
	t.refunds = append(t.refunds, Refund{RequestID: req.RequestID, Type: req.TransactionType, AmountVND: amount, CreateBy: req.CreateBy, At: now})
	s.log.Info("payment-sim: refund", "tmn", req.TmnCode, "txn_ref", req.TxnRef, "amount_vnd", amount, "refunded_vnd", t.refunded)
	resp.Amount = req.Amount
	resp.OrderInfo = req.OrderInfo
	resp.BankCode = BankCode
	resp.PayDate = vnpay.FormatDate(now)
	resp.TransactionNo = t.transactionNo
	resp.TransactionStatus = vnpay.TxnRefund
	return answer(secret, vnpay.APIOK, "Refund Success")
}

func writeAPI(w http.ResponseWriter, v any) { writeJSONStatus(w, http.StatusOK, v) }
