-- The citizen accounts: one row per identity at a provider (issuer and subject).

-- name: CitizenSignedIn :one
-- Creates the account on first sight; afterwards refreshes the name, the personal ID and the time
-- of sign-in, and the date of birth when the provider asserts one.
INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at, birth_date)
VALUES (sqlc.arg(issuer), sqlc.arg(subject), sqlc.narg(personal_id), sqlc.arg(full_name), sqlc.arg(now), sqlc.arg(now),
    sqlc.narg(birth_date))
ON CONFLICT (issuer, subject) DO UPDATE
   SET personal_id = EXCLUDED.personal_id, full_name = EXCLUDED.full_name, last_login_at = EXCLUDED.last_login_at,
       birth_date = coalesce(EXCLUDED.birth_date, citizens.birth_date)
RETURNING id, issuer, subject, coalesce(personal_id, '') AS personal_id, full_name, created_at, last_login_at;

-- name: CitizenContact :one
-- Whom a notification goes to: the name to greet, and the address and number with their source
-- and verification.
SELECT full_name, email, email_source, email_verified_at, phone, phone_source, phone_verified_at
FROM citizens WHERE id = $1;
