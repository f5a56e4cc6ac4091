-- The demo history (portal seed demo, services/cases/demo.go): made-up cases flagged demo.

-- name: CaseInsertDemo :one
INSERT INTO cases (code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
    agency_code, status, submitted_at, received_at, expected_due_on, due_on, data, provenance, prev_status,
    outcome, paused_at, assigned_to, assigned_name, overdue, payment_amount, demo)
VALUES (sqlc.arg(code), sqlc.arg(draft_id), sqlc.arg(citizen_id), sqlc.arg(applicant_pid), sqlc.arg(applicant_name),
    sqlc.arg(procedure_code), sqlc.arg(procedure_version), sqlc.arg(agency_code), sqlc.arg(status),
    sqlc.arg(submitted_at), sqlc.narg(received_at), sqlc.arg(expected_due_on), sqlc.narg(due_on), '{}', '{}',
    sqlc.narg(prev_status), sqlc.narg(outcome), sqlc.narg(paused_at), sqlc.narg(assigned_to),
    sqlc.arg(assigned_name), sqlc.arg(overdue), sqlc.narg(payment_amount), true)
RETURNING id;

-- name: CasesDemoCount :one
SELECT count(*) FROM cases WHERE demo;
