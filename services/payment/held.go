package payment

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/ereceipt"
)

// Holdings keeps the e-receipt of a paid item in its payer's document store
// (*documents.Service); nil in Deps: receipts are not kept there.
type Holdings interface {
	RecordReceiptTx(ctx context.Context, tx pgx.Tx, r documents.Receipt) error
}

// holdReceipt records the e-receipt of the item just paid at paidAt in the payer's store, inside
// the transaction that pays it.
func (s *Service) holdReceipt(ctx context.Context, tx pgx.Tx, it itemRow, c cases.Case, paidAt time.Time) error {
	if s.deps.Holdings == nil {
		return nil
	}
	return s.deps.Holdings.RecordReceiptTx(ctx, tx, documents.Receipt{ItemID: it.ID, CitizenID: it.CitizenID,
		PayerPersonalID: c.ApplicantPID, CaseCode: it.CaseCode, IssuerCode: it.AgencyCode, IssuerName: it.RecipientVi,
		Number: ereceipt.FormatNumber(it.ID), Title: "Biên lai thu phí, lệ phí: " + it.NameVi, PaidAt: paidAt})
}
