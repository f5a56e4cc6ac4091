package vnpay

// The JSON APIs (POST {api}/merchant_webapi/api/transaction): the transaction query (querydr)
// and the refund. Each request and response is signed over its fields joined with '|' in the
// order below, which is the order VNPAY's documentation gives.

// API response codes (vnp_ResponseCode of querydr and refund).
const (
	APIOK            = "00" // the request was handled
	APINotFound      = "91" // no such transaction
	APIDuplicate     = "94" // a request with this vnp_RequestId was already sent
	APIInvalidSign   = "97" // invalid signature
	APIOther         = "99" // any other error
	APIRefundRefused = "95" // the transaction cannot be refunded (not paid, or refunded already)
)

// Refund transaction types.
const (
	RefundFull    = "02"
	RefundPartial = "03"
)

// QueryRequest is a querydr request.
type QueryRequest struct {
	RequestID       string `json:"vnp_RequestId"`
	Version         string `json:"vnp_Version"`
	Command         string `json:"vnp_Command"`
	TmnCode         string `json:"vnp_TmnCode"`
	TxnRef          string `json:"vnp_TxnRef"`
	OrderInfo       string `json:"vnp_OrderInfo"`
	TransactionNo   string `json:"vnp_TransactionNo,omitempty"`
	TransactionDate string `json:"vnp_TransactionDate"` // the payment's vnp_CreateDate
	CreateDate      string `json:"vnp_CreateDate"`      // when this request was made
	IPAddr          string `json:"vnp_IpAddr"`
	SecureHash      string `json:"vnp_SecureHash"`
}

func (r QueryRequest) fields() []string {
	return []string{r.RequestID, r.Version, r.Command, r.TmnCode, r.TxnRef, r.TransactionDate, r.CreateDate, r.IPAddr, r.OrderInfo}
}

// Sign sets the request's signature.
func (r *QueryRequest) Sign(secret string) { r.SecureHash = SignFields(secret, r.fields()...) }

// Verify checks the request's signature.
func (r QueryRequest) Verify(secret string) bool {
	return VerifyFields(secret, r.SecureHash, r.fields()...)
}

// QueryResponse is a querydr answer.
type QueryResponse struct {
	ResponseID        string `json:"vnp_ResponseId"`
	Command           string `json:"vnp_Command"`
	ResponseCode      string `json:"vnp_ResponseCode"`
	Message           string `json:"vnp_Message"`
	TmnCode           string `json:"vnp_TmnCode"`
	TxnRef            string `json:"vnp_TxnRef"`
	Amount            string `json:"vnp_Amount"`
	OrderInfo         string `json:"vnp_OrderInfo"`
	BankCode          string `json:"vnp_BankCode"`
	PayDate           string `json:"vnp_PayDate"`
	TransactionNo     string `json:"vnp_TransactionNo"`
	TransactionType   string `json:"vnp_TransactionType"`
	TransactionStatus string `json:"vnp_TransactionStatus"`
	PromotionCode     string `json:"vnp_PromotionCode"`
	PromotionAmount   string `json:"vnp_PromotionAmount"`
	SecureHash        string `json:"vnp_SecureHash"`
}

func (r QueryResponse) fields() []string {
	return []string{r.ResponseID, r.Command, r.ResponseCode, r.Message, r.TmnCode, r.TxnRef, r.Amount, r.BankCode,
		r.PayDate, r.TransactionNo, r.TransactionType, r.TransactionStatus, r.OrderInfo, r.PromotionCode, r.PromotionAmount}
}

// Sign sets the response's signature.
func (r *QueryResponse) Sign(secret string) { r.SecureHash = SignFields(secret, r.fields()...) }

// Verify checks the response's signature.
func (r QueryResponse) Verify(secret string) bool {
	return VerifyFields(secret, r.SecureHash, r.fields()...)
}

// RefundRequest is a refund request.
type RefundRequest struct {
	RequestID       string `json:"vnp_RequestId"`
	Version         string `json:"vnp_Version"`
	Command         string `json:"vnp_Command"`
	TmnCode         string `json:"vnp_TmnCode"`
	TransactionType string `json:"vnp_TransactionType"` // RefundFull or RefundPartial
	TxnRef          string `json:"vnp_TxnRef"`
	Amount          string `json:"vnp_Amount"` // đồng × 100
	OrderInfo       string `json:"vnp_OrderInfo"`
	TransactionNo   string `json:"vnp_TransactionNo,omitempty"`
	TransactionDate string `json:"vnp_TransactionDate"`
	CreateBy        string `json:"vnp_CreateBy"`
	CreateDate      string `json:"vnp_CreateDate"`
	IPAddr          string `json:"vnp_IpAddr"`
	SecureHash      string `json:"vnp_SecureHash"`
}

func (r RefundRequest) fields() []string {
	return []string{r.RequestID, r.Version, r.Command, r.TmnCode, r.TransactionType, r.TxnRef, r.Amount, r.TransactionNo,
		r.TransactionDate, r.CreateBy, r.CreateDate, r.IPAddr, r.OrderInfo}
}

// Sign sets the request's signature.
func (r *RefundRequest) Sign(secret string) { r.SecureHash = SignFields(secret, r.fields()...) }

// Verify checks the request's signature.
func (r RefundRequest) Verify(secret string) bool {
	return VerifyFields(secret, r.SecureHash, r.fields()...)
}

// RefundResponse is a refund answer.
type RefundResponse struct {
	ResponseID        string `json:"vnp_ResponseId"`
	Command           string `json:"vnp_Command"`
	ResponseCode      string `json:"vnp_ResponseCode"`
	Message           string `json:"vnp_Message"`
	TmnCode           string `json:"vnp_TmnCode"`
	TxnRef            string `json:"vnp_TxnRef"`
	Amount            string `json:"vnp_Amount"`
	OrderInfo         string `json:"vnp_OrderInfo"`
	BankCode          string `json:"vnp_BankCode"`
	PayDate           string `json:"vnp_PayDate"`
	TransactionNo     string `json:"vnp_TransactionNo"`
	TransactionType   string `json:"vnp_TransactionType"`
	TransactionStatus string `json:"vnp_TransactionStatus"`
	SecureHash        string `json:"vnp_SecureHash"`
}

func (r RefundResponse) fields() []string {
	return []string{r.ResponseID, r.Command, r.ResponseCode, r.Message, r.TmnCode, r.TxnRef, r.Amount, r.BankCode,
		r.PayDate, r.TransactionNo, r.TransactionType, r.TransactionStatus, r.OrderInfo}
}

// Sign sets the response's signature.
func (r *RefundResponse) Sign(secret string) { r.SecureHash = SignFields(secret, r.fields()...) }

// Verify checks the response's signature.
func (r RefundResponse) Verify(secret string) bool {
	return VerifyFields(secret, r.SecureHash, r.fields()...)
}
