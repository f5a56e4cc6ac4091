package vnpay_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
)

// The expected hashes were computed outside Go, with
// printf '%s' "<data>" | openssl dgst -sha512 -hmac SECRET.
func TestSignParams(t *testing.T) {
	t.Parallel()
	p := url.Values{}
	p.Set("vnp_Version", "2.1.0")
	p.Set("vnp_TxnRef", "ML1")
	p.Set("vnp_Command", "pay")
	p.Set("vnp_Amount", vnpay.FormatAmount(10000))
	p.Set("vnp_TmnCode", "MOTLAN01")
	p.Set("vnp_OrderInfo", "Nop le phi G01.001")
	p.Set("vnp_BankCode", "")          // empty: left out of the hash
	p.Set("other", "not a vnp_ field") // not signed
	const data = "vnp_Amount=1000000&vnp_Command=pay&vnp_OrderInfo=Nop+le+phi+G01.001&vnp_TmnCode=MOTLAN01&vnp_TxnRef=ML1&vnp_Version=2.1.0"
	require.Equal(t, data, vnpay.HashData(p))
	const want = "00a64a87eea99e0f6d0fd7e2c9a16c1303bd9f5e1a7b134e6fc26cac1223a7317a1d64870bcb30ee583f358462403ec7260875a11218b6165176eacad0c3d1a4"
	require.Equal(t, data+"&vnp_SecureHash="+want, vnpay.SignParams("SECRET", p))

	p.Set(vnpay.ParamSecureHash, want)
	p.Set(vnpay.ParamSecureHashType, "HmacSHA512")
	require.True(t, vnpay.Verify("SECRET", p))
	p.Set(vnpay.ParamSecureHash, "00A64A87EEA99E0F6D0FD7E2C9A16C1303BD9F5E1A7B134E6FC26CAC1223A7317A1D64870BCB30EE583F358462403EC7260875A11218B6165176EACAD0C3D1A4")
	require.True(t, vnpay.Verify("SECRET", p), "hex is case-insensitive")
	require.False(t, vnpay.Verify("other secret", p))
	p.Set("vnp_Amount", vnpay.FormatAmount(10001))
	require.False(t, vnpay.Verify("SECRET", p), "a changed amount breaks the signature")
	p.Del(vnpay.ParamSecureHash)
	require.False(t, vnpay.Verify("SECRET", p), "no signature")
}

func TestSignFields(t *testing.T) {
	t.Parallel()
	const want = "70b0aadcd715da35aedaa7e3fb5295238fe611c1a52efc051d96d9e4e2d47d11a9cf93f23dd56b3e83b12bb142046f862461f63da0568a9b8220f9edf86a4332"
	require.Equal(t, want, vnpay.SignFields("SECRET", "a", "b", "", "c"))
	require.True(t, vnpay.VerifyFields("SECRET", want, "a", "b", "", "c"))
	require.False(t, vnpay.VerifyFields("SECRET", want, "a", "b", "c", ""))

	q := vnpay.QueryRequest{RequestID: "r1", Version: vnpay.Version, Command: vnpay.CommandQueryDR, TmnCode: "M", TxnRef: "ML1",
		TransactionDate: "20261203101500", CreateDate: "20261203111500", IPAddr: "127.0.0.1", OrderInfo: "q"}
	q.Sign("SECRET")
	require.True(t, q.Verify("SECRET"))
	q.TxnRef = "ML2"
	require.False(t, q.Verify("SECRET"))
}

func TestAmountAndDate(t *testing.T) {
	t.Parallel()
	require.Equal(t, "5000000", vnpay.FormatAmount(50000))
	n, err := vnpay.ParseAmount("5000000")
	require.NoError(t, err)
	require.EqualValues(t, 50000, n)
	for _, bad := range []string{"", "abc", "-100", "5000050"} {
		_, err := vnpay.ParseAmount(bad)
		require.ErrorIs(t, err, vnpay.ErrAmount, bad)
	}
	at := time.Date(2026, 12, 3, 8, 15, 0, 0, time.UTC)
	require.Equal(t, "20261203151500", vnpay.FormatDate(at))
	back, err := vnpay.ParseDate("20261203151500")
	require.NoError(t, err)
	require.True(t, back.Equal(at))
	require.Equal(t, vnpay.IPNAnswer{RspCode: "02", Message: "Order already confirmed"}, vnpay.Answer(vnpay.IPNAlreadyConfirmed))
}
