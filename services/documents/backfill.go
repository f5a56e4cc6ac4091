package documents

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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
// It reads results, payment_items, cases and agencies, which services/results,
// services/payment, services/cases and services/catalogue own: a one-off read of what those
// tables held before this one existed.
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
		rows, err := tx.Query(ctx, `SELECT p.id, p.citizen_id, c.applicant_pid, p.case_code, p.agency_code, p.recipient_vi,
				p.name_vi, p.paid_at
			FROM payment_items p JOIN cases c ON c.id = p.case_id
			WHERE p.state = 'paid' AND p.paid_at IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM held_documents h WHERE h.provenance = 'ereceipt' AND h.payment_item_id = p.id)
			ORDER BY p.id`)
		if err != nil {
			return err
		}
		var batch []Receipt
		for rows.Next() {
			var r Receipt
			var name string
			if err := rows.Scan(&r.ItemID, &r.CitizenID, &r.PayerPersonalID, &r.CaseCode, &r.IssuerCode, &r.IssuerName,
				&name, &r.PaidAt); err != nil {
				rows.Close()
				return err
			}
			// As services/payment names them (payment.holdReceipt).
			r.Number, r.Title = ereceipt.FormatNumber(r.ItemID), "Biên lai thu phí, lệ phí: "+name
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
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
		rows, err := tx.Query(ctx, `SELECT r.code, r.issued_at, r.agency_code, coalesce(a.name_vi, ''),
				c.id, c.code, c.procedure_code, c.applicant_pid, c.citizen_id, c.parties
			FROM results r
			JOIN cases c ON c.id = r.case_id
			LEFT JOIN agencies a ON a.code = r.agency_code
			WHERE r.kind = 'result' AND r.code > $1
				AND NOT EXISTS (SELECT 1 FROM held_documents h WHERE h.provenance = 'issued' AND h.result_code = r.code)
			ORDER BY r.code
			LIMIT $2`, after, backfillBatch)
		if err != nil {
			return err
		}
		var batch []Issued
		for rows.Next() {
			var in Issued
			var parties []byte
			var issuedAt time.Time
			if err := rows.Scan(&in.ResultCode, &issuedAt, &in.IssuerCode, &in.IssuerName, &in.Case.ID, &in.Case.Code,
				&in.Case.ProcedureCode, &in.Case.ApplicantPID, &in.Case.CitizenID, &parties); err != nil {
				rows.Close()
				return err
			}
			in.IssuedAt = issuedAt
			if err := json.Unmarshal(parties, &in.Case.Parties); err != nil {
				rows.Close()
				return fmt.Errorf("parties of %s: %w", in.Case.Code, err)
			}
			batch = append(batch, in)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
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
