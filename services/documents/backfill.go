package documents

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/documents/internal/documentdb"
	"github.com/motlan/portal/services/ereceipt"
)

// backfillBatch is how many results one transaction of Backfill records.
const backfillBatch = 500

// Backfill records in the store the results issued and the fees paid before it existed
// (migration 00034), which no holder has yet. A result is recorded as RecordIssuedTx records one
// being issued — the applicant and every subject with a personal ID hold it — with the agency's
// name as its issuer and its type's name as its title (the result's own heading was not kept
// apart from its PDF); a paid item's e-receipt as RecordReceiptTx records it, for the applicant.
// It is run by `portal seed` (so by `make run` and every deploy), and is idempotent: what some
// holder has is skipped, and recording it again changes nothing. It returns how many results
// and e-receipts it recorded.
//
// It reads results, payment_items, cases and agencies, which services/cases, services/payment
// and services/catalogue own: a one-off read of what those tables held before this one existed,
// joined against held_documents (queries/backfill.sql).
func (s *Service) Backfill(ctx context.Context) (int, error) {
	recorded, after := 0, ""
	for {
		n, last, err := s.backfillFrom(ctx, after)
		if err != nil {
			return recorded, err
		}
		recorded += n
		if last == "" {
			break
		}
		after = last
	}
	receipts, err := s.backfillReceipts(ctx)
	return recorded + receipts, err
}

// backfillReceipts records the e-receipts of items paid before the store existed.
func (s *Service) backfillReceipts(ctx context.Context) (int, error) {
	recorded := 0
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := documentdb.New(tx).BackfillReceipts(ctx)
		if err != nil {
			return err
		}
		batch := make([]Receipt, 0, len(rows))
		for _, p := range rows {
			r := Receipt{ItemID: p.ID, CitizenID: p.CitizenID, PayerPersonalID: p.ApplicantPid, CaseCode: p.CaseCode,
				IssuerCode: p.AgencyCode, IssuerName: p.RecipientVi, PaidAt: p.PaidAt}
			// As services/payment names them (payment.holdReceipt).
			r.Number, r.Title = ereceipt.FormatNumber(r.ItemID), "Biên lai thu phí, lệ phí: "+p.NameVi
			batch = append(batch, r)
		}
		for _, r := range batch {
			if err := s.RecordReceiptTx(ctx, tx, r); err != nil {
				return err
			}
			recorded++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("documents: backfill receipts: %w", err)
	}
	return recorded, nil
}

// backfillFrom records the next batch of results held by nobody, by code after after; last is
// the batch's last code ("" when there was none).
func (s *Service) backfillFrom(ctx context.Context, after string) (recorded int, last string, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := documentdb.New(tx).BackfillResults(ctx, after, backfillBatch)
		if err != nil {
			return err
		}
		batch := make([]Issued, 0, len(rows))
		for _, r := range rows {
			in := Issued{ResultCode: r.Code, IssuedAt: r.IssuedAt, IssuerCode: r.AgencyCode, IssuerName: r.AgencyName}
			in.Case.ID, in.Case.Code, in.Case.ProcedureCode = r.CaseID, r.CaseCode, r.ProcedureCode
			in.Case.ApplicantPID, in.Case.CitizenID = r.ApplicantPid, r.CitizenID
			if err := json.Unmarshal(r.Parties, &in.Case.Parties); err != nil {
				return fmt.Errorf("parties of %s: %w", in.Case.Code, err)
			}
			batch = append(batch, in)
		}
		for _, in := range batch {
			if err := s.RecordIssuedTx(ctx, tx, in); err != nil {
				return err
			}
			recorded++
			last = in.ResultCode
		}
		return nil
	})
	if err != nil {
		return 0, "", fmt.Errorf("documents: backfill: %w", err)
	}
	return recorded, last, nil
}
