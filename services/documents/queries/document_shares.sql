-- The share links of held documents (document_shares). Only the SHA-256 of a link's token is
-- stored; a link belongs to the holder of its document.

-- name: ShareInsert :one
INSERT INTO document_shares (document_id, token_hash, label, created_at, expires_at)
VALUES (@document_id, @token_hash, @label, @created_at, @expires_at)
RETURNING id;

-- name: SharesOfDocument :many
-- The links of one of the holder's documents, newest first.
SELECT sh.id, sh.document_id, sh.label, sh.created_at, sh.expires_at, sh.revoked_at
FROM document_shares sh JOIN held_documents d ON d.id = sh.document_id
WHERE d.holder_pid = @holder_pid AND sh.document_id = @document_id
ORDER BY sh.id DESC;

-- name: ShareRevoke :one
-- Revoking twice keeps the first time; no row when the link is not the holder's.
UPDATE document_shares sh SET revoked_at = coalesce(sh.revoked_at, sqlc.arg(at)::timestamptz)
FROM held_documents d
WHERE d.id = sh.document_id AND d.holder_pid = @holder_pid AND sh.id = @id
RETURNING sh.id, sh.document_id, sh.label, sh.created_at, sh.expires_at, sh.revoked_at;

-- name: ShareByToken :one
-- The link whose token hashes to token_hash, and its document's holder.
SELECT sh.id, sh.document_id, sh.label, sh.created_at, sh.expires_at, sh.revoked_at, d.holder_pid
FROM document_shares sh JOIN held_documents d ON d.id = sh.document_id
WHERE sh.token_hash = @token_hash;

-- name: SharesRevokeOfDocument :exec
-- The links of a withdrawn document stop working.
UPDATE document_shares SET revoked_at = sqlc.arg(at)::timestamptz
WHERE document_id = @document_id AND revoked_at IS NULL;
