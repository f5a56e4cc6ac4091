-- The case row: the submission's snapshot and the life cycle's state. Every query returns the
-- whole row (sqlc.embed) so that one Go type, cases.Case, is the case everywhere.

-- name: CaseByID :one
SELECT sqlc.embed(c), EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id) AS apology_sent
FROM cases c WHERE c.id = $1;

-- name: CaseByIDForUpdate :one
-- The row lock of a step: held until the step's transaction ends.
SELECT sqlc.embed(c), EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id) AS apology_sent
FROM cases c WHERE c.id = $1 FOR UPDATE OF c;

-- name: CaseByCodeOfCitizen :one
SELECT sqlc.embed(c), EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id) AS apology_sent
FROM cases c WHERE c.code = $1 AND c.citizen_id = $2;

-- name: CaseByCodeOfAgency :one
SELECT sqlc.embed(c), EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id) AS apology_sent
FROM cases c WHERE c.code = $1 AND c.agency_code = $2;

-- name: CaseByDraft :one
SELECT sqlc.embed(c), EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id) AS apology_sent
FROM cases c WHERE c.draft_id = $1 AND c.citizen_id = $2;

-- name: CaseIDByCode :one
SELECT id FROM cases WHERE code = $1;

-- name: CasesOfCitizen :many
-- The citizen's list, newest first, with the one rule of lateness.
SELECT code, procedure_code, agency_code, status, submitted_at, expected_due_on, due_on,
    case_is_overdue(overdue, status, due_on, paused_at, sqlc.arg(today)::date) AS is_overdue,
    coalesce((SELECT p->>'full_name' FROM jsonb_array_elements(parties) p WHERE p->>'kind' = 'subject' AND coalesce(p->>'personal_id', '') <> applicant_pid LIMIT 1), '')::text AS subject_name
FROM cases WHERE citizen_id = sqlc.arg(citizen_id) ORDER BY submitted_at DESC, id DESC LIMIT 200;

-- name: CaseNextCode :one
-- The agency's next number of the day; the upsert locks the counter row, so concurrent
-- submissions get distinct numbers. A new row starts at last (1, or further on a new timeline's
-- first days); a row whose last number was given on an older timeline (before a failover) jumps
-- 1000 (cases.CodeBlock) per timeline crossed. It also reserves the ids of the case and of its
-- first event, so that the statements after it, which need them, go in one round trip
-- (CaseInsert, EventInsertReserved) while the row stays locked.
INSERT INTO case_code_counters (agency_code, day, last, timeline) VALUES ($1, $2, $3, $4)
ON CONFLICT (agency_code, day) DO UPDATE SET
    last = case_code_counters.last + 1 + CASE WHEN case_code_counters.timeline < EXCLUDED.timeline
        THEN 1000 * (EXCLUDED.timeline - case_code_counters.timeline) ELSE 0 END,
    timeline = greatest(case_code_counters.timeline, EXCLUDED.timeline)
RETURNING last, nextval(pg_get_serial_sequence('cases', 'id'))::bigint AS case_id,
    nextval(pg_get_serial_sequence('case_events', 'id'))::bigint AS event_id;

-- name: CaseCodeTimeline :one
-- The timeline of the server this runs on (a promotion starts a new one): the first eight hex
-- digits of the current WAL file's name.
SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int AS timeline;

-- name: CaseCodeTimelineBegin :exec
-- The timeline's first case code is given today, unless it gave one before.
INSERT INTO case_code_timelines (timeline, began_on) VALUES ($1, $2) ON CONFLICT (timeline) DO NOTHING;

-- name: CaseCodeEpoch :one
-- The civil day of the timeline's first case code, and the timeline before it (0: none).
SELECT t.began_on, coalesce((SELECT max(p.timeline) FROM case_code_timelines p WHERE p.timeline < t.timeline), 0)::int AS previous
FROM case_code_timelines t WHERE t.timeline = $1;

-- name: CaseInsert :batchone
-- The submitted case, with the id CaseNextCode reserved; a batch query, sent in one round trip
-- with the statements that follow it in the submission.
INSERT INTO cases (id, code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
    agency_code, status, submitted_at, expected_due_on, data, provenance, parties, routing_reason_vi, routing_reason_en)
OVERRIDING SYSTEM VALUE
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
RETURNING *;

-- name: CaseUpdateState :execrows
-- A step's new state, if the case is still at the version the step read.
UPDATE cases SET status = $3, prev_status = $4, outcome = $5, received_at = $6, due_on = $7, paused_at = $8,
    paused_days = $9, assigned_to = $10, assigned_name = $11, overdue = $12, payment_amount = $13, paid_at = $14,
    resubmitted_at = $15, draft_due_at = $16, draft_answer = $17, version = version + 1
WHERE id = $1 AND version = $2;

-- name: CasesToRecompute :many
-- The open, received cases whose due date follows the calendar: not those promised a new date
-- by an apology.
SELECT c.id, c.procedure_code, c.received_at, c.paused_days, c.due_on
FROM cases c
WHERE c.status = ANY(sqlc.arg(running)::smallint[]) AND c.received_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id);

-- name: CaseSetDueOn :exec
UPDATE cases SET due_on = $2 WHERE id = $1;

-- name: CasesFlagOverdue :execrows
-- The sweep: flag the cases the rule finds late today. The explicit status list lets the
-- planner use cases_running_due_idx.
UPDATE cases SET overdue = true
WHERE NOT overdue AND status = ANY(sqlc.arg(clock_running)::smallint[]) AND due_on < sqlc.arg(today)::date
  AND case_is_overdue(false, status, due_on, paused_at, sqlc.arg(today)::date);

-- name: CasesDueSoon :many
-- The running cases due between today and the horizon not yet reminded of today.
SELECT agency_code, id, code, procedure_code, status, due_on, coalesce(assigned_to, '')::text AS assigned_to
FROM cases
WHERE status = ANY(sqlc.arg(clock_running)::smallint[]) AND paused_at IS NULL
  AND due_on BETWEEN sqlc.arg(today)::date AND sqlc.arg(horizon)::date
  AND (reminded_on IS NULL OR reminded_on < sqlc.arg(today)::date)
ORDER BY agency_code, due_on, id;

-- name: CasesMarkReminded :exec
UPDATE cases SET reminded_on = sqlc.arg(today)::date WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: CasesAwaitingReceipt :many
-- The cases still to be received whose intake window started before the cut-off (at submission,
-- or at the answer to reception's request: cases_new_idx) and not yet flagged.
SELECT id, agency_code, submitted_at, resubmitted_at FROM cases
WHERE status = 1 AND NOT receipt_overdue AND coalesce(resubmitted_at, submitted_at) < sqlc.arg(cutoff)::timestamptz;

-- name: CasesFlagReceiptOverdue :execrows
UPDATE cases SET receipt_overdue = true WHERE id = ANY(sqlc.arg(ids)::bigint[]) AND status = 1;
