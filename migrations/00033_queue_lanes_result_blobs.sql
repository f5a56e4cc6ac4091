-- +goose Up
-- The officer's queue sorts late cases first (case_is_overdue with today's date), then by due
-- date and id. Lateness depends on today, so no index can hold that order; the lane a case is in
-- does not, and within each lane the order of (sort_due, id) tells lateness apart:
--   0 open and flagged late: always late
--   1 open, unflagged, its clock running and not paused, with a legal due date: late exactly
--     when sort_due (= due_on) is before today
--   2 the other open cases (new, awaiting a supplement, paused): never late
--   3 finished and flagged late: always late
--   4 finished, unflagged: never late
--   5 open, unflagged, its clock running, not paused, without a legal due date (no case should
--     be so; kept apart so that a status filter need not read lane 2): never late
-- So "late" is lanes 0 and 3 plus lane 1 before today, "on time" is lane 1 from today plus
-- lanes 2, 4 and 5: each a range of cases_queue_lane_idx, and services/cases.Queue reads a page
-- as a few index-ordered ranges of at most a page each, whatever the agency's size. The same
-- rule as case_is_overdue; TestQueueLanesAgree checks the two against each other.
ALTER TABLE cases ADD COLUMN queue_lane smallint NOT NULL GENERATED ALWAYS AS (CASE
    WHEN status IN (3, 8, 9, 10) THEN CASE WHEN overdue THEN 3 ELSE 4 END
    WHEN overdue THEN 0
    WHEN status IN (2, 4, 6, 7) AND paused_at IS NULL THEN CASE WHEN due_on IS NULL THEN 5 ELSE 1 END
    ELSE 2 END) STORED;
CREATE INDEX cases_queue_lane_idx ON cases (agency_code, queue_lane, sort_due, id);

-- An issued result's PDF is kept in the blob store (services/blobstore: this database's
-- attachment_blobs, or an S3 bucket) under blob_sha256, the SHA-256 of the stored bytes; the
-- pdf column holds only the results issued before this release.
ALTER TABLE results ALTER COLUMN pdf DROP NOT NULL,
    ADD COLUMN blob_sha256 bytea CHECK (octet_length(blob_sha256) = 32),
    ADD CONSTRAINT results_pdf_kept CHECK (pdf IS NOT NULL OR blob_sha256 IS NOT NULL);
CREATE INDEX results_blob_sha256_idx ON results (blob_sha256) WHERE blob_sha256 IS NOT NULL;

-- blob_references is every content of the blob store something names: an attachment or a
-- result. A content it does not list may be collected.
CREATE VIEW blob_references AS
    SELECT sha256 FROM attachments
    UNION ALL
    SELECT blob_sha256 FROM results WHERE blob_sha256 IS NOT NULL;

-- The timeline's months are archived and detached as the data-access log's are (`portal audit
-- export|detach -table case_events`, services/cases): case_event_archives records what each
-- month's signed archive holds, and case_event_anchors the newest event of each case in a
-- detached month, so that its chain goes on from there: case_events_chain links a case's next
-- event to its anchor when none of its events is attached any more, and VerifyEvents starts
-- from it.
CREATE TABLE case_event_archives (
    month           date PRIMARY KEY CHECK (extract(day FROM month) = 1),
    rows            bigint NOT NULL CHECK (rows >= 0),
    max_id          bigint NOT NULL CHECK (max_id >= 0),
    archive_sha256  bytea NOT NULL CHECK (octet_length(archive_sha256) = 32),
    key_fingerprint text NOT NULL CHECK (key_fingerprint <> ''),
    exported_at     timestamptz NOT NULL,
    detached_at     timestamptz
);
CREATE TABLE case_event_anchors (
    case_id bigint PRIMARY KEY REFERENCES cases (id),
    seq     integer NOT NULL CHECK (seq > 0),
    hash    bytea NOT NULL CHECK (octet_length(hash) = 32),
    at      timestamptz NOT NULL,
    month   date NOT NULL -- the detached month it was in
);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION case_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq  integer;
    last_hash bytea;
BEGIN
    PERFORM 1 FROM cases WHERE id = NEW.case_id FOR UPDATE;
    SELECT seq, hash INTO last_seq, last_hash
        FROM case_events WHERE case_id = NEW.case_id ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        SELECT seq, hash INTO last_seq, last_hash FROM case_event_anchors WHERE case_id = NEW.case_id;
    END IF;
    IF NOT FOUND THEN
        last_seq := 0;
        last_hash := decode(repeat('00', 32), 'hex');
    END IF;
    IF NEW.action = '' AND NEW.from_status IS NULL THEN
        NEW.action := 'submit';
    END IF;
    IF NEW.role = '' AND NEW.actor_kind = 'citizen' THEN
        NEW.role := 'citizen';
    END IF;
    NEW.seq := last_seq + 1;
    NEW.prev_hash := last_hash;
    NEW.hash := case_event_hash(last_hash, NEW);
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

-- +goose Down
DROP VIEW blob_references;
DROP INDEX results_blob_sha256_idx;
ALTER TABLE results DROP CONSTRAINT results_pdf_kept, DROP COLUMN blob_sha256;
DROP INDEX cases_queue_lane_idx;
ALTER TABLE cases DROP COLUMN queue_lane;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION case_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq  integer;
    last_hash bytea;
BEGIN
    PERFORM 1 FROM cases WHERE id = NEW.case_id FOR UPDATE;
    SELECT seq, hash INTO last_seq, last_hash
        FROM case_events WHERE case_id = NEW.case_id ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        last_seq := 0;
        last_hash := decode(repeat('00', 32), 'hex');
    END IF;
    IF NEW.action = '' AND NEW.from_status IS NULL THEN
        NEW.action := 'submit';
    END IF;
    IF NEW.role = '' AND NEW.actor_kind = 'citizen' THEN
        NEW.role := 'citizen';
    END IF;
    NEW.seq := last_seq + 1;
    NEW.prev_hash := last_hash;
    NEW.hash := case_event_hash(last_hash, NEW);
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
DROP TABLE case_event_anchors;
DROP TABLE case_event_archives;
