-- name: CitizenTasks :many
-- The citizen's cases that wait for them (AwaitingCitizen: a supplement to answer, a fee to
-- pay) and those decided in their favour whose result is not yet collected (Done, approved);
-- the nearest due date first; and those whose draft of the result waits for their answer
-- (draft_due_at still ahead, no answer yet).
SELECT code, procedure_code, status, coalesce(payment_amount, 0)::bigint AS payment_amount,
    expected_due_on, due_on,
    coalesce(draft_due_at > sqlc.arg(now)::timestamptz AND draft_answer IS NULL, false)::boolean AS draft_to_confirm, draft_due_at
FROM cases
WHERE citizen_id = sqlc.arg(citizen_id)
    AND (status = ANY(sqlc.arg(awaiting)::smallint[])
        OR (status = sqlc.arg(done)::smallint AND outcome = sqlc.arg(outcome)::text)
        OR (draft_due_at > sqlc.arg(now)::timestamptz AND draft_answer IS NULL))
ORDER BY coalesce(due_on, expected_due_on), submitted_at, id
LIMIT 50;

-- name: CitizenRecentCases :many
-- The citizen's latest cases for the home page, with the one rule of lateness.
SELECT code, procedure_code, agency_code, status, submitted_at, expected_due_on, due_on,
    case_is_overdue(overdue, status, due_on, paused_at, sqlc.arg(today)::date) AS is_overdue
FROM cases WHERE citizen_id = sqlc.arg(citizen_id)
ORDER BY submitted_at DESC, id DESC
LIMIT sqlc.arg(max_rows);

-- name: CitizenCaseCount :one
SELECT count(*) FROM cases WHERE citizen_id = $1;
