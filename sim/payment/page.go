package payment

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/motlan/portal/services/dong"
	"github.com/motlan/portal/services/vnpay"
)

// pageTemplates are the payer's page and the refusal page: plain HTML, Vietnamese, no script,
// readable at 320 px.
var pageTemplates = template.Must(template.New("layout").Parse(`{{define "layout"}}<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — Cổng thanh toán VNPAY (mô phỏng)</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;background:#f2f4f7}
header{background:#005baa;color:#fff;padding:12px 16px}
header p{margin:0;font-weight:700;font-size:18px}
header small{display:block;font-weight:400;font-size:14px}
main{max-width:560px;margin:16px auto;padding:0 12px}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:6px;padding:16px}
h1{font-size:22px;margin:0 0 12px}
dl{margin:0 0 16px}
dt{font-size:14px;color:#505a5f}
dd{margin:0 0 10px;font-weight:600;overflow-wrap:anywhere}
.amount{font-size:24px;color:#d0021b}
button{display:block;width:100%;margin:0 0 10px;padding:12px;font-size:16px;border-radius:4px;border:2px solid #005baa;background:#fff;color:#005baa;cursor:pointer}
button.primary{background:#005baa;color:#fff}
button:focus{outline:3px solid #fd0;outline-offset:0}
.note{font-size:14px;color:#505a5f}
.code{font-family:monospace;font-size:18px}
</style>
</head>
<body>
<header><p>Cổng thanh toán VNPAY — bản mô phỏng (không dùng tiền thật)</p><small>Môi trường phát triển của Một Lần: không có tiền thật nào được chuyển.</small></header>
<main>{{template "content" .}}</main>
</body>
</html>{{end}}

{{define "payer"}}{{template "layout" .}}{{end}}
{{define "refusal"}}{{template "layout" .}}{{end}}`))

var payerContent = template.Must(template.Must(pageTemplates.Clone()).Parse(`{{define "content"}}<div class="card" data-testid="sim-payer">
<h1>{{.Title}}</h1>
<dl>
<dt>Mã website (merchant)</dt><dd data-testid="sim-tmn">{{.T.TmnCode}}</dd>
<dt>Mã tham chiếu giao dịch</dt><dd data-testid="sim-txn-ref">{{.T.TxnRef}}</dd>
<dt>Nội dung thanh toán</dt><dd data-testid="sim-order-info">{{.T.OrderInfo}}</dd>
<dt>Số tiền</dt><dd class="amount" data-testid="sim-amount">{{.Amount}}</dd>
<dt>Thanh toán trước</dt><dd data-testid="sim-expire">{{.Expire}}</dd>
<dt>Ngân hàng</dt><dd>NCB — ngân hàng thử nghiệm</dd>
</dl>
<form method="post" action="{{.Action}}">
<input type="hidden" name="tmn" value="{{.T.TmnCode}}">
<input type="hidden" name="ref" value="{{.T.TxnRef}}">
<input type="hidden" name="token" value="{{.Token}}">
<button class="primary" type="submit" name="choice" value="success" data-testid="sim-pay-success">Thanh toán thành công</button>
<button type="submit" name="choice" value="failure" data-testid="sim-pay-failure">Thanh toán thất bại (không đủ số dư)</button>
<button type="submit" name="choice" value="cancel" data-testid="sim-pay-cancel">Hủy giao dịch</button>
<button type="submit" name="choice" value="later" data-testid="sim-pay-later">Thanh toán sau</button>
</form>
<p class="note">Chọn một kết quả: cổng gửi thông báo kết quả (IPN) đến hệ thống của đơn vị rồi đưa bạn trở lại trang của đơn vị.</p>
</div>{{end}}`))

var refusalContent = template.Must(template.Must(pageTemplates.Clone()).Parse(`{{define "content"}}<div class="card" data-testid="sim-error">
<h1>{{.Title}}</h1>
<p>Mã lỗi: <span class="code" data-testid="sim-error-code">{{.Code}}</span></p>
<p data-testid="sim-error-message">{{.Message}}</p>
<p class="note">Vui lòng quay lại trang của đơn vị và thực hiện lại giao dịch.</p>
</div>{{end}}`))

type payerView struct {
	Title, Amount, Expire, Action, Token string
	T                                    Transaction
}

type refusalView struct {
	Title, Code, Message string
}

func (s *Server) renderPayer(w http.ResponseWriter, t Transaction, token string) {
	v := payerView{
		Title:  "Xác nhận thanh toán",
		Amount: formatVND(t.AmountVND),
		Expire: t.ExpireDate.In(vnpay.Vietnam).Format("15:04:05 02/01/2006"),
		Action: vnpay.PayPath,
		Token:  token,
		T:      t,
	}
	formAction := "'self'"
	if u, err := url.Parse(t.ReturnURL); err == nil {
		// The choice is answered with a redirect to the merchant, which form-action also governs.
		formAction += " " + u.Scheme + "://" + u.Host
	}
	render(w, http.StatusOK, payerContent, "payer", v, formAction)
}

func (s *Server) renderRefusal(w http.ResponseWriter, r *Refusal) {
	render(w, http.StatusBadRequest, refusalContent, "refusal",
		refusalView{Title: "Giao dịch không thành công", Code: r.Code, Message: r.Message}, "'none'")
}

func render(w http.ResponseWriter, status int, t *template.Template, name string, v any, formAction string) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, v); err != nil {
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'; form-action "+formAction)
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// formatVND writes an amount as the gateway's page shows it: "50.000 VND", grouped as the
// portal groups đồng.
func formatVND(vnd int64) string { return strings.TrimSuffix(dong.Format(vnd), " đồng") + " VND" }
