-- +goose Up
-- A citizen's application before it is submitted. answers holds what the citizen entered and
-- what was prefilled; prefill holds each prefilled value with its provenance (database, record,
-- retrieved at) and whether it is locked. A draft is submitted at most once: its id is the
-- idempotency key of the case it becomes.
CREATE TABLE drafts (
    id                uuid PRIMARY KEY,
    citizen_id        bigint NOT NULL REFERENCES citizens (id),
    procedure_code    text NOT NULL,
    procedure_version integer NOT NULL,
    consent_id        bigint REFERENCES consents (id),
    answers           jsonb NOT NULL DEFAULT '{}',
    prefill           jsonb NOT NULL DEFAULT '{}',
    unavailable       text[] NOT NULL DEFAULT '{}', -- databases that did not answer at prefill
    step              integer NOT NULL DEFAULT 0 CHECK (step >= 0),
    completed_steps   integer[] NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    submitted_at      timestamptz,
    FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedure_versions (procedure_code, version)
);
CREATE INDEX drafts_citizen_idx ON drafts (citizen_id, updated_at DESC);
CREATE INDEX drafts_expiry_idx ON drafts (expires_at) WHERE submitted_at IS NULL;

-- Files a citizen uploads to a draft (and later to a supplement). The bytes live behind a small
-- blob-store interface; the PostgreSQL store keeps them in attachment_blobs.
CREATE TABLE attachment_blobs (
    sha256  bytea PRIMARY KEY CHECK (octet_length(sha256) = 32),
    content bytea NOT NULL
);
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    citizen_id   bigint NOT NULL REFERENCES citizens (id),
    draft_id     uuid REFERENCES drafts (id) ON DELETE CASCADE,
    field        text NOT NULL,
    file_name    text NOT NULL CHECK (file_name <> '' AND length(file_name) <= 200),
    content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
    sha256       bytea NOT NULL CHECK (octet_length(sha256) = 32),
    created_at   timestamptz NOT NULL
);
CREATE INDEX attachments_draft_idx ON attachments (draft_id, field);

-- Cases: submitted applications. The code is readable: <agency code>-<yyMMdd>-<4-digit sequence
-- of that agency and day>. status holds the national status codes 1–10.
CREATE TABLE case_code_counters (
    agency_code text NOT NULL,
    day         date NOT NULL,
    last        integer NOT NULL,
    PRIMARY KEY (agency_code, day)
);
CREATE TABLE cases (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text NOT NULL UNIQUE,
    draft_id          uuid NOT NULL UNIQUE REFERENCES drafts (id), -- the idempotency key
    citizen_id        bigint NOT NULL REFERENCES citizens (id),
    applicant_pid     text NOT NULL CHECK (applicant_pid ~ '^[0-9]{12}$'),
    applicant_name    text NOT NULL,
    procedure_code    text NOT NULL,
    procedure_version integer NOT NULL,
    agency_code       text NOT NULL REFERENCES agencies (code),
    status            smallint NOT NULL CHECK (status BETWEEN 1 AND 10),
    submitted_at      timestamptz NOT NULL,
    received_at       timestamptz,
    expected_due_on   date NOT NULL, -- the date promised on the receipt, if received the next working day
    due_on            date,          -- set when the agency receives the case
    data              jsonb NOT NULL, -- snapshot of the submitted answers
    provenance        jsonb NOT NULL, -- per field: database, record, retrieved at, or self-declared
    FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedure_versions (procedure_code, version)
);
CREATE INDEX cases_citizen_idx ON cases (citizen_id, submitted_at DESC);
CREATE INDEX cases_agency_status_idx ON cases (agency_code, status, due_on);
ALTER TABLE attachments ADD COLUMN case_id bigint REFERENCES cases (id);

CREATE TABLE case_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    at          timestamptz NOT NULL,
    actor_kind  text NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'system')),
    actor_id    text NOT NULL,
    actor_name  text NOT NULL,
    from_status smallint CHECK (from_status BETWEEN 1 AND 10),
    to_status   smallint NOT NULL CHECK (to_status BETWEEN 1 AND 10),
    note        text NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);

-- A citizen's report that a prefilled value is wrong, for the responsible database.
CREATE TABLE discrepancy_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_id     bigint NOT NULL REFERENCES citizens (id),
    draft_id       uuid REFERENCES drafts (id) ON DELETE SET NULL,
    database       text NOT NULL CHECK (database IN ('population', 'land', 'insurance')),
    record_ref     text NOT NULL,
    attribute      text NOT NULL,
    shown_value    text NOT NULL,
    comment        text NOT NULL CHECK (length(comment) BETWEEN 1 AND 1000),
    created_at     timestamptz NOT NULL
);

-- +goose Down
DROP TABLE discrepancy_reports;
DROP TABLE case_events;
ALTER TABLE attachments DROP COLUMN case_id;
DROP TABLE cases;
DROP TABLE case_code_counters;
DROP TABLE attachments;
DROP TABLE attachment_blobs;
DROP TABLE drafts;
