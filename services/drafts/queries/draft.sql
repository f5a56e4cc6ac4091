-- The draft row: an application before it is submitted. The reads return the whole row, so that
-- one Go type, drafts.Draft, is read from one place (fromRow).

-- name: DraftByID :one
-- Submitted drafts are found too (the submission is idempotent on them); expired ones are not.
SELECT * FROM drafts
WHERE id = sqlc.arg(id) AND citizen_id = sqlc.arg(citizen_id)
  AND (expires_at > sqlc.arg(now) OR submitted_at IS NOT NULL);

-- name: DraftByIDForUpdate :one
-- DraftByID holding the row until the step's transaction ends: two saves of the same draft
-- apply one after the other.
SELECT * FROM drafts
WHERE id = sqlc.arg(id) AND citizen_id = sqlc.arg(citizen_id)
  AND (expires_at > sqlc.arg(now) OR submitted_at IS NOT NULL)
FOR UPDATE;

-- name: DraftsOfCitizen :many
-- The dashboard's list: unsubmitted, unexpired, most recently saved first (drafts_citizen_idx).
SELECT id, procedure_code, procedure_version, step, updated_at, expires_at FROM drafts
WHERE citizen_id = sqlc.arg(citizen_id) AND submitted_at IS NULL AND expires_at > sqlc.arg(now)
ORDER BY updated_at DESC LIMIT 100;

-- name: DraftInsert :exec
INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, consent_id, answers, prefill, unavailable,
    step, created_at, updated_at, expires_at)
VALUES (sqlc.arg(id), sqlc.arg(citizen_id), sqlc.arg(procedure_code), sqlc.arg(procedure_version),
    sqlc.narg(consent_id), sqlc.arg(answers), sqlc.arg(prefill), sqlc.arg(unavailable),
    0, sqlc.arg(created_at), sqlc.arg(created_at), sqlc.arg(expires_at));

-- name: DraftSave :execrows
-- A step's answers and progress; no row when the draft was submitted meanwhile.
UPDATE drafts SET answers = sqlc.arg(answers), prefill = sqlc.arg(prefill), step = sqlc.arg(step),
    completed_steps = sqlc.arg(completed_steps), updated_at = sqlc.arg(updated_at), expires_at = sqlc.arg(expires_at)
WHERE id = sqlc.arg(id) AND citizen_id = sqlc.arg(citizen_id) AND submitted_at IS NULL;

-- name: DraftDelete :execrows
DELETE FROM drafts WHERE id = $1 AND citizen_id = $2 AND submitted_at IS NULL;

-- name: DraftsExpiredLock :many
-- A batch of the drafts that expired unsubmitted (drafts_expiry_idx), held for their purge.
SELECT id FROM drafts WHERE submitted_at IS NULL AND expires_at <= sqlc.arg(now)
ORDER BY expires_at LIMIT sqlc.arg(batch) FOR UPDATE SKIP LOCKED;

-- name: DraftsDeleteUnsubmitted :execrows
DELETE FROM drafts WHERE id = ANY(sqlc.arg(ids)::uuid[]) AND submitted_at IS NULL;

-- name: DraftLockForSubmission :one
-- The submission's lock on the citizen's draft; submitted_at tells whether another request
-- won the race.
SELECT submitted_at FROM drafts WHERE id = $1 AND citizen_id = $2 FOR UPDATE;

-- name: DraftClaimForSubmission :execrows
-- The submission's lock on the citizen's draft and its submitted mark, in one statement: no row
-- when the draft was submitted already (a request that waited on the lock finds it submitted
-- once the other commits), is someone else's, or is gone.
UPDATE drafts SET submitted_at = sqlc.arg(at)::timestamptz, updated_at = sqlc.arg(at)::timestamptz
WHERE id = sqlc.arg(id) AND citizen_id = sqlc.arg(citizen_id) AND submitted_at IS NULL;

-- name: DraftMarkSubmitted :exec
UPDATE drafts SET submitted_at = sqlc.arg(at)::timestamptz, updated_at = sqlc.arg(at)::timestamptz WHERE id = sqlc.arg(id);

-- name: DraftPrefillUpdate :execrows
-- A retry of the databases that did not answer: the fields it filled, what is still unavailable;
-- no row when the draft was submitted meanwhile.
UPDATE drafts SET answers = sqlc.arg(answers), prefill = sqlc.arg(prefill), unavailable = sqlc.arg(unavailable),
    updated_at = sqlc.arg(updated_at)
WHERE id = sqlc.arg(id) AND citizen_id = sqlc.arg(citizen_id) AND submitted_at IS NULL;
