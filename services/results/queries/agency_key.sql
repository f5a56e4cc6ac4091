-- The agencies' signing keys: the public key that verifies an agency's results, and, for the
-- development keys (DBKeys) only, the private key too.

-- name: AgencyKey :one
-- private_key_der is NULL for a key configured outside the database (DirKeys).
SELECT public_key_der, private_key_der FROM agency_keys WHERE agency_code = $1;

-- name: AgencyPublicKey :one
SELECT public_key_der FROM agency_keys WHERE agency_code = $1;

-- name: AgencyKeyInsert :exec
-- A development key, generated here. The first key of an agency stays: a concurrent signer's
-- insert waits for this one and keeps it.
INSERT INTO agency_keys (agency_code, public_key_der, private_key_der, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (agency_code) DO NOTHING;

-- name: AgencyPublicKeyInsert :exec
-- The public half of a key kept outside the database; the first one recorded stays.
INSERT INTO agency_keys (agency_code, public_key_der, created_at) VALUES ($1, $2, $3)
ON CONFLICT (agency_code) DO NOTHING;
