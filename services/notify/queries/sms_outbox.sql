-- The outbox of text messages, like email_outbox: a row is written in the transaction that
-- decides to send it, together with the River job that sends it.

-- name: SMSOutboxInsert :one
-- No row when the key was queued before (with its job).
INSERT INTO sms_outbox (to_number, body_text, dedupe_key, created_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id;

-- name: SMSOutboxInsertReserved :batchexec
-- The row of an id OutboxIDsReserve gave, as OutboxInsertReserved.
INSERT INTO sms_outbox (id, to_number, body_text, dedupe_key, created_at)
OVERRIDING SYSTEM VALUE
VALUES ($1, $2, $3, $4, $5);

-- name: SMSOutboxForUpdate :one
-- The sender's lock on the row, held while the message is sent.
SELECT to_number, body_text, sent_at FROM sms_outbox WHERE id = $1 FOR UPDATE;

-- name: SMSOutboxFailed :exec
UPDATE sms_outbox SET attempts = attempts + 1, last_error = sqlc.arg(last_error) WHERE id = sqlc.arg(id);

-- name: SMSOutboxSent :exec
UPDATE sms_outbox SET attempts = attempts + 1, last_error = '', sent_at = sqlc.arg(sent_at)::timestamptz
WHERE id = sqlc.arg(id);
