-- The supervisor's figures of an agency's casework (services/stats). "Reached status X at T" is
-- read from the timeline (case_events), the present state from cases. A Vietnam civil date of
-- an instant is ((at AT TIME ZONE 'UTC') + interval '7 hours')::date, whatever the session's
-- time zone (a fixed +7 hours, as services/calendar reasons).

-- name: AgencyCaseFigures :one
-- The cases received in [from_at, to_at): the receipt, New (1) → Received (2); a case back at
-- Received after a refused withdrawal (7 → 2) was received before, not again. And the running
-- cases now, and of them those late today by the one rule of lateness.
SELECT
    (SELECT count(DISTINCT e.case_id) FROM case_events e JOIN cases r ON r.id = e.case_id
        WHERE r.agency_code = sqlc.arg(agency) AND e.from_status = 1 AND e.to_status = 2
          AND e.at >= sqlc.arg(from_at) AND e.at < sqlc.arg(to_at))::bigint AS received,
    count(*) AS in_progress,
    count(*) FILTER (WHERE case_is_overdue(overdue, status, due_on, paused_at, sqlc.arg(today)::date)) AS overdue
FROM cases
WHERE agency_code = sqlc.arg(agency) AND status = ANY(sqlc.arg(running)::smallint[]);

-- name: AgencyDecisions :one
-- The decisions of [from_at, to_at): a case's first arrival at Done (9) in the window, not a
-- reassignment (9 → 9); and how many of them were made, in Vietnam, on or before the due date.
SELECT count(*) AS decided,
    count(*) FILTER (WHERE ((d.at AT TIME ZONE 'UTC') + interval '7 hours')::date <= d.due_on) AS on_time
FROM (SELECT DISTINCT ON (e.case_id) e.at, c.due_on
    FROM case_events e JOIN cases c ON c.id = e.case_id
    WHERE c.agency_code = sqlc.arg(agency) AND e.to_status = 9 AND e.from_status IS DISTINCT FROM 9
      AND e.at >= sqlc.arg(from_at) AND e.at < sqlc.arg(to_at)
    ORDER BY e.case_id, e.at) d;

-- name: AgencyMeanDays :many
-- Per procedure, the mean time in days of 24 hours from reception to decision of the cases
-- decided since then.
SELECT c.procedure_code, count(*) AS cases,
    avg(extract(epoch FROM d.at - c.received_at) / 86400)::float8 AS mean_days
FROM (SELECT DISTINCT ON (e.case_id) e.case_id, e.at
    FROM case_events e JOIN cases x ON x.id = e.case_id
    WHERE x.agency_code = sqlc.arg(agency) AND e.to_status = 9 AND e.from_status IS DISTINCT FROM 9
      AND e.at >= sqlc.arg(since)
    ORDER BY e.case_id, e.at) d
JOIN cases c ON c.id = d.case_id
WHERE c.received_at IS NOT NULL
GROUP BY c.procedure_code
ORDER BY c.procedure_code;

-- name: AgencyEndingsByWeek :many
-- The cases that finished in [from_at, to_at), by Vietnam week (date_trunc goes back to the
-- Monday): a case finishes when it enters a finished status from an open one, so a delivery
-- after the decision (9 → 10) or a reassignment (9 → 9) is not a second ending. A decision
-- (Done, 9) counts by the case's outcome; one without an outcome (never written by casework)
-- counts as other, like a refusal at intake or a stop.
SELECT date_trunc('week', ((e.at AT TIME ZONE 'UTC') + interval '7 hours')::date)::date AS week,
    count(DISTINCT e.case_id) FILTER (WHERE e.to_status = 9 AND c.outcome = 'approved') AS approved,
    count(DISTINCT e.case_id) FILTER (WHERE e.to_status = 9 AND c.outcome = 'refused') AS refused,
    count(DISTINCT e.case_id) FILTER (WHERE e.to_status <> 9 OR c.outcome IS NULL) AS other
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE c.agency_code = sqlc.arg(agency) AND e.to_status = ANY(sqlc.arg(finished)::smallint[])
  AND NOT coalesce(e.from_status, 0) = ANY(sqlc.arg(finished)::smallint[])
  AND e.at >= sqlc.arg(from_at) AND e.at < sqlc.arg(to_at)
GROUP BY week
ORDER BY week;
