-- +goose Up
-- The work queue sorts an agency's cases by due date: the legal one once received, the promised
-- one before. A stored column and one index keep every page — the first or the ten-thousandth —
-- a short index scan (keyset pagination), however many cases there are.
ALTER TABLE cases ADD COLUMN sort_due date GENERATED ALWAYS AS (coalesce(due_on, expected_due_on)) STORED;
CREATE INDEX cases_queue_idx ON cases (agency_code, sort_due, id);
CREATE INDEX cases_queue_status_idx ON cases (agency_code, status, sort_due, id);

-- +goose Down
DROP INDEX cases_queue_status_idx;
DROP INDEX cases_queue_idx;
ALTER TABLE cases DROP COLUMN sort_due;
