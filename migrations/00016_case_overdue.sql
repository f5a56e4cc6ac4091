-- +goose Up
-- case_is_overdue is the one definition of a late case, for every query that shows or counts
-- one (the queue, the supervisor's dashboard and its CSV export, the helpdesk, public tracking,
-- the deadline sweep): a case is late when the sweep or a step already found it late (the flag
-- is kept once a case finishes late), or when it is running with its clock counting
-- (status.ClockRunning: received, processing, payment, withdrawal; not paused for a supplement)
-- and today, in Vietnam, is after its due date. services/cases.Overdue is the same rule in Go;
-- TestOverdueRuleAgreement checks the two against each other on every boundary.
-- A plain SQL expression, so the planner inlines it into the queries that call it.
-- +goose StatementBegin
CREATE FUNCTION case_is_overdue(flagged boolean, status smallint, due_on date, paused_at timestamptz, today date)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT flagged OR coalesce(status IN (2, 4, 6, 7) AND paused_at IS NULL AND due_on < today, false)
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION case_is_overdue(boolean, smallint, date, timestamptz, date);
