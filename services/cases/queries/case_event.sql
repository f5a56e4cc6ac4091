-- The timeline of a case: append-only; the database chains every row's hash (00008).

-- name: EventInsert :one
INSERT INTO case_events (case_id, at, actor_kind, actor_id, actor_name, role, action, from_status, to_status,
    note, reason, amount, due_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING id, at;

-- name: EventInsertReserved :batchexec
-- A case's first event, with the id CaseNextCode reserved (the submission's pipeline).
INSERT INTO case_events (id, case_id, at, actor_kind, actor_id, actor_name, role, action, from_status, to_status,
    note, reason, amount, due_on)
OVERRIDING SYSTEM VALUE
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);

-- name: EventsOfCase :many
SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq;

-- name: ApologyInsert :exec
INSERT INTO case_apologies (case_id, event_id, letter, old_due_on, new_due_on, staff_id, staff_name, sent_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: EventPartitionsEnsure :many
-- The partitions of the timeline for the month of at and the months_ahead after it, made when
-- missing (migration 00031).
SELECT created::text FROM ensure_monthly_partitions('case_events'::regclass, sqlc.arg(at)::timestamptz,
    sqlc.arg(months_ahead)::integer) AS created;
