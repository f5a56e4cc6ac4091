-- The files a citizen uploads: to a draft's field (replacing the earlier file of that field),
-- moved to the case the draft became, or sent to a submitted case as a supplement.

-- name: AttachmentByID :one
SELECT * FROM attachments WHERE id = $1;

-- name: AttachmentsDeleteDraftField :exec
-- Removes the file a draft's field had, before a new one replaces it.
DELETE FROM attachments WHERE draft_id = sqlc.arg(draft_id)::uuid AND field = sqlc.arg(field) AND case_id IS NULL;

-- name: AttachmentInsertDraft :exec
INSERT INTO attachments (id, citizen_id, draft_id, field, file_name, content_type, size_bytes, sha256, created_at)
VALUES (sqlc.arg(id), sqlc.arg(citizen_id), sqlc.arg(draft_id)::uuid, sqlc.arg(field), sqlc.arg(file_name),
    sqlc.arg(content_type), sqlc.arg(size_bytes), sqlc.arg(sha256), sqlc.arg(created_at));

-- name: AttachmentInsertCase :exec
INSERT INTO attachments (id, citizen_id, case_id, field, file_name, content_type, size_bytes, sha256, created_at)
VALUES (sqlc.arg(id), sqlc.arg(citizen_id), sqlc.arg(case_id)::bigint, sqlc.arg(field), sqlc.arg(file_name),
    sqlc.arg(content_type), sqlc.arg(size_bytes), sqlc.arg(sha256), sqlc.arg(created_at));

-- name: AttachmentsOfDraft :many
SELECT id, field, file_name, content_type, size_bytes FROM attachments
WHERE draft_id = sqlc.arg(draft_id)::uuid AND citizen_id = sqlc.arg(citizen_id);

-- name: AttachmentsOfCase :many
SELECT id, field, file_name, content_type, size_bytes FROM attachments
WHERE case_id = sqlc.arg(case_id)::bigint AND citizen_id = sqlc.arg(citizen_id)
ORDER BY created_at;

-- name: AttachmentsLinkToCase :exec
-- Moves a draft's files to the case it became (the submission's transaction).
UPDATE attachments SET case_id = sqlc.arg(case_id)::bigint WHERE draft_id = sqlc.arg(draft_id)::uuid;
