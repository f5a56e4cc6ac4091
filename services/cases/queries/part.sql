-- The parts of a case of a linked procedure, each decided by its own agency (case_parts). The
-- columns are named, seq first, so that sqlc gives each read its own row type and the shared
-- models.go stays as it is.

-- name: PartsInsert :exec
-- A new case's parts, in one statement: one array a column. The lead's (seq 1) is pending at
-- the case's agency from the submission; the others wait for it.
INSERT INTO case_parts (case_id, seq, kind, name_vi, name_en, agency_code, days, status, sent_at)
SELECT sqlc.arg(case_id)::bigint, p.seq, p.kind, p.name_vi, p.name_en, p.agency_code, p.days,
    CASE WHEN p.seq = 1 THEN 'pending' ELSE 'waiting' END,
    CASE WHEN p.seq = 1 THEN sqlc.arg(submitted_at)::timestamptz END
FROM (SELECT unnest(sqlc.arg(seqs)::smallint[]) AS seq, unnest(sqlc.arg(kinds)::text[]) AS kind,
    unnest(sqlc.arg(names_vi)::text[]) AS name_vi, unnest(sqlc.arg(names_en)::text[]) AS name_en,
    unnest(sqlc.arg(agency_codes)::text[]) AS agency_code, unnest(sqlc.arg(days)::integer[]) AS days) p;

-- name: PartsOfCase :many
SELECT seq, case_id, kind, name_vi, name_en, agency_code, days, status, sent_at, due_on, done_at, done_by, done_by_name, reference, note
FROM case_parts WHERE case_id = $1 ORDER BY seq;

-- name: PartsOfCaseForUpdate :many
-- A step's parts, locked until its transaction ends (after the case's row).
SELECT seq, case_id, kind, name_vi, name_en, agency_code, days, status, sent_at, due_on, done_at, done_by, done_by_name, reference, note
FROM case_parts WHERE case_id = $1 ORDER BY seq FOR UPDATE;

-- name: PartUpdate :execrows
-- A part's new state, if it is still in the status the step read.
UPDATE case_parts SET status = sqlc.arg(status), sent_at = sqlc.arg(sent_at), due_on = sqlc.arg(due_on),
    done_at = sqlc.arg(done_at), done_by = sqlc.arg(done_by), done_by_name = sqlc.arg(done_by_name),
    reference = sqlc.arg(reference), note = sqlc.arg(note)
WHERE case_id = sqlc.arg(case_id) AND seq = sqlc.arg(seq) AND status = sqlc.arg(was);

-- name: PartsOfAgency :batchmany
-- An agency's linked work on cases in processing, by due date: the parts pending at it (not the
-- lead's, which are its cases), and the parts of its own cases that another agency returned to
-- it. With the case's code and procedure and the name of whom the case is about (the child). A
-- batch query, so that the queue page sends it in the one round trip of its page (QueueScreen).
SELECT p.case_id, p.seq, p.kind, p.name_vi, p.name_en, p.agency_code, p.days, p.status, p.sent_at, p.due_on, p.note,
    c.code, c.procedure_code, c.agency_code AS lead_agency_code,
    coalesce((SELECT e->>'full_name' FROM jsonb_array_elements(c.parties) e WHERE e->>'kind' = 'subject' LIMIT 1), '')::text AS subject_name
FROM case_parts p JOIN cases c ON c.id = p.case_id
WHERE p.agency_code = sqlc.arg(agency_code) AND p.status = 'pending' AND p.seq > 1
    AND c.status = sqlc.arg(processing)::smallint
UNION ALL
SELECT p.case_id, p.seq, p.kind, p.name_vi, p.name_en, p.agency_code, p.days, p.status, p.sent_at, p.due_on, p.note,
    c.code, c.procedure_code, c.agency_code AS lead_agency_code,
    coalesce((SELECT e->>'full_name' FROM jsonb_array_elements(c.parties) e WHERE e->>'kind' = 'subject' LIMIT 1), '')::text AS subject_name
FROM case_parts p JOIN cases c ON c.id = p.case_id
WHERE p.status = 'returned' AND c.agency_code = sqlc.arg(agency_code) AND c.status = sqlc.arg(processing)::smallint
ORDER BY due_on NULLS LAST, code, seq
LIMIT 200;

-- name: CaseIDOfPartAgency :one
-- The id of a case by code for an agency that holds one of its parts, once that part has
-- reached it.
SELECT c.id FROM cases c
WHERE c.code = sqlc.arg(code) AND EXISTS (SELECT 1 FROM case_parts p
    WHERE p.case_id = c.id AND p.agency_code = sqlc.arg(agency_code) AND p.seq > 1 AND p.status <> 'waiting');
