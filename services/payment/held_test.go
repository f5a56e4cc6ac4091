package payment_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestReceiptHeld: a paid item's e-receipt goes into its payer's "Giấy tờ của tôi" in the
// transaction that pays it, once; a failed payment puts nothing there.
func TestReceiptHeld(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	docs, err := documents.New(e.pool, documents.Deps{}, e.clock.Now)
	require.NoError(t, err)
	cat := catalogue.New(e.pool)
	e.svc = payment.New(e.pool, payment.Deps{Cases: e.cases, Casework: e.work, Fees: cat, Procedures: cat, Holdings: docs},
		payment.Config{TmnCode: tmn, HashSecret: secret, PayURL: e.gateway + vnpay.PayPath, APIURL: e.gateway + vnpay.APIPath,
			ReturnURL: returnURL, Now: e.clock.Now, Log: slog.New(slog.DiscardHandler)})
	const payer = "001088012345" // the cases' applicant (casetest's default)

	id, items := e.awaiting(t, fee("Lệ phí đăng ký cư trú", 10000), fee("Phí", 20000))
	failed := e.pay(t, items[1].ID)
	e.complete(t, failed, paymentsim.OutcomeFailure)
	held, err := docs.ListByType(ctx, payer, documents.TypeEReceipt)
	require.NoError(t, err)
	require.Empty(t, held, "nothing paid, no receipt")

	ref := e.pay(t, items[0].ID)
	e.complete(t, ref, paymentsim.OutcomeSuccess)
	held, err = docs.ListByType(ctx, payer, documents.TypeEReceipt)
	require.NoError(t, err)
	require.Len(t, held, 1)
	r := held[0]
	require.Equal(t, documents.RolePayer, r.Role)
	require.Equal(t, documents.ProvenanceEReceipt, r.Provenance)
	require.Equal(t, e.caseOf(t, id).Code, r.CaseCode)
	require.Equal(t, "Công an phường Hoàn Kiếm", r.IssuerName)
	require.Equal(t, "Biên lai thu phí, lệ phí: Lệ phí đăng ký cư trú", r.Title)
	require.Regexp(t, `^[0-9]{7}$`, r.Number)
}
