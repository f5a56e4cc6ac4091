-- The staff directory: its members, the binding of a provider's subject at sign-in, and the
-- agency's officers a supervisor may assign a case to. Whole rows are read as staffdb.Staff so
-- that one conversion makes a staff.Member.

-- name: StaffInsert :one
INSERT INTO staff (login, full_name, email, agency_code, roles, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING *;

-- name: StaffUpsert :exec
-- The seed's write: a new member, or the name, email, agency and roles of an existing login.
INSERT INTO staff (login, full_name, email, agency_code, roles, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (login) DO UPDATE SET full_name = EXCLUDED.full_name, email = EXCLUDED.email,
    agency_code = EXCLUDED.agency_code, roles = EXCLUDED.roles;

-- name: StaffList :many
SELECT * FROM staff ORDER BY login;

-- name: StaffByID :one
SELECT * FROM staff WHERE id = $1;

-- name: StaffDisable :execrows
UPDATE staff SET disabled_at = sqlc.arg(now)::timestamptz
WHERE login = sqlc.arg(login) AND disabled_at IS NULL;

-- name: StaffSignedIn :one
-- The member behind a sign-in: by the provider's subject once bound, else by login name, whose
-- row then binds the subject.
UPDATE staff SET issuer = sqlc.arg(issuer)::text, subject = sqlc.arg(subject)::text,
    last_login_at = sqlc.arg(now)::timestamptz
WHERE (issuer = sqlc.arg(issuer)::text AND subject = sqlc.arg(subject)::text)
   OR (subject IS NULL AND login = sqlc.arg(login))
RETURNING *;

-- name: StaffOfficerName :one
-- The name of an active member of the agency who holds one of the roles (the officers and
-- supervisors whom a case may be assigned to).
SELECT full_name FROM staff
WHERE login = sqlc.arg(login) AND agency_code = sqlc.arg(agency)::text AND disabled_at IS NULL
  AND roles && sqlc.arg(roles)::text[];

-- name: StaffOfficers :many
SELECT login, full_name FROM staff
WHERE agency_code = sqlc.arg(agency)::text AND disabled_at IS NULL AND roles && sqlc.arg(roles)::text[]
ORDER BY full_name, login;

-- name: StaffOfficerEmails :many
SELECT coalesce(email, '')::text AS email FROM staff
WHERE agency_code = sqlc.arg(agency)::text AND disabled_at IS NULL AND email IS NOT NULL
  AND roles && sqlc.arg(roles)::text[]
ORDER BY login;
