-- +goose Up
-- Case codes are never given twice, even after a failover to a replica that had not received the
-- old primary's last commits (asynchronous replication): its counters would be behind numbers
-- already printed on receipts. PostgreSQL starts a new timeline when it promotes a replica. Each
-- counter keeps the timeline of its last number, and jumps ahead (services/cases CodeBlock per
-- timeline crossed) at its first number on a newer one; case_code_timelines records the day each
-- timeline gave its first code and so which days' new counters must start ahead too.
ALTER TABLE case_code_counters ADD COLUMN timeline integer NOT NULL DEFAULT 1 CHECK (timeline > 0);
-- The counters so far belong to the timeline the migration runs on (a primary's).
UPDATE case_code_counters SET timeline = ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int;
ALTER TABLE case_code_counters ALTER COLUMN timeline DROP DEFAULT;

CREATE TABLE case_code_timelines (
    timeline integer PRIMARY KEY CHECK (timeline > 0),
    began_on date NOT NULL -- the civil day (UTC+7) of the timeline's first case code
);

-- +goose Down
DROP TABLE case_code_timelines;
ALTER TABLE case_code_counters DROP COLUMN timeline;
