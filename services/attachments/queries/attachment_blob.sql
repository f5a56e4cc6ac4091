-- The contents of uploaded files, one row per SHA-256 (PGBlobs).

-- name: BlobPut :exec
INSERT INTO attachment_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING;

-- name: BlobGet :one
SELECT content FROM attachment_blobs WHERE sha256 = $1;
