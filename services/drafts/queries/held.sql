-- name: ForgetHeld :execrows
-- Drops from the holder's drafts not yet submitted every file answer naming a held document
-- (pattern 'held:<id>:%'), once they withdrew it from their store.
UPDATE drafts d SET answers = (
    SELECT coalesce(jsonb_object_agg(a.key, a.value), '{}'::jsonb) FROM jsonb_each(d.answers) AS a
    WHERE NOT (jsonb_typeof(a.value) = 'string' AND a.value #>> '{}' LIKE sqlc.arg(pattern)::text)
), updated_at = sqlc.arg(now)
WHERE d.submitted_at IS NULL
  AND d.citizen_id IN (SELECT c.id FROM citizens c WHERE c.personal_id = sqlc.arg(personal_id)::text)
  AND EXISTS (SELECT 1 FROM jsonb_each(d.answers) AS a
              WHERE jsonb_typeof(a.value) = 'string' AND a.value #>> '{}' LIKE sqlc.arg(pattern)::text);
