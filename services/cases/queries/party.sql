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

-- name: CasesOfCitizenAndAboutPerson :many
-- The first page of "Hồ sơ của tôi" in one statement: the citizen's newest own cases, at most
-- page_size (about = false, as CasesOfCitizen), then the cases others filed about the person
-- with that personal ID (about = true, as CasesAboutPerson), each newest first. One statement,
-- not two: the page is the portal's busiest, and each statement is a round trip and a
-- transaction of its own. The next pages are CasesOfCitizenAfter.
SELECT m.about, m.code, m.procedure_code, m.agency_code, m.status, m.submitted_at, m.expected_due_on, m.due_on,
    m.is_overdue, m.subject_name, m.applicant_name, m.party, m.parties
FROM (
    (SELECT false AS about, c.id, c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.expected_due_on, c.due_on,
        case_is_overdue(c.overdue, c.status, c.due_on, c.paused_at, sqlc.arg(today)::date) AS is_overdue,
        coalesce((SELECT p->>'full_name' FROM jsonb_array_elements(c.parties) p WHERE p->>'kind' = 'subject' AND coalesce(p->>'personal_id', '') <> c.applicant_pid LIMIT 1), '')::text AS subject_name,
        ''::text AS applicant_name, ''::text AS party, '[]'::jsonb AS parties
     FROM cases c WHERE c.citizen_id = sqlc.arg(citizen_id) ORDER BY c.submitted_at DESC, c.id DESC LIMIT sqlc.arg(page_size))
    UNION ALL
    (SELECT true, c.id, c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.expected_due_on, c.due_on,
        case_is_overdue(c.overdue, c.status, c.due_on, c.paused_at, sqlc.arg(today)::date),
        ''::text, c.applicant_name, cp.party, c.parties
     FROM case_parties cp JOIN cases c ON c.id = cp.case_id
     WHERE cp.personal_id = sqlc.arg(personal_id) AND c.applicant_pid <> sqlc.arg(personal_id)
     ORDER BY c.submitted_at DESC, c.id DESC LIMIT 200)
) m ORDER BY m.about, m.submitted_at DESC, m.id DESC;

-- name: CasesOfCitizenAfter :many
-- A next page of the citizen's own cases in "Hồ sơ của tôi": those older than the citizen's own
-- case after_code (the last of the page before), newest first, at most page_size. A code that
-- is not one of the citizen's own cases gives no rows.
SELECT c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.expected_due_on, c.due_on,
    case_is_overdue(c.overdue, c.status, c.due_on, c.paused_at, sqlc.arg(today)::date) AS is_overdue,
    coalesce((SELECT p->>'full_name' FROM jsonb_array_elements(c.parties) p WHERE p->>'kind' = 'subject' AND coalesce(p->>'personal_id', '') <> c.applicant_pid LIMIT 1), '')::text AS subject_name
FROM cases c
WHERE c.citizen_id = sqlc.arg(citizen_id)
    AND (c.submitted_at, c.id) < (SELECT a.submitted_at, a.id FROM cases a WHERE a.code = sqlc.arg(after_code) AND a.citizen_id = sqlc.arg(citizen_id))
ORDER BY c.submitted_at DESC, c.id DESC LIMIT sqlc.arg(page_size);
