-- The pre-login records of started sign-ins: saved at the start, taken (deleted) once by the
-- callback, and purged once expired.

-- name: AttemptInsert :exec
INSERT INTO signin_attempts (state_hash, binding_hash, audience, nonce, pkce_verifier, return_to, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: AttemptTake :one
-- Deletes and returns the attempt of a state, so that each state is used at most once.
DELETE FROM signin_attempts WHERE state_hash = $1
RETURNING binding_hash, audience, nonce, pkce_verifier, return_to, expires_at;

-- name: AttemptsPurge :execrows
-- Deletes the attempts that expired before the time given.
DELETE FROM signin_attempts WHERE expires_at < sqlc.arg(before);
