-- +goose Up
-- Embedded PDF signatures (services/signing). In development the portal is its own certificate
-- authority: signing_ca holds the one development CA, its private key included, made the first
-- time anything is signed; agency_certificates holds each agency's certificate for its key in
-- agency_keys, issued by that CA, replaced once expired. In production the certificates come from
-- the government CA as files next to the keys, and these tables stay empty.
CREATE TABLE signing_ca (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    certificate_der bytea NOT NULL CHECK (octet_length(certificate_der) > 0),
    private_key_der bytea NOT NULL CHECK (octet_length(private_key_der) > 0),
    created_at      timestamptz NOT NULL
);

CREATE TABLE agency_certificates (
    agency_code     text PRIMARY KEY REFERENCES agency_keys (agency_code),
    certificate_der bytea NOT NULL CHECK (octet_length(certificate_der) > 0),
    public_key_der  bytea NOT NULL CHECK (octet_length(public_key_der) > 0), -- the key it certifies
    not_after       timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);

-- +goose Down
DROP TABLE agency_certificates;
DROP TABLE signing_ca;
