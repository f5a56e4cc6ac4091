-- +goose Up
-- Each agency's ECDSA P-256 signing key. The public key (PKIX DER) is always here, because
-- verification reads it. The private key (PKCS#8 DER) is here only in development, where the
-- portal generates it the first time the agency signs; in production it is configured outside
-- the database (one PEM file per agency) and private_key_der stays NULL. One key per agency:
-- replacing it would make the agency's earlier results fail verification.
CREATE TABLE agency_keys (
    agency_code     text PRIMARY KEY REFERENCES agencies (code),
    public_key_der  bytea NOT NULL CHECK (octet_length(public_key_der) > 0),
    private_key_der bytea CHECK (octet_length(private_key_der) > 0),
    created_at      timestamptz NOT NULL
);

-- Electronic results: the signed PDF issued when a case is approved, one per case. code is
-- <case code>-KQ1; verification_code is what anyone types (or scans) on the public
-- verification page. sha256 is the hash of pdf, and signature the agency's ASN.1 ECDSA
-- signature of that hash. downloaded_at is when the citizen first downloaded it.
CREATE TABLE results (
    code              text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]+-KQ[0-9]+$'),
    case_id           bigint NOT NULL UNIQUE REFERENCES cases (id),
    agency_code       text NOT NULL REFERENCES agencies (code),
    procedure_code    text NOT NULL,
    verification_code text NOT NULL UNIQUE
        CHECK (verification_code ~ '^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$'),
    pdf               bytea NOT NULL CHECK (octet_length(pdf) > 0),
    sha256            bytea NOT NULL CHECK (octet_length(sha256) = 32),
    signature         bytea NOT NULL CHECK (octet_length(signature) > 0),
    issued_at         timestamptz NOT NULL,
    downloaded_at     timestamptz,
    -- A result can only be verified with its agency's public key.
    FOREIGN KEY (agency_code) REFERENCES agency_keys (agency_code)
);
-- Verification of an uploaded PDF finds the result by its hash.
CREATE INDEX results_sha256_idx ON results (sha256);

-- +goose Down
DROP TABLE results;
DROP TABLE agency_keys;
