// Package vnpay is the VNPAY merchant protocol, version 2.1.0, as VNPAY publishes it for
// merchants: the signed payment redirect, the signed browser return and server-to-server IPN,
// the merchant's IPN answer codes, and the transaction query (querydr) and refund APIs. Both
// sides use it: the portal as merchant (services/payment) and the gateway simulator
// (sim/payment), so that pointing the portal at VNPAY's sandbox is a change of configuration.
//
// Signatures are HMAC-SHA512 with the merchant's hash secret, in lowercase hex. The redirect,
// the return and the IPN sign the vnp_* parameters sorted by name and joined as a query string
// with form encoding (space as '+'), vnp_SecureHash and vnp_SecureHashType left out. The JSON
// APIs sign their fields joined with '|' in the order the API defines.
package vnpay

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Version is the protocol version this package speaks.
const Version = "2.1.0"

// Commands.
const (
	CommandPay     = "pay"
	CommandQueryDR = "querydr"
	CommandRefund  = "refund"
)

// Parameter names of the redirect, the return and the IPN.
const (
	ParamVersion           = "vnp_Version"
	ParamCommand           = "vnp_Command"
	ParamTmnCode           = "vnp_TmnCode"
	ParamAmount            = "vnp_Amount"
	ParamBankCode          = "vnp_BankCode"
	ParamBankTranNo        = "vnp_BankTranNo"
	ParamCardType          = "vnp_CardType"
	ParamCreateDate        = "vnp_CreateDate"
	ParamCurrCode          = "vnp_CurrCode"
	ParamIPAddr            = "vnp_IpAddr"
	ParamLocale            = "vnp_Locale"
	ParamOrderInfo         = "vnp_OrderInfo"
	ParamOrderType         = "vnp_OrderType"
	ParamReturnURL         = "vnp_ReturnUrl"
	ParamExpireDate        = "vnp_ExpireDate"
	ParamTxnRef            = "vnp_TxnRef"
	ParamPayDate           = "vnp_PayDate"
	ParamTransactionNo     = "vnp_TransactionNo"
	ParamResponseCode      = "vnp_ResponseCode"
	ParamTransactionStatus = "vnp_TransactionStatus"
	ParamSecureHash        = "vnp_SecureHash"
	ParamSecureHashType    = "vnp_SecureHashType"
)

// Response codes of a payment (vnp_ResponseCode of the return and the IPN).
const (
	RespSuccess      = "00" // paid
	RespSuspicious   = "07" // debited, flagged as suspicious
	RespExpired      = "11" // the payment window expired
	RespInsufficient = "51" // not enough money in the account
	RespCancelled    = "24" // the customer cancelled
	RespOther        = "99" // any other error
)

// Transaction statuses (vnp_TransactionStatus of the return, the IPN and querydr).
const (
	TxnSuccess  = "00" // the transaction succeeded
	TxnPending  = "01" // not finished yet
	TxnError    = "02" // failed
	TxnRefund   = "05" // refund being processed
	TxnRefunded = "06" // refund sent to the bank
)

// The merchant's answers to an IPN (RspCode).
const (
	IPNConfirmed        = "00" // Confirm Success
	IPNOrderNotFound    = "01" // Order not found
	IPNAlreadyConfirmed = "02" // Order already confirmed
	IPNInvalidAmount    = "04" // Invalid amount
	IPNInvalidSignature = "97" // Invalid signature
	IPNOther            = "99" // Unknown error
)

// IPNAnswer is the JSON a merchant answers an IPN with.
type IPNAnswer struct {
	RspCode string `json:"RspCode"`
	Message string `json:"Message"`
}

// IPNMessages are the messages VNPAY's documentation pairs with each answer code.
var IPNMessages = map[string]string{
	IPNConfirmed:        "Confirm Success",
	IPNOrderNotFound:    "Order not found",
	IPNAlreadyConfirmed: "Order already confirmed",
	IPNInvalidAmount:    "Invalid amount",
	IPNInvalidSignature: "Invalid signature",
	IPNOther:            "Unknown error",
}

// Answer is the IPN answer for code, with its documented message.
func Answer(code string) IPNAnswer { return IPNAnswer{RspCode: code, Message: IPNMessages[code]} }

// Vietnam is the gateway's time zone: every vnp_*Date is Vietnam time (GMT+7).
var Vietnam = time.FixedZone("ICT", 7*3600)

// dateLayout is yyyyMMddHHmmss.
const dateLayout = "20060102150405"

// FormatDate writes t as the protocol's yyyyMMddHHmmss in Vietnam time.
func FormatDate(t time.Time) string { return t.In(Vietnam).Format(dateLayout) }

// ParseDate reads a yyyyMMddHHmmss Vietnam time.
func ParseDate(s string) (time.Time, error) { return time.ParseInLocation(dateLayout, s, Vietnam) }

// FormatAmount writes an amount in đồng as the protocol's integer (đồng × 100).
func FormatAmount(vnd int64) string { return strconv.FormatInt(vnd*100, 10) }

// ErrAmount is an amount that is not a whole number of đồng × 100.
var ErrAmount = errors.New("vnpay: invalid amount")

// ParseAmount reads the protocol's amount back in đồng.
func ParseAmount(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n%100 != 0 {
		return 0, ErrAmount
	}
	return n / 100, nil
}

// Sign is the HMAC-SHA512 of data with secret, in lowercase hex.
func Sign(secret, data string) string {
	m := hmac.New(sha512.New, []byte(secret))
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

// HashData is the signed text of a redirect, a return or an IPN: its vnp_* parameters with a
// value, sorted by name, form-encoded and joined with '&'; the hash itself left out.
func HashData(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if !strings.HasPrefix(k, "vnp_") || k == ParamSecureHash || k == ParamSecureHashType || params.Get(k) == "" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(params.Get(k)))
	}
	return b.String()
}

// SignParams returns the encoded query of params with their vnp_SecureHash appended.
func SignParams(secret string, params url.Values) string {
	data := HashData(params)
	return data + "&" + ParamSecureHash + "=" + Sign(secret, data)
}

// Verify reports whether params carry a valid vnp_SecureHash for secret. The comparison takes
// the same time whatever the hash, and is case-insensitive as hex is.
func Verify(secret string, params url.Values) bool {
	got, err := hex.DecodeString(strings.ToLower(params.Get(ParamSecureHash)))
	if err != nil || len(got) == 0 {
		return false
	}
	want, _ := hex.DecodeString(Sign(secret, HashData(params)))
	return hmac.Equal(got, want)
}

// SignFields is the signature of a JSON API message: its fields joined with '|' in the order
// the API defines.
func SignFields(secret string, fields ...string) string {
	return Sign(secret, strings.Join(fields, "|"))
}

// VerifyFields reports whether hash is the signature of fields.
func VerifyFields(secret, hash string, fields ...string) bool {
	got, err := hex.DecodeString(strings.ToLower(hash))
	if err != nil || len(got) == 0 {
		return false
	}
	want, _ := hex.DecodeString(SignFields(secret, fields...))
	return hmac.Equal(got, want)
}

// Paths of the gateway, under its base URL (sandbox: https://sandbox.vnpayment.vn).
const (
	PayPath = "/paymentv2/vpcpay.html"           // the payer's page the redirect opens
	APIPath = "/merchant_webapi/api/transaction" // querydr and refund
)
