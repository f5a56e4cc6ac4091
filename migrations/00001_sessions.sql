-- +goose Up
-- Server-side sessions (alexedwards/scs pgxstore layout). The token is the cookie value;
-- data is scs's encoded session; expiry is the absolute or idle deadline, whichever is first.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
