-- Refunds of paid orders whose money was not needed.

-- name: RefundFlag :execrows
INSERT INTO payment_refunds (order_id, amount_vnd, reason, created_at, updated_at)
VALUES (@order_id, @amount_vnd, @reason, @at, @at)
ON CONFLICT (order_id) DO NOTHING;

-- name: RefundsDue :many
SELECT r.order_id FROM payment_refunds r WHERE r.state = 'due' ORDER BY r.created_at, r.order_id LIMIT $1;

-- name: RefundForUpdate :one
SELECT r.*, o.txn_ref, o.transaction_no, o.create_date, o.paid_at, o.item_id, i.case_id, i.case_code
FROM payment_refunds r
JOIN payment_orders o ON o.id = r.order_id
JOIN payment_items i ON i.id = o.item_id
WHERE r.order_id = $1
FOR UPDATE OF r SKIP LOCKED;

-- name: RefundRequested :exec
UPDATE payment_refunds SET state = 'requested', response_code = @response_code, attempts = attempts + 1,
    requested_at = @at, updated_at = @at
WHERE order_id = @order_id;

-- name: RefundRefused :one
-- One more refusal; the refund fails for good after max_attempts.
UPDATE payment_refunds SET attempts = attempts + 1, response_code = @response_code, updated_at = @at,
    state = CASE WHEN attempts + 1 >= @max_attempts::int THEN 'failed' ELSE 'due' END
WHERE order_id = @order_id
RETURNING state, attempts;
