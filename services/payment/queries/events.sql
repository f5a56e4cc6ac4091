-- The append-only events (the table's trigger refuses UPDATE and DELETE).

-- name: EventAppend :exec
INSERT INTO payment_events (at, order_id, item_id, case_id, kind, source, detail)
VALUES (@at, sqlc.narg('order_id'), sqlc.narg('item_id'), sqlc.narg('case_id'), @kind, @source, @detail);

-- name: EventsOfCase :many
SELECT * FROM payment_events WHERE case_id = $1 ORDER BY id;

-- name: EventsOfOrder :many
SELECT * FROM payment_events WHERE order_id = $1 ORDER BY id;
