-- The items a case owes. seq numbers a case's items 1, 2, … in the order they are added; the
-- caller holds the case's row lock (a step of the case, or its submission), so two inserts of
-- one case do not race for a number. A schedule item already added is not added again.

-- name: ItemInsert :one
INSERT INTO payment_items (case_id, case_code, agency_code, citizen_id, seq, kind, name_vi, name_en,
    recipient_vi, recipient_en, amount_vnd, reason, source, schedule_item, requested_by, created_at, updated_at)
VALUES (@case_id, @case_code, @agency_code, @citizen_id,
    (SELECT coalesce(max(p.seq), 0) + 1 FROM payment_items p WHERE p.case_id = @case_id),
    @kind, @name_vi, @name_en, @recipient_vi, @recipient_en, @amount_vnd, @reason, @source,
    sqlc.narg('schedule_item'), @requested_by, @created_at, @created_at)
ON CONFLICT (case_id, schedule_item) WHERE schedule_item IS NOT NULL DO NOTHING
RETURNING *;

-- name: ItemByID :one
SELECT * FROM payment_items WHERE id = $1;

-- name: ItemForUpdate :one
SELECT * FROM payment_items WHERE id = $1 FOR UPDATE;

-- name: ItemsOfCase :many
-- A case's items in order, with the order that paid each and the last refund of any of its
-- orders.
SELECT i.*,
    o.txn_ref AS paid_txn_ref, o.transaction_no AS paid_transaction_no, o.bank_code AS paid_bank_code,
    o.confirmed_by AS paid_confirmed_by,
    coalesce((SELECT r.state FROM payment_refunds r JOIN payment_orders ro ON ro.id = r.order_id
      WHERE ro.item_id = i.id ORDER BY r.created_at DESC LIMIT 1), '')::text AS refund_state
FROM payment_items i
LEFT JOIN payment_orders o ON o.id = i.paid_order_id
WHERE i.case_id = $1
ORDER BY i.seq;

-- name: ItemsDue :one
-- How many of a case's items are still due, and what they come to.
SELECT count(*)::int AS n, coalesce(sum(amount_vnd), 0)::bigint AS total
FROM payment_items WHERE case_id = $1 AND state = 'due';

-- name: ItemPay :execrows
UPDATE payment_items SET state = 'paid', paid_order_id = @order_id, paid_at = @paid_at, updated_at = @at
WHERE id = @id AND state = 'due';

-- name: ItemWaive :execrows
UPDATE payment_items SET state = 'waived', waived_by = @waived_by, waived_reason = @waived_reason, updated_at = @at
WHERE id = @id AND state = 'due';

-- name: ItemCancel :execrows
UPDATE payment_items SET state = 'cancelled', updated_at = $2 WHERE id = $1 AND state = 'due';
