package payment_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/ereceipt"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signing"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestReceipt: a paid item's e-receipt names the payer, the case, the procedure, the charge,
// the amount and the gateway's transaction; its owner and the staff of its agency get it,
// nobody else, and an unpaid item has none.
func TestReceipt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	id, items := e.awaiting(t, fee("Lệ phí đăng ký cư trú", 50000), fee("Phí", 5000))
	ref := e.pay(t, items[0].ID)
	e.clock.Add(2 * time.Minute)
	e.complete(t, ref, paymentsim.OutcomeSuccess)
	txn := e.gatewayTxn(t, ref)
	c := e.caseOf(t, id)

	r, err := e.svc.Receipt(ctx, e.owner, "", items[0].ID)
	require.NoError(t, err)
	paid := e.item(t, id, items[0].ID)
	require.Equal(t, ereceipt.Receipt{
		Number: ereceipt.FormatNumber(items[0].ID), Template: ereceipt.PortalTemplate, Series: "ML-26E",
		IssuedAt: *paid.PaidAt, Collector: "Công an phường Hoàn Kiếm", PayerName: c.ApplicantName, PayerPersonalID: c.ApplicantPID,
		CaseCode: c.Code, ProcedureName: "Đăng ký thường trú", ItemName: "Lệ phí đăng ký cư trú", ItemKind: "Lệ phí",
		AmountVND: 50000, PaymentMethod: ereceipt.MethodVNPAY, TxnRef: ref, TransactionNo: txn.TransactionNo,
		BankCode: paymentsim.BankCode, PaidAt: r.PaidAt,
	}, r)
	require.True(t, r.PaidAt.Equal(txn.PayDate), "the gateway's pay date")

	staff, err := e.svc.Receipt(ctx, 0, police, items[0].ID)
	require.NoError(t, err)
	require.Equal(t, r, staff)
	for name, who := range map[string]struct {
		citizen int64
		agency  string
	}{"Stranger": {e.stranger, ""}, "OtherAgency": {0, police2}, "Nobody": {0, ""}, "CitizenWithAgency": {e.stranger, police}} {
		_, err := e.svc.ReceiptPDF(ctx, who.citizen, who.agency, items[0].ID)
		requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)
		_ = name
	}
	_, err = e.svc.ReceiptPDF(ctx, e.owner, "", items[1].ID)
	requireFault(t, err, fault.ENOTFOUND, payment.MsgNotFound)

	_, err = e.svc.ReceiptPDF(ctx, e.owner, "", items[0].ID)
	requireFault(t, err, fault.EUNAVAILABLE, payment.MsgReceiptUnavailable) // setup gives no renderer

	renderer, err := ereceipt.NewRenderer("")
	require.NoError(t, err)
	svc := payment.New(e.pool, payment.Deps{Cases: e.cases, Casework: e.work, Procedures: nil, Receipts: renderer},
		payment.Config{Now: e.clock.Now})
	_, err = svc.ReceiptPDF(ctx, e.owner, "", items[0].ID)
	require.Error(t, err, "a renderer that cannot sign")

	certs := signing.NewDBCertificates()
	renderer.WithSealer(signing.NewSealer(e.pool, results.NewDBKeys(e.clock.Now), certs, e.clock.Now))
	svc = payment.New(e.pool, payment.Deps{Cases: e.cases, Casework: e.work, Procedures: nil, Receipts: renderer,
		Agencies: catalogue.New(e.pool)}, payment.Config{Now: e.clock.Now})
	pdf, err := svc.ReceiptPDF(ctx, e.owner, "", items[0].ID)
	require.NoError(t, err)
	roots, err := certs.Roots(ctx, e.pool)
	require.NoError(t, err)
	sig := signing.Check(pdf, signing.Pool(roots))
	require.True(t, sig.Valid(), "the e-receipt carries the agency's signature: %s", sig.Problem)
	require.Equal(t, signing.Agency{Code: police, Name: "Công an phường Hoàn Kiếm"}, sig.Agency)
	require.Equal(t, signing.ReasonReceipt, sig.Reason)
	text := pdfText(t, pdf)
	for _, want := range []string{"Năm mươi nghìn đồng", "50.000", txn.TransactionNo, c.Code, "Nguyễn Văn An", residence} {
		require.Contains(t, text, want)
	}
}

// pdfText is a PDF's text as poppler's pdftotext reads it, white space collapsed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
	path := filepath.Join(t.TempDir(), "receipt.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output() // #nosec G204 -- a fixed tool on the test's own file
	require.NoError(t, err, "pdftotext (poppler-utils) reads the receipt")
	return strings.Join(strings.Fields(string(out)), " ")
}
