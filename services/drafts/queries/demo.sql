-- The bare drafts of the demo history (portal seed demo): what a demo case points to.

-- name: DraftInsertSubmittedDemo :execrows
-- A draft submitted at $5, with no answers; nothing when the id exists (the seed runs again).
INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
VALUES ($1, $2, $3, $4, sqlc.arg(at)::timestamptz, sqlc.arg(at)::timestamptz, sqlc.arg(at)::timestamptz + interval '30 days', sqlc.arg(at)::timestamptz)
ON CONFLICT (id) DO NOTHING;
