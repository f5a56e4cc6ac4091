-- The procedure catalogue: each procedure's facts and the form version new drafts start on.
-- Every read returns the whole row, so that one Go type is the procedure everywhere.

-- name: ProcedureByCode :one
SELECT * FROM procedures WHERE code = $1;

-- name: ProceduresMatching :many
-- The catalogue page's search: a topic and an agency kind ('' matches any) and LIKE patterns
-- that the procedure's folded search text, between spaces, must all match; withdrawn
-- procedures only when asked for (the staff pages name the procedures of older cases).
SELECT * FROM procedures
WHERE (sqlc.arg(withdrawn)::boolean OR status = 'active')
    AND (sqlc.arg(topic)::text = '' OR topic = sqlc.arg(topic)::text)
    AND (sqlc.arg(agency_kind)::text = '' OR agency_kind = sqlc.arg(agency_kind)::text)
    AND ' ' || search_text || ' ' LIKE ALL (sqlc.arg(patterns)::text[])
ORDER BY code;

-- name: ProcedureLockVersion :one
-- Holds the procedure's row while a new version is published.
SELECT current_version FROM procedures WHERE code = $1 FOR UPDATE;

-- name: ProcedureSetVersion :exec
UPDATE procedures SET current_version = sqlc.arg(current_version) WHERE code = sqlc.arg(code);

-- name: ProcedureUpsert :exec
-- The seed's facts of a procedure: a new one starts on version 1; an existing one keeps its
-- current version. A withdrawn one names its replacement, which the same seed writes (the
-- reference is checked at commit).
INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level,
    legal_basis_vi, legal_basis_en, processing_days, fee_vnd, required_acr, details,
    search_text, current_version, status, replaced_by, parts)
VALUES (sqlc.arg(code), sqlc.arg(name_vi), sqlc.arg(name_en), sqlc.arg(topic), sqlc.arg(agency_kind),
    sqlc.arg(agency_level), sqlc.arg(legal_basis_vi), sqlc.arg(legal_basis_en), sqlc.arg(processing_days),
    sqlc.arg(fee_vnd), sqlc.arg(required_acr), sqlc.arg(details), sqlc.arg(search_text), 1,
    sqlc.arg(status), nullif(sqlc.arg(replaced_by)::text, ''), sqlc.arg(parts))
ON CONFLICT (code) DO UPDATE SET
    name_vi = excluded.name_vi, name_en = excluded.name_en, topic = excluded.topic,
    agency_kind = excluded.agency_kind, agency_level = excluded.agency_level,
    legal_basis_vi = excluded.legal_basis_vi, legal_basis_en = excluded.legal_basis_en,
    processing_days = excluded.processing_days, fee_vnd = excluded.fee_vnd,
    required_acr = excluded.required_acr, details = excluded.details,
    search_text = excluded.search_text, status = excluded.status,
    replaced_by = excluded.replaced_by, parts = excluded.parts;
