-- The documents people hold (held_documents). A document is current while it is not withdrawn
-- and its retention is not over at now: withdrawn_at IS NULL AND (retain_until IS NULL OR
-- retain_until > now). Every query that lists or reads one for its holder says so. A date is
-- passed as its Vietnam day, text ('2026-12-03'), as PostgreSQL reads a date.

-- name: DocumentsOfHolder :many
-- What the person holds now, newest first.
SELECT * FROM held_documents
WHERE holder_pid = @holder_pid
    AND withdrawn_at IS NULL AND (retain_until IS NULL OR retain_until > sqlc.arg(now)::timestamptz)
ORDER BY issued_on DESC, id DESC;

-- name: DocumentsOfHolderByType :many
SELECT * FROM held_documents
WHERE holder_pid = @holder_pid
    AND withdrawn_at IS NULL AND (retain_until IS NULL OR retain_until > sqlc.arg(now)::timestamptz)
    AND type = @type
ORDER BY issued_on DESC, id DESC;

-- name: DocumentOfHolder :one
SELECT * FROM held_documents
WHERE holder_pid = @holder_pid
    AND withdrawn_at IS NULL AND (retain_until IS NULL OR retain_until > sqlc.arg(now)::timestamptz)
    AND id = @id;

-- name: DocumentOfHolderForUpdate :one
-- The row lock of a withdrawal.
SELECT * FROM held_documents
WHERE holder_pid = @holder_pid
    AND withdrawn_at IS NULL AND (retain_until IS NULL OR retain_until > sqlc.arg(now)::timestamptz)
    AND id = @id
FOR UPDATE;

-- name: KeptUploadsOfHolder :many
-- The files the person keeps now.
SELECT attachment_id::uuid AS attachment_id FROM held_documents -- not null: an upload's
WHERE holder_pid = @holder_pid AND provenance = 'uploaded'
    AND withdrawn_at IS NULL AND (retain_until IS NULL OR retain_until > sqlc.arg(now)::timestamptz);

-- name: DocumentRecordIssued :exec
-- An issued result for one holder; its number is the result's code. Recording it again changes
-- nothing.
INSERT INTO held_documents (holder_pid, type, title, issuer_code, issuer_name, number, case_code,
    issued_on, role, provenance, case_id, result_code, citizen_id, created_at)
VALUES (@holder_pid, @type, @title, @issuer_code, @issuer_name, sqlc.arg(result_code)::text, @case_code,
    sqlc.arg(issued_on)::text::date, @role, 'issued', sqlc.arg(case_id)::bigint, sqlc.arg(result_code)::text,
    sqlc.arg(citizen_id)::bigint, @created_at)
ON CONFLICT (holder_pid, result_code) WHERE provenance = 'issued' DO NOTHING;

-- name: DocumentRecordReceipt :exec
-- A paid item's e-receipt for its payer. Recording it again changes nothing.
INSERT INTO held_documents (holder_pid, type, title, issuer_code, issuer_name, number, case_code,
    issued_on, role, provenance, payment_item_id, citizen_id, created_at)
VALUES (@holder_pid, @type, @title, @issuer_code, @issuer_name, @number, @case_code,
    sqlc.arg(issued_on)::text::date, 'payer', 'ereceipt', sqlc.arg(payment_item_id)::bigint,
    sqlc.arg(citizen_id)::bigint, @created_at)
ON CONFLICT (holder_pid, payment_item_id) WHERE provenance = 'ereceipt' DO NOTHING;

-- name: DocumentAddSubject :exec
-- An issued result for a person it is about, as the first holder's row records it. A result not
-- recorded, or a holder already recorded, adds nothing.
INSERT INTO held_documents (holder_pid, type, title, issuer_code, issuer_name, number, case_code,
    issued_on, valid_until, role, provenance, case_id, result_code, citizen_id, created_at)
SELECT sqlc.arg(holder_pid)::text, type, title, issuer_code, issuer_name, number, case_code, issued_on, valid_until,
    'subject', 'issued', case_id, result_code, citizen_id, sqlc.arg(created_at)::timestamptz
FROM held_documents WHERE provenance = 'issued' AND result_code = sqlc.arg(result_code)::text ORDER BY id LIMIT 1
ON CONFLICT (holder_pid, result_code) WHERE provenance = 'issued' DO NOTHING;

-- name: DocumentKeepUpload :one
-- An uploaded file kept, with the consent given at now. No row when it is kept already.
INSERT INTO held_documents (holder_pid, type, title, number, issued_on, role, provenance,
    attachment_id, citizen_id, consented_at, retain_until, created_at)
VALUES (@holder_pid, @type, @title, '', sqlc.arg(issued_on)::text::date, 'uploader', 'uploaded',
    sqlc.arg(attachment_id)::uuid, sqlc.arg(citizen_id)::bigint, sqlc.arg(now)::timestamptz,
    sqlc.narg(retain_until)::timestamptz, sqlc.arg(now)::timestamptz)
ON CONFLICT (holder_pid, attachment_id) WHERE provenance = 'uploaded' AND withdrawn_at IS NULL DO NOTHING
RETURNING id;

-- name: DocumentWithdraw :exec
UPDATE held_documents SET withdrawn_at = sqlc.arg(at)::timestamptz WHERE id = @id;
