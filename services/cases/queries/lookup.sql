-- Lookups across agencies: the helpdesk's "where is my file?" (with the timeline's statuses in
-- the same query, never its reasons), public tracking by code, and who a case is for.

-- name: LookupByCode :one
SELECT c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.due_on, c.expected_due_on,
    case_is_overdue(c.overdue, c.status, c.due_on, c.paused_at, sqlc.arg(today)::date) AS is_overdue,
    c.applicant_name, c.applicant_pid, t.ats::timestamptz[] AS timeline_at, t.statuses::smallint[] AS timeline_status
FROM cases c
CROSS JOIN LATERAL (SELECT array_agg(e.at ORDER BY e.id) AS ats, array_agg(e.to_status ORDER BY e.id) AS statuses
    FROM case_events e WHERE e.case_id = c.id) t
WHERE c.code = sqlc.arg(code);

-- name: LookupByPerson :many
-- The cases of a personal ID whose citizen was born on that date (both must match), newest
-- first. citizens belongs to services/citizens: read here only to match the date of birth.
SELECT c.code, c.procedure_code, c.agency_code, c.status, c.submitted_at, c.due_on, c.expected_due_on,
    case_is_overdue(c.overdue, c.status, c.due_on, c.paused_at, sqlc.arg(today)::date) AS is_overdue,
    c.applicant_name, c.applicant_pid, t.ats::timestamptz[] AS timeline_at, t.statuses::smallint[] AS timeline_status
FROM cases c
CROSS JOIN LATERAL (SELECT array_agg(e.at ORDER BY e.id) AS ats, array_agg(e.to_status ORDER BY e.id) AS statuses
    FROM case_events e WHERE e.case_id = c.id) t
WHERE c.applicant_pid = sqlc.arg(personal_id)
  AND EXISTS (SELECT 1 FROM citizens z WHERE z.id = c.citizen_id AND z.birth_date = sqlc.arg(born)::date)
ORDER BY c.submitted_at DESC, c.id DESC LIMIT 50;

-- name: TrackByCode :one
-- Public tracking: the status and due dates, with the one rule of lateness, and the personal ID
-- whose last digits the caller must match.
SELECT status, due_on, expected_due_on,
    case_is_overdue(overdue, status, due_on, paused_at, sqlc.arg(today)::date) AS is_overdue, applicant_pid
FROM cases WHERE code = sqlc.arg(code);

-- name: CaseParties :one
-- Who a case is for: its citizen and the agency it went to.
SELECT citizen_id, agency_code FROM cases WHERE id = $1;

-- name: SupplementAskedOfCode :one
-- What the officer last asked the citizen to supply, and when: the helpdesk's answer to "what
-- must I send?" while the case waits for it. The caller masks it.
SELECT e.reason, e.at FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE c.code = sqlc.arg(code) AND e.action = 'request_supplement'
ORDER BY e.seq DESC LIMIT 1;
