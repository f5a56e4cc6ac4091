-- The published versions of the procedures' form schemas. A version is never changed once
-- published: drafts and cases refer to it.

-- name: VersionByNumber :one
SELECT schema, published_at FROM procedure_versions WHERE procedure_code = $1 AND version = $2;

-- name: VersionNext :one
SELECT (max(version) + 1)::integer AS next FROM procedure_versions WHERE procedure_code = $1;

-- name: VersionInsert :exec
INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, $2, $3, $4);

-- name: VersionSeed :exec
-- The seed's schema of a procedure, published as its next version and made current, unless some
-- version already is exactly that schema: a release that changes a form publishes it once, and
-- a schema an administrator published since is kept until the next such release.
WITH ins AS (
    INSERT INTO procedure_versions (procedure_code, version, schema, published_at)
    SELECT sqlc.arg(procedure_code)::text,
        coalesce((SELECT max(version) FROM procedure_versions WHERE procedure_code = sqlc.arg(procedure_code)::text), 0) + 1,
        sqlc.arg(schema)::jsonb, sqlc.arg(published_at)::timestamptz
    WHERE NOT EXISTS (SELECT 1 FROM procedure_versions
        WHERE procedure_code = sqlc.arg(procedure_code)::text AND schema = sqlc.arg(schema)::jsonb)
    RETURNING version
)
UPDATE procedures SET current_version = ins.version FROM ins WHERE code = sqlc.arg(procedure_code)::text;
