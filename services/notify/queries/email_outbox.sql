-- The outbox of emails: a row is written in the transaction that decides to send it, together
-- with the River job that sends it.

-- name: OutboxInsert :one
-- No row when the key was queued before (with its job).
INSERT INTO email_outbox (to_address, subject, body_text, dedupe_key, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id;

-- name: OutboxForUpdate :one
-- The sender's lock on the row, held while the email is sent.
SELECT to_address, subject, body_text, sent_at FROM email_outbox WHERE id = $1 FOR UPDATE;

-- name: OutboxFailed :exec
UPDATE email_outbox SET attempts = attempts + 1, last_error = sqlc.arg(last_error) WHERE id = sqlc.arg(id);

-- name: OutboxSent :exec
UPDATE email_outbox SET attempts = attempts + 1, last_error = '', sent_at = sqlc.arg(sent_at)::timestamptz
WHERE id = sqlc.arg(id);
