-- The append-only events (the table's trigger refuses UPDATE and DELETE).

-- name: EventAppend :exec
INSERT INTO payment_events (at, order_id, item_id, case_id, kind, source, detail)
VALUES (@at, sqlc.narg('order_id'), sqlc.narg('item_id'), sqlc.narg('case_id'), @kind, @source, @detail);

-- name: EventsOfCase :many
SELECT * FROM payment_events WHERE case_id = $1 ORDER BY id;

-- name: EventsOfOrder :many
SELECT * FROM payment_events WHERE order_id = $1 ORDER BY id;

-- name: CasesSettledDuringWithdrawal :many
-- Cases whose items were paid or waived since since while a withdrawal was asked (status 7):
-- should the withdrawal be refused, the case is back waiting for a payment already made.
SELECT DISTINCT case_id::bigint AS case_id FROM payment_events
WHERE kind IN ('item_paid', 'item_waived') AND detail->>'case_status' = '7' AND at >= $1 AND case_id IS NOT NULL;
