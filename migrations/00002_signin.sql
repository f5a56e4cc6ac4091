-- +goose Up
-- A pre-login record: one per started OpenID Connect sign-in. It is consumed (deleted) by the
-- callback, so a state can be used once; it expires after a few minutes. Only a hash of the
-- state is stored, and the browser that started the sign-in is bound by a hash of a cookie.
CREATE TABLE signin_attempts (
    state_hash    bytea PRIMARY KEY CHECK (octet_length(state_hash) = 32),
    binding_hash  bytea NOT NULL CHECK (octet_length(binding_hash) = 32),
    audience      text NOT NULL CHECK (audience IN ('citizen', 'staff')),
    nonce         text NOT NULL CHECK (length(nonce) >= 32),
    pkce_verifier text NOT NULL CHECK (length(pkce_verifier) BETWEEN 43 AND 128),
    return_to     text NOT NULL DEFAULT '/' CHECK (return_to LIKE '/%'),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX signin_attempts_expires_idx ON signin_attempts (expires_at);

-- A citizen account: the portal's own record of a person who signed in, keyed by the identity
-- provider's issuer and subject. The personal ID is kept because cases are filed under it; the
-- rest of the identity lives in the session and is refreshed at every sign-in.
CREATE TABLE citizens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer        text NOT NULL CHECK (issuer <> ''),
    subject       text NOT NULL CHECK (subject <> ''),
    personal_id   text CHECK (personal_id ~ '^[0-9]{12}$'),
    full_name     text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_login_at timestamptz NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX citizens_personal_id_idx ON citizens (personal_id) WHERE personal_id IS NOT NULL;

-- +goose Down
DROP TABLE citizens;
DROP TABLE signin_attempts;
