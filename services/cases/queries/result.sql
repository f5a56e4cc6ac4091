-- The signed documents of cases: the result of an approved case, and the apology an agency sends
-- with a new date (one of each kind per case). The agencies' keys that verify them are
-- services/results' own (agency_keys).

-- name: CaseRef :one
-- What a result prints of its case, checked against the case itself.
SELECT code, agency_code, procedure_code FROM cases WHERE id = $1;

-- name: ResultInsert :execrows
-- No row when the verification code is taken: the caller renders again with another.
-- The PDF is either in pdf or, from migration 00033, in the blob store under blob_sha256.
INSERT INTO results (code, kind, case_id, agency_code, procedure_code, verification_code, pdf, blob_sha256, sha256, signature, issued_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (verification_code) DO NOTHING;

-- name: ResultOfCase :one
-- The case's signed document of a kind ('result', 'apology').
SELECT r.code, r.kind, c.code AS case_code, r.agency_code, r.procedure_code, r.verification_code, r.sha256, r.signature,
    r.issued_at, r.downloaded_at, r.pdf, r.blob_sha256
FROM results r JOIN cases c ON c.id = r.case_id
WHERE r.case_id = sqlc.arg(case_id) AND r.kind = sqlc.arg(kind);

-- name: SignedDocumentsOfCase :many
-- What the case pages show of a case's signed documents: no PDF.
SELECT code, kind, verification_code, issued_at, downloaded_at
FROM results WHERE case_id = $1
ORDER BY issued_at, code;

-- name: ResultMarkDownloaded :execrows
UPDATE results SET downloaded_at = sqlc.arg(at)::timestamptz
WHERE code = sqlc.arg(code) AND kind = 'result' AND downloaded_at IS NULL;

-- name: ResultExists :one
SELECT EXISTS (SELECT 1 FROM results WHERE code = $1 AND kind = 'result');

-- name: ResultByVerificationCode :one
SELECT code, kind, procedure_code, agency_code, issued_at, pdf, blob_sha256, sha256, signature
FROM results WHERE verification_code = $1;

-- name: ResultsBySHA256 :many
-- The results whose PDF has this hash (results_sha256_idx), oldest first.
SELECT code, kind, procedure_code, agency_code, issued_at, signature
FROM results WHERE sha256 = $1
ORDER BY issued_at, code;
