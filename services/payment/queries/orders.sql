-- The gateway orders. An order's id is drawn first, so that its merchant reference (txn_ref),
-- which contains it, is written with it.

-- name: OrderNextID :one
SELECT nextval(pg_get_serial_sequence('payment_orders', 'id'))::bigint AS id;

-- name: OrderInsert :one
INSERT INTO payment_orders (id, item_id, txn_ref, amount_vnd, create_date, expire_at, client_ip, locale, order_info, updated_at)
VALUES (@id, @item_id, @txn_ref, @amount_vnd, @create_date, @expire_at, @client_ip, @locale, @order_info, @create_date)
RETURNING *;

-- name: OrderPendingOfItem :one
SELECT * FROM payment_orders WHERE item_id = $1 AND state = 'pending';

-- name: OrderByTxnRef :one
SELECT * FROM payment_orders WHERE txn_ref = $1;

-- name: OrderByTxnRefForUpdate :one
SELECT * FROM payment_orders WHERE txn_ref = $1 FOR UPDATE;

-- name: OrderForUpdate :one
SELECT * FROM payment_orders WHERE id = $1 FOR UPDATE;

-- name: OrderPaid :exec
UPDATE payment_orders SET state = 'paid', transaction_no = @transaction_no, bank_code = @bank_code,
    response_code = @response_code, paid_at = @paid_at, confirmed_by = @confirmed_by, updated_at = @at
WHERE id = @id;

-- name: OrderSettle :exec
-- Sets a state other than paid (failed, expired), with the gateway's last response code and,
-- for a failure, its transaction number and bank when it gave them.
UPDATE payment_orders SET state = @state, response_code = @response_code,
    transaction_no = coalesce(sqlc.narg('transaction_no'), transaction_no),
    bank_code = coalesce(sqlc.narg('bank_code'), bank_code), updated_at = @at
WHERE id = @id;

-- name: OrderQueried :exec
UPDATE payment_orders SET queried_at = $2 WHERE id = $1;

-- name: OrdersToReconcile :many
-- The orders to ask the gateway about: pending since before cutoff, and those that expired
-- unanswered (replaced by a new order) whose window closed before cutoff and that no query
-- has checked yet.
SELECT * FROM payment_orders
WHERE (state = 'pending' AND create_date <= @cutoff)
   OR (state = 'expired' AND queried_at IS NULL AND expire_at <= @cutoff)
ORDER BY create_date, id
LIMIT @max_orders;

-- name: OrdersOfCase :many
SELECT sqlc.embed(o), i.case_id, i.case_code, i.agency_code,
    r.state AS refund_state, r.amount_vnd AS refund_vnd
FROM payment_orders o
JOIN payment_items i ON i.id = o.item_id
LEFT JOIN payment_refunds r ON r.order_id = o.id
WHERE i.case_id = $1
ORDER BY o.id DESC;

-- name: OrderWithItem :one
SELECT sqlc.embed(o), i.case_id, i.case_code, i.agency_code,
    r.state AS refund_state, r.amount_vnd AS refund_vnd
FROM payment_orders o
JOIN payment_items i ON i.id = o.item_id
LEFT JOIN payment_refunds r ON r.order_id = o.id
WHERE o.id = $1;

-- name: OrdersCreatedIn :many
-- An agency's orders (every agency's when agency_code is '') created in [from, until), in the
-- order of the gateway's reconciliation report.
SELECT sqlc.embed(o), i.case_id, i.case_code, i.agency_code,
    r.state AS refund_state, r.amount_vnd AS refund_vnd
FROM payment_orders o
JOIN payment_items i ON i.id = o.item_id
LEFT JOIN payment_refunds r ON r.order_id = o.id
WHERE o.create_date >= @from_at AND o.create_date < @until_at
  AND (@agency_code::text = '' OR i.agency_code = @agency_code)
ORDER BY o.txn_ref;
