-- The published versions of the procedures' form schemas. A version is never changed once
-- published: drafts and cases refer to it.

-- name: VersionByNumber :one
SELECT schema, published_at FROM procedure_versions WHERE procedure_code = $1 AND version = $2;

-- name: VersionNext :one
SELECT (max(version) + 1)::integer AS next FROM procedure_versions WHERE procedure_code = $1;

-- name: VersionInsert :exec
INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, $2, $3, $4);

-- name: VersionSeedFirst :exec
-- The seed's schema of a procedure, published as version 1 only when the procedure has none.
INSERT INTO procedure_versions (procedure_code, version, schema, published_at)
SELECT sqlc.arg(procedure_code)::text, 1, sqlc.arg(schema)::jsonb, sqlc.arg(published_at)::timestamptz
WHERE NOT EXISTS (SELECT 1 FROM procedure_versions WHERE procedure_code = sqlc.arg(procedure_code)::text)
ON CONFLICT DO NOTHING;
