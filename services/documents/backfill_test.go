package documents_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/results"
)

// TestBackfill: a result issued before the store existed (issued without its holders) is
// recorded for the applicant and the subject, with the agency as issuer; a second run, and a
// result recorded as it was issued, add nothing.
func TestBackfill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	old, recorded := fx.birthCase(t), fx.birthCase(t)
	require.NoError(t, pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		_, err := fx.res.IssueTx(ctx, tx, results.Issue{CaseID: old.ID, CaseCode: old.Code, AgencyCode: old.AgencyCode,
			AgencyName: "Ủy ban nhân dân phường Hoàn Kiếm", ProcedureCode: old.ProcedureCode, ProcedureName: "Đăng ký khai sinh",
			Body: results.Body{Name: "Giấy khai sinh", Title: "GIẤY KHAI SINH", Signer: []string{"NGƯỜI KÝ"},
				Lines: []results.Line{{Label: "Họ, chữ đệm, tên", Text: "NGUYỄN NGỌC ÁNH"}}},
			VerifyURL: "https://motlan.gov.vn/xac-thuc"})
		return err
	}))
	require.NoError(t, fx.issue(t, recorded, false))
	before, err := fx.docs.List(ctx, anPID)
	require.NoError(t, err)
	require.Len(t, before, 1, "only the result issued with the store")

	n, err := fx.docs.Backfill(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	mine, err := fx.docs.List(ctx, anPID)
	require.NoError(t, err)
	require.Len(t, mine, 2)
	var d documents.Document
	for _, m := range mine {
		if m.CaseCode == old.Code {
			d = m
		}
	}
	require.Equal(t, old.Code+"-KQ1", d.Number)
	require.Equal(t, documents.Type("birth_certificate"), d.Type)
	require.Equal(t, "Giấy khai sinh", d.Title)
	require.Equal(t, documents.RoleApplicant, d.Role)
	require.True(t, d.Provenance.Verified())
	require.NotEmpty(t, d.IssuerName)
	_, _, body, err := fx.docs.Content(ctx, anPID, d.ID)
	require.NoError(t, err)
	require.Equal(t, "%PDF", string(body[:4]))
	child, err := fx.docs.List(ctx, childPID)
	require.NoError(t, err)
	require.Len(t, child, 2, "the subject holds the backfilled result too")

	var item, order int64
	require.NoError(t, fx.pool.QueryRow(ctx, `INSERT INTO payment_items (case_id, case_code, agency_code, citizen_id, seq, kind,
		name_vi, name_en, recipient_vi, recipient_en, amount_vnd, source, requested_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 1, 'le_phi', 'Lệ phí', 'Fee', 'UBND phường Hoàn Kiếm', 'UBND', 8000, 'officer', '101', now(), now())
		RETURNING id`, old.ID, old.Code, agency, fx.an).Scan(&item))
	require.NoError(t, fx.pool.QueryRow(ctx, `INSERT INTO payment_orders (item_id, txn_ref, amount_vnd, state, create_date, expire_at,
		client_ip, locale, order_info, transaction_no, paid_at, confirmed_by, updated_at)
		VALUES ($1, 'T1', 8000, 'paid', now(), now() + interval '15 minutes', '127.0.0.1', 'vn', 'Le phi', '123', now(), 'ipn', now())
		RETURNING id`, item).Scan(&order))
	_, err = fx.pool.Exec(ctx, `UPDATE payment_items SET state = 'paid', paid_order_id = $2, paid_at = now() WHERE id = $1`, item, order)
	require.NoError(t, err)
	n, err = fx.docs.Backfill(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the fee paid before the store: its e-receipt")
	receipts, err := fx.docs.ListByType(ctx, anPID, documents.TypeEReceipt)
	require.NoError(t, err)
	require.Len(t, receipts, 1)
	require.Equal(t, "Biên lai thu phí, lệ phí: Lệ phí", receipts[0].Title)
	require.Equal(t, documents.RolePayer, receipts[0].Role)
	require.Equal(t, "UBND phường Hoàn Kiếm", receipts[0].IssuerName)

	n, err = fx.docs.Backfill(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "a second run finds nothing to record")
	again, err := fx.docs.List(ctx, anPID)
	require.NoError(t, err)
	require.Len(t, again, 3)
}
