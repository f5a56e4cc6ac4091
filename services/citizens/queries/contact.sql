-- A citizen's contact details: the provider's claims, the changes the citizen confirms with a
-- code, and the record of every change.

-- name: ContactForUpdate :one
-- The current values, locked for a change.
SELECT email, email_source, email_verified_at, phone, phone_source, phone_verified_at
FROM citizens WHERE id = $1 FOR UPDATE;

-- name: EmailSet :exec
UPDATE citizens SET email = sqlc.arg(email), email_source = sqlc.arg(source), email_verified_at = sqlc.narg(verified_at)
WHERE id = sqlc.arg(id);

-- name: PhoneSet :exec
UPDATE citizens SET phone = sqlc.arg(phone), phone_source = sqlc.arg(source), phone_verified_at = sqlc.narg(verified_at)
WHERE id = sqlc.arg(id);

-- name: ContactChangeInsert :exec
INSERT INTO contact_changes (citizen_id, channel, old_value, new_value, source, verified, changed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: ContactChanges :many
-- Oldest first.
SELECT channel, old_value, new_value, source, verified, changed_at FROM contact_changes
WHERE citizen_id = $1 ORDER BY changed_at, id;

-- name: CodeUpsert :exec
-- A new request replaces the pending one of its channel, with a fresh count of tries.
INSERT INTO contact_codes (citizen_id, channel, value, code_hash, created_at, expires_at)
VALUES (sqlc.arg(citizen_id), sqlc.arg(channel), sqlc.arg(value), sqlc.arg(code_hash), sqlc.arg(created_at), sqlc.arg(expires_at))
ON CONFLICT (citizen_id, channel) DO UPDATE
   SET value = EXCLUDED.value, code_hash = EXCLUDED.code_hash, created_at = EXCLUDED.created_at,
       expires_at = EXCLUDED.expires_at, tries = 0;

-- name: CodeForUpdate :one
SELECT value, code_hash, created_at, expires_at, tries FROM contact_codes
WHERE citizen_id = $1 AND channel = $2 FOR UPDATE;

-- name: CodeTried :exec
UPDATE contact_codes SET tries = tries + 1 WHERE citizen_id = $1 AND channel = $2;

-- name: CodeDelete :exec
DELETE FROM contact_codes WHERE citizen_id = $1 AND channel = $2;

-- name: CodesPending :many
-- The changes waiting for a code, expired ones included (the page says so).
SELECT channel, value, expires_at, tries FROM contact_codes WHERE citizen_id = $1 ORDER BY channel;
