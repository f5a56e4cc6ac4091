-- The outbox of emails: a row is written in the transaction that decides to send it, together
-- with the River job that sends it.

-- name: OutboxInsert :one
-- No row when the key was queued before (with its job).
INSERT INTO email_outbox (to_address, subject, body_text, dedupe_key, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id;

-- name: OutboxIDsReserve :one
-- Ids for the outbox rows of a change whose case is not written yet (a submission reserves them,
-- and queues their jobs, before it takes its agency's counter): 0 for the channel not asked for.
SELECT CASE WHEN sqlc.arg(email)::boolean THEN nextval(pg_get_serial_sequence('email_outbox', 'id')) ELSE 0 END::bigint AS email_id,
    CASE WHEN sqlc.arg(sms)::boolean THEN nextval(pg_get_serial_sequence('sms_outbox', 'id')) ELSE 0 END::bigint AS sms_id;

-- name: OutboxInsertReserved :batchexec
-- The row of an id OutboxIDsReserve gave, whose job is queued: its key is a new event's, so a
-- conflict is an error, not a row queued before.
INSERT INTO email_outbox (id, to_address, subject, body_text, dedupe_key, created_at)
OVERRIDING SYSTEM VALUE
VALUES ($1, $2, $3, $4, $5, $6);

-- name: OutboxForUpdate :one
-- The sender's lock on the row, held while the email is sent.
SELECT to_address, subject, body_text, sent_at FROM email_outbox WHERE id = $1 FOR UPDATE;

-- name: OutboxFailed :exec
UPDATE email_outbox SET attempts = attempts + 1, last_error = sqlc.arg(last_error) WHERE id = sqlc.arg(id);

-- name: OutboxSent :exec
UPDATE email_outbox SET attempts = attempts + 1, last_error = '', sent_at = sqlc.arg(sent_at)::timestamptz
WHERE id = sqlc.arg(id);
