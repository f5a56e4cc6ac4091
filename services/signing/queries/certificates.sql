-- The development certificate authority (signing_ca, one row) and the agencies' certificates it
-- issued (agency_certificates), for DBCertificates.

-- name: CAGet :one
SELECT certificate_der, private_key_der FROM signing_ca;

-- name: CACertificate :one
SELECT certificate_der FROM signing_ca;

-- name: CAInsert :exec
-- Another transaction's CA, if it won the race, stays.
INSERT INTO signing_ca (certificate_der, private_key_der, created_at) VALUES (@certificate_der, @private_key_der, @created_at)
ON CONFLICT (singleton) DO NOTHING;

-- name: AgencyCertificate :one
SELECT certificate_der, public_key_der FROM agency_certificates WHERE agency_code = $1;

-- name: AgencyCertificateUpsert :exec
-- The stored certificate is replaced only when it no longer fits: expired at created_at, or for
-- another key (a concurrent writer's certificate that does fit stays).
INSERT INTO agency_certificates (agency_code, certificate_der, public_key_der, not_after, created_at)
VALUES (@agency_code, @certificate_der, @public_key_der, @not_after, @created_at)
ON CONFLICT (agency_code) DO UPDATE SET certificate_der = EXCLUDED.certificate_der,
    public_key_der = EXCLUDED.public_key_der, not_after = EXCLUDED.not_after, created_at = EXCLUDED.created_at
WHERE agency_certificates.not_after <= @created_at OR agency_certificates.public_key_der <> EXCLUDED.public_key_der;
