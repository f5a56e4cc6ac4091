-- +goose Up
-- A citizen's consent to fetch named attributes from national databases for one purpose
-- (a procedure code, or citizen-view for the My data page). Never updated but to withdraw it.
CREATE TABLE consents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_id   bigint NOT NULL REFERENCES citizens (id),
    purpose      text NOT NULL CHECK (purpose ~ '^([0-9]\.[0-9]{6}|citizen-view)$'),
    reference    text NOT NULL CHECK (reference <> ''),
    databases    text[] NOT NULL CHECK (cardinality(databases) > 0 AND databases <@ ARRAY['population', 'land', 'insurance']),
    attributes   text[] NOT NULL CHECK (cardinality(attributes) > 0),
    granted_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    withdrawn_at timestamptz,
    CHECK (expires_at > granted_at),
    CHECK (withdrawn_at IS NULL OR withdrawn_at >= granted_at)
);
CREATE INDEX consents_citizen_idx ON consents (citizen_id, purpose, granted_at DESC);

-- Every access to a citizen's personal data through the portal: registry fetches, staff and
-- helpdesk views. Append-only, and hash-chained: each row's hash covers its content and the
-- previous row's hash, so `portal audit verify` finds any row changed or removed afterwards.
CREATE TABLE data_access_log (
    seq                 bigint PRIMARY KEY CHECK (seq > 0),
    subject_personal_id text NOT NULL CHECK (subject_personal_id ~ '^[0-9]{12}$'),
    actor_kind          text NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'helpdesk', 'system')),
    actor_id            text NOT NULL CHECK (actor_id <> ''),
    actor_name          text NOT NULL,
    actor_role          text NOT NULL,
    purpose             text NOT NULL CHECK (purpose <> ''),
    reference           text NOT NULL,
    databases           text[] NOT NULL,
    attributes          text[] NOT NULL,
    outcome             text NOT NULL CHECK (outcome IN ('ok', 'not_found', 'unavailable', 'denied')),
    accessed_at         timestamptz NOT NULL,
    prev_hash           bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash                bytea NOT NULL UNIQUE CHECK (octet_length(hash) = 32)
);
CREATE INDEX data_access_log_subject_idx ON data_access_log (subject_personal_id, seq DESC);

-- +goose StatementBegin
CREATE FUNCTION data_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'data_access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER data_access_log_no_update BEFORE UPDATE OR DELETE ON data_access_log
    FOR EACH ROW EXECUTE FUNCTION data_access_log_append_only();
CREATE TRIGGER data_access_log_no_truncate BEFORE TRUNCATE ON data_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION data_access_log_append_only();

-- +goose Down
DROP TABLE data_access_log;
DROP FUNCTION data_access_log_append_only();
DROP TABLE consents;
