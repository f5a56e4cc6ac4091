-- The contents of uploaded files, one row per SHA-256 (PGBlobs).

-- A content is deleted when no file names it any more, in the transaction that removed the last
-- reference (BlobsRelease). A transaction that stores a file holds its content's row (BlobShare,
-- or the row it inserts) until it commits, and a release locks the rows before it looks for
-- references: so a content a new file is about to name is never deleted under it.

-- name: BlobShare :one
-- Holds an existing content's row (shared, several uploads at once may) until the transaction ends.
SELECT true FROM attachment_blobs WHERE sha256 = $1 FOR SHARE;

-- name: BlobPut :execrows
-- No row when another transaction stored the same content first.
INSERT INTO attachment_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING;

-- name: BlobsLockForRelease :many
-- Waits for the uploads that hold these contents, in one order so two releases cannot deadlock.
SELECT sha256 FROM attachment_blobs WHERE sha256 = ANY(sqlc.arg(sums)::bytea[]) ORDER BY sha256 FOR UPDATE;

-- name: BlobsDeleteUnreferenced :execrows
-- A new statement, so it sees the files the uploads it waited for committed.
DELETE FROM attachment_blobs b
-- A content named by a file or a signed document (blob_references, migration 00033) stays.
WHERE b.sha256 = ANY(sqlc.arg(sums)::bytea[]) AND NOT EXISTS (SELECT 1 FROM blob_references r WHERE r.sha256 = b.sha256);

-- name: BlobGet :one
SELECT content FROM attachment_blobs WHERE sha256 = $1;
