-- A citizen's consents: granted for one purpose until they expire, never updated but to set the
-- reference of a My data consent to its own id and to withdraw them.

-- name: ConsentInsert :one
INSERT INTO consents (citizen_id, purpose, reference, databases, attributes, granted_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- name: ConsentSetReference :exec
UPDATE consents SET reference = sqlc.arg(reference) WHERE id = sqlc.arg(consent_id);

-- name: ConsentActive :one
-- The newest unexpired, unwithdrawn consent of the citizen for the purpose.
SELECT id, citizen_id, purpose, reference, databases, attributes, granted_at, expires_at
FROM consents
WHERE citizen_id = sqlc.arg(citizen_id) AND purpose = sqlc.arg(purpose) AND withdrawn_at IS NULL
  AND expires_at > sqlc.arg(now)
ORDER BY granted_at DESC, id DESC LIMIT 1;

-- name: ConsentWithdraw :exec
UPDATE consents SET withdrawn_at = sqlc.arg(now)::timestamptz
WHERE citizen_id = sqlc.arg(citizen_id) AND purpose = sqlc.arg(purpose) AND withdrawn_at IS NULL
  AND expires_at > sqlc.arg(now)::timestamptz;
