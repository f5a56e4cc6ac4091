-- The files a citizen uploads: to a draft's field (replacing the earlier file of that field),
-- moved to the case the draft became, or sent to a submitted case as a supplement.

-- name: AttachmentByID :one
SELECT * FROM attachments WHERE id = $1;

-- name: AttachmentsDeleteDraftField :many
-- Removes the file a draft's field had, once a new one replaces it; its content may go too.
DELETE FROM attachments
WHERE draft_id = sqlc.arg(draft_id)::uuid AND field = sqlc.arg(field) AND case_id IS NULL AND id <> sqlc.arg(keep)
RETURNING sha256;

-- name: AttachmentsDeleteOfDrafts :many
-- Removes the files of drafts about to be deleted (deleted by their citizen, or expired).
DELETE FROM attachments WHERE draft_id = ANY(sqlc.arg(draft_ids)::uuid[]) AND case_id IS NULL
RETURNING sha256;

-- name: AttachmentsDraftBytes :one
-- What the citizen's files waiting in drafts take, but the one a new upload replaces
-- (attachments_citizen_draft_idx): the storage cap.
SELECT coalesce(sum(size_bytes), 0)::bigint FROM attachments
WHERE citizen_id = sqlc.arg(citizen_id) AND case_id IS NULL
  AND NOT (draft_id = sqlc.arg(draft_id)::uuid AND field = sqlc.arg(field));

-- name: AttachmentsCountOfCase :one
-- How many files a case has (attachments_case_idx): the files cap.
SELECT count(*) FROM attachments WHERE case_id = sqlc.arg(case_id)::bigint;

-- name: AttachmentsLockCitizen :exec
-- Holds the citizen's uploads one after the other until the transaction ends, so that two at
-- once cannot both pass the storage cap (the key's first half names this lock).
SELECT pg_advisory_xact_lock(1952805748, (sqlc.arg(citizen_id)::bigint % 2147483647)::int);

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

-- name: AttachmentsLinkToCase :batchexec
-- Moves a draft's files to the case it became (sent in the submission's pipeline).
UPDATE attachments SET case_id = sqlc.arg(case_id)::bigint WHERE draft_id = sqlc.arg(draft_id)::uuid;

-- name: AttachmentsOfCitizenCases :many
-- The files a citizen sent with their submitted cases, newest first: what they may keep in
-- their document store (services/documents).
SELECT id, case_id, field, file_name, content_type, size_bytes, created_at FROM attachments
WHERE citizen_id = sqlc.arg(citizen_id)::bigint AND case_id IS NOT NULL
ORDER BY created_at DESC, id
LIMIT sqlc.arg(max_rows)::bigint;
