-- The people a case is about, by personal ID (the snapshot of every party is cases.parties).

-- name: CasePartiesInsert :exec
-- A new case's parties with a personal ID, in one statement: one array a column.
INSERT INTO case_parties (case_id, party, personal_id)
SELECT sqlc.arg(case_id)::bigint, p.party, p.personal_id
FROM (SELECT unnest(sqlc.arg(parties)::text[]) AS party, unnest(sqlc.arg(personal_ids)::text[]) AS personal_id) p;

-- name: CasesAboutPerson :many
-- The cases others filed about a person (as the subject, a parent, a partner…), newest first,
-- with who filed them and in which capacity, and the one rule of lateness.
SELECT c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.expected_due_on, c.due_on,
    case_is_overdue(c.overdue, c.status, c.due_on, c.paused_at, sqlc.arg(today)::date) AS is_overdue,
    c.applicant_name, cp.party, c.parties
FROM case_parties cp JOIN cases c ON c.id = cp.case_id
WHERE cp.personal_id = sqlc.arg(personal_id) AND c.applicant_pid <> sqlc.arg(personal_id)
ORDER BY c.submitted_at DESC, c.id DESC LIMIT 200;
