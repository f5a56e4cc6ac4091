-- The one-off reads of Backfill (backfill.go): what results, payment_items, cases and agencies
-- held before held_documents existed, and no holder has yet. Those tables are owned by
-- services/cases (cases, results), services/payment and services/catalogue; these reads are
-- here, not theirs, because each is joined against held_documents (only what nobody holds is
-- read) and services/payment imports this package.

-- name: BackfillResults :many
-- The next batch of results held by nobody, by code after after.
SELECT r.code, r.issued_at, r.agency_code, coalesce(a.name_vi, '')::text AS agency_name,
    c.id AS case_id, c.code AS case_code, c.procedure_code, c.applicant_pid, c.citizen_id, c.parties
FROM results r
JOIN cases c ON c.id = r.case_id
LEFT JOIN agencies a ON a.code = r.agency_code
WHERE r.kind = 'result' AND r.code > sqlc.arg(after)::text
    AND NOT EXISTS (SELECT 1 FROM held_documents h WHERE h.provenance = 'issued' AND h.result_code = r.code)
ORDER BY r.code
LIMIT sqlc.arg(batch)::int;

-- name: BackfillReceipts :many
-- The paid items whose e-receipt nobody holds, with their case's applicant.
SELECT p.id, p.citizen_id, c.applicant_pid, p.case_code, p.agency_code, p.recipient_vi, p.name_vi,
    p.paid_at::timestamptz AS paid_at -- not null: paid
FROM payment_items p JOIN cases c ON c.id = p.case_id
WHERE p.state = 'paid' AND p.paid_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM held_documents h WHERE h.provenance = 'ereceipt' AND h.payment_item_id = p.id)
ORDER BY p.id;
