-- The contents kept in an S3 bucket (S3Blobs), one object per SHA-256. The database keeps no row
-- for an object: the attachments that name a content are its references.

-- An upload and the garbage collector meet on a transaction-scoped advisory lock of the content
-- (the first half of the key names these locks, the second is the hash's first four bytes). An
-- upload holds it shared from before it looks for the object until its transaction ends, so the
-- collector, which takes it exclusively without waiting, never deletes an object that a file
-- about to be committed names.

-- name: ObjectHold :exec
SELECT pg_advisory_xact_lock_shared(1651469420, ('x' || encode(substring(sqlc.arg(sha256)::bytea FROM 1 FOR 4), 'hex'))::bit(32)::int);

-- name: ObjectTryCollect :one
-- False when an upload holds the content: the collector leaves it for its next run.
SELECT pg_try_advisory_xact_lock(1651469420, ('x' || encode(substring(sqlc.arg(sha256)::bytea FROM 1 FOR 4), 'hex'))::bit(32)::int);

-- name: ObjectsReferenced :many
-- Those of sums that a file or a signed document names (blob_references, migration 00033:
-- attachments_sha256_idx, results_blob_sha256_idx).
SELECT DISTINCT sha256::bytea FROM blob_references WHERE sha256 = ANY(sqlc.arg(sums)::bytea[]);
