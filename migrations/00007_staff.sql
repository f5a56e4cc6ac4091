-- +goose Up
-- The staff directory: authorization for civil servants lives in the portal, whatever the
-- workforce identity provider says. A staff member signs in with their login name; the provider's
-- subject is bound at the first sign-in. Helpdesk and administrators belong to no agency.
CREATE TABLE staff (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login        text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    full_name    text NOT NULL CHECK (full_name <> ''),
    email        text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
    agency_code  text REFERENCES agencies (code),
    roles        text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['officer', 'supervisor', 'helpdesk', 'admin']),
    issuer       text,
    subject      text,
    created_at   timestamptz NOT NULL,
    disabled_at  timestamptz,
    last_login_at timestamptz,
    UNIQUE (issuer, subject),
    CHECK (agency_code IS NOT NULL OR NOT (roles && ARRAY['officer', 'supervisor']))
);

-- +goose Down
DROP TABLE staff;
