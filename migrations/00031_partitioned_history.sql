-- +goose Up
-- The two histories that grow without end, data_access_log (a row for every read of anyone's
-- data) and case_events (every step of every case), become tables partitioned by month of their
-- time (accessed_at, at), in UTC: one table per month, named <table>_YYYY_MM, and a
-- <table>_default for a time outside them. A month's partition can then be exported, detached
-- and archived (`portal audit export`, `portal audit detach`) without rewriting the rest, and a
-- query of one month reads one month. The jobs service creates the coming months' partitions
-- every day (ensure_monthly_partitions); this migration creates those of the months present in
-- the data and of the next three.
--
-- A partitioned table's unique keys must include its partition key, so:
--   data_access_log: the primary key is (seq, accessed_at); seq still comes from one sequence, so
--     it stays unique across partitions. The unique hash and the unique (subject, subject_seq)
--     go: a citizen's chain is written under its advisory lock (services/audit) and `portal
--     audit verify` finds any fork or gap.
--   case_events: the primary key is (id, at); id still comes from one identity, so it stays
--     unique. The unique (case_id, seq) becomes an index: seq is assigned under the case's row
--     lock by case_events_chain. The foreign keys to case_events (id) of case_apologies and
--     notifications, which PostgreSQL cannot point at a partitioned table's id alone, become
--     constraint triggers that check the event exists (case_event_exists).

-- +goose StatementBegin
-- ensure_monthly_partitions creates the monthly partitions of parent (range-partitioned on one
-- timestamptz column) for the UTC month of at and the months_ahead months after it, and the
-- default partition, when they are missing; it returns the names it created. Rows of such a
-- month already in the default partition move to the new month's partition (detaching and
-- re-attaching the default, in the caller's transaction). Calling it again does nothing.
CREATE FUNCTION ensure_monthly_partitions(parent regclass, at timestamptz, months_ahead integer)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    base    text;
    key     text;
    def     regclass;
    m       timestamp;
    lo      timestamptz;
    hi      timestamptz;
    part    text;
    crowded boolean;
BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 120 THEN
        RAISE EXCEPTION 'ensure_monthly_partitions: months_ahead % is not between 0 and 120', months_ahead;
    END IF;
    SELECT c.relname, a.attname INTO base, key
        FROM pg_partitioned_table p
        JOIN pg_class c ON c.oid = p.partrelid
        JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
        WHERE p.partrelid = parent AND p.partstrat = 'r' AND p.partnatts = 1;
    IF key IS NULL THEN
        RAISE EXCEPTION 'ensure_monthly_partitions: % is not partitioned by range of one column', parent;
    END IF;
    -- One caller at a time per table: two would both find a month missing.
    PERFORM pg_advisory_xact_lock(hashtext('ensure_monthly_partitions'), hashtext(parent::text));
    SELECT nullif(p.partdefid, 0)::regclass INTO def FROM pg_partitioned_table p WHERE p.partrelid = parent;
    IF def IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %s DEFAULT', base || '_default', parent);
        def := (base || '_default')::regclass;
        RETURN NEXT base || '_default';
    END IF;
    FOR i IN 0..months_ahead LOOP
        m := date_trunc('month', at AT TIME ZONE 'UTC') + make_interval(months => i);
        lo := m AT TIME ZONE 'UTC';
        hi := (m + interval '1 month') AT TIME ZONE 'UTC';
        part := base || '_' || to_char(m, 'YYYY_MM');
        IF to_regclass(quote_ident(part)) IS NOT NULL THEN
            CONTINUE; -- made already, or detached for archiving and not dropped yet
        END IF;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I >= $1 AND %I < $2)', def, key, key)
            INTO crowded USING lo, hi;
        IF NOT crowded THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', part, parent, lo, hi);
        ELSE
            -- Detached, the default partition loses the parent's triggers (append-only
            -- included), so its rows of the month can move without firing them.
            EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', parent, def);
            EXECUTE format('CREATE TABLE %I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
            EXECUTE format('INSERT INTO %I SELECT * FROM %s WHERE %I >= $1 AND %I < $2', part, def, key, key) USING lo, hi;
            EXECUTE format('DELETE FROM %s WHERE %I >= $1 AND %I < $2', def, key, key) USING lo, hi;
            EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, lo, hi);
            EXECUTE format('ALTER TABLE %s ATTACH PARTITION %s DEFAULT', parent, def);
        END IF;
        RETURN NEXT part;
    END LOOP;
END;
$$;
-- +goose StatementEnd

-- data_access_log: the same columns in the same order, partitioned by accessed_at; the rows
-- move over with their seq, and the sequence stays the same object.
ALTER SEQUENCE data_access_log_seq OWNED BY NONE;
ALTER TABLE data_access_log RENAME TO data_access_log_unpartitioned;
CREATE TABLE data_access_log (
    seq                 bigint NOT NULL DEFAULT nextval('data_access_log_seq'),
    subject_personal_id text NOT NULL,
    actor_kind          text NOT NULL,
    actor_id            text NOT NULL,
    actor_name          text NOT NULL,
    actor_role          text NOT NULL,
    purpose             text NOT NULL,
    reference           text NOT NULL,
    databases           text[] NOT NULL,
    attributes          text[] NOT NULL,
    outcome             text NOT NULL,
    accessed_at         timestamptz NOT NULL,
    prev_hash           bytea NOT NULL,
    hash                bytea NOT NULL,
    chain               smallint NOT NULL DEFAULT 1,
    subject_seq         bigint
) PARTITION BY RANGE (accessed_at);
SELECT ensure_monthly_partitions('data_access_log', m, 0)
    FROM (SELECT DISTINCT date_trunc('month', accessed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m
          FROM data_access_log_unpartitioned) months;
SELECT ensure_monthly_partitions('data_access_log', now(), 3);
INSERT INTO data_access_log (seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose,
    reference, databases, attributes, outcome, accessed_at, prev_hash, hash, chain, subject_seq)
SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose,
    reference, databases, attributes, outcome, accessed_at, prev_hash, hash, chain, subject_seq
FROM data_access_log_unpartitioned;
DROP TABLE data_access_log_unpartitioned;
ALTER SEQUENCE data_access_log_seq OWNED BY data_access_log.seq;
-- The checks come once the old table is gone, so they keep their names.
ALTER TABLE data_access_log
    ADD CHECK (seq > 0),
    ADD CHECK (subject_personal_id ~ '^[0-9]{12}$'),
    ADD CHECK (actor_kind IN ('citizen', 'staff', 'helpdesk', 'system')),
    ADD CHECK (actor_id <> ''),
    ADD CHECK (purpose <> ''),
    ADD CHECK (outcome IN ('ok', 'not_found', 'unavailable', 'denied')),
    ADD CHECK (octet_length(prev_hash) = 32),
    ADD CHECK (octet_length(hash) = 32),
    ADD CHECK (chain IN (1, 2)),
    ADD CHECK (subject_seq > 0),
    ADD CONSTRAINT data_access_log_chain_seq CHECK ((chain = 2) = (subject_seq IS NOT NULL)),
    ADD CONSTRAINT data_access_log_pkey PRIMARY KEY (seq, accessed_at);
CREATE INDEX data_access_log_subject_idx ON data_access_log (subject_personal_id, seq DESC);
CREATE TRIGGER data_access_log_no_update BEFORE UPDATE OR DELETE ON data_access_log
    FOR EACH ROW EXECUTE FUNCTION data_access_log_append_only();
CREATE TRIGGER data_access_log_no_truncate BEFORE TRUNCATE ON data_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION data_access_log_append_only();

-- The newest row of each citizen's chain that left the table with a detached month (`portal
-- audit detach`): the chain goes on from it, and `portal audit verify` starts from it.
CREATE TABLE data_access_log_anchors (
    subject_personal_id text PRIMARY KEY CHECK (subject_personal_id ~ '^[0-9]{12}$'),
    subject_seq         bigint NOT NULL CHECK (subject_seq > 0),
    hash                bytea NOT NULL CHECK (octet_length(hash) = 32),
    accessed_at         timestamptz NOT NULL,
    month               date NOT NULL -- the detached month it was in
);

-- The months exported by `portal audit export`: what the archive held, so `portal audit
-- detach` detaches a month only when the archive has every row the partition has.
CREATE TABLE data_access_log_archives (
    month           date PRIMARY KEY CHECK (extract(day FROM month) = 1),
    rows            bigint NOT NULL CHECK (rows >= 0),
    max_seq         bigint NOT NULL CHECK (max_seq >= 0),
    archive_sha256  bytea NOT NULL CHECK (octet_length(archive_sha256) = 32),
    key_fingerprint text NOT NULL CHECK (key_fingerprint <> ''),
    exported_at     timestamptz NOT NULL,
    detached_at     timestamptz
);

-- case_events: the same columns in the same order, partitioned by at; the rows move over with
-- their ids and hashes (the chain trigger comes after the copy, so nothing is recomputed).
ALTER TABLE case_apologies DROP CONSTRAINT case_apologies_event_id_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_case_event_id_fkey;
DROP FUNCTION case_event_hash(bytea, case_events);
ALTER SEQUENCE case_events_id_seq RENAME TO case_events_unpartitioned_id_seq;
ALTER TABLE case_events RENAME TO case_events_unpartitioned;
CREATE TABLE case_events (
    id          bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    case_id     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_kind  text NOT NULL,
    actor_id    text NOT NULL,
    actor_name  text NOT NULL,
    from_status smallint,
    to_status   smallint NOT NULL,
    note        text NOT NULL DEFAULT '',
    seq         integer NOT NULL,
    role        text NOT NULL DEFAULT '',
    action      text NOT NULL DEFAULT '',
    reason      text NOT NULL DEFAULT '',
    amount      bigint,
    due_on      date,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
) PARTITION BY RANGE (at);
SELECT ensure_monthly_partitions('case_events', m, 0)
    FROM (SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m
          FROM case_events_unpartitioned) months;
SELECT ensure_monthly_partitions('case_events', now(), 3);
INSERT INTO case_events (id, case_id, at, actor_kind, actor_id, actor_name, from_status, to_status, note, seq,
    role, action, reason, amount, due_on, prev_hash, hash)
OVERRIDING SYSTEM VALUE
SELECT id, case_id, at, actor_kind, actor_id, actor_name, from_status, to_status, note, seq,
    role, action, reason, amount, due_on, prev_hash, hash
FROM case_events_unpartitioned;
SELECT setval(pg_get_serial_sequence('case_events', 'id'), s.last_value, s.is_called)
    FROM case_events_unpartitioned_id_seq s;
DROP TABLE case_events_unpartitioned;
ALTER TABLE case_events
    ADD FOREIGN KEY (case_id) REFERENCES cases (id),
    ADD CHECK (actor_kind IN ('citizen', 'staff', 'system')),
    ADD CHECK (from_status BETWEEN 1 AND 10),
    ADD CHECK (to_status BETWEEN 1 AND 10),
    ADD CHECK (seq > 0),
    ADD CHECK (action ~ '^[a-z_]*$'),
    ADD CHECK (length(reason) <= 4000),
    ADD CHECK (octet_length(prev_hash) = 32),
    ADD CHECK (octet_length(hash) = 32),
    ADD CONSTRAINT case_events_pkey PRIMARY KEY (id, at);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
CREATE INDEX case_events_case_seq_idx ON case_events (case_id, seq);

-- +goose StatementBegin
CREATE FUNCTION case_event_hash(prev bytea, e case_events) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(prev
        || case_event_field(e.case_id::text)
        || case_event_field(e.seq::text)
        || case_event_field(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
        || case_event_field(e.actor_kind)
        || case_event_field(e.actor_id)
        || case_event_field(e.actor_name)
        || case_event_field(e.role)
        || case_event_field(e.action)
        || case_event_field(e.from_status::text)
        || case_event_field(e.to_status::text)
        || case_event_field(e.note)
        || case_event_field(e.reason)
        || case_event_field(e.amount::text)
        || case_event_field(to_char(e.due_on, 'YYYY-MM-DD')))
$$;
-- +goose StatementEnd
CREATE TRIGGER case_events_chain BEFORE INSERT ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_chain();
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

-- +goose StatementBegin
-- case_event_exists is the foreign key of a column (named by the trigger's argument) that
-- holds a case_events id: the event must exist when the row is written.
CREATE FUNCTION case_event_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ref bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
BEGIN
    IF ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_events WHERE id = ref) THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key: case event % does not exist', TG_TABLE_NAME, ref
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER case_apologies_event_exists AFTER INSERT OR UPDATE OF event_id ON case_apologies
    FOR EACH ROW EXECUTE FUNCTION case_event_exists('event_id');
CREATE CONSTRAINT TRIGGER notifications_case_event_exists AFTER INSERT OR UPDATE OF case_event_id ON notifications
    FOR EACH ROW EXECUTE FUNCTION case_event_exists('case_event_id');

-- +goose Down
-- Back to plain tables, every partition's rows included (detached months stay where they are).
DROP TRIGGER notifications_case_event_exists ON notifications;
DROP TRIGGER case_apologies_event_exists ON case_apologies;
DROP FUNCTION case_event_exists();
DROP FUNCTION case_event_hash(bytea, case_events);
ALTER SEQUENCE case_events_id_seq RENAME TO case_events_partitioned_id_seq;
ALTER TABLE case_events RENAME TO case_events_partitioned;
CREATE TABLE case_events (
    id          bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    case_id     bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor_kind  text NOT NULL,
    actor_id    text NOT NULL,
    actor_name  text NOT NULL,
    from_status smallint,
    to_status   smallint NOT NULL,
    note        text NOT NULL DEFAULT '',
    seq         integer NOT NULL,
    role        text NOT NULL DEFAULT '',
    action      text NOT NULL DEFAULT '',
    reason      text NOT NULL DEFAULT '',
    amount      bigint,
    due_on      date,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);
INSERT INTO case_events (id, case_id, at, actor_kind, actor_id, actor_name, from_status, to_status, note, seq,
    role, action, reason, amount, due_on, prev_hash, hash)
OVERRIDING SYSTEM VALUE
SELECT id, case_id, at, actor_kind, actor_id, actor_name, from_status, to_status, note, seq,
    role, action, reason, amount, due_on, prev_hash, hash
FROM case_events_partitioned;
SELECT setval(pg_get_serial_sequence('case_events', 'id'), s.last_value, s.is_called)
    FROM case_events_partitioned_id_seq s;
DROP TABLE case_events_partitioned;
ALTER TABLE case_events
    ADD FOREIGN KEY (case_id) REFERENCES cases (id),
    ADD CHECK (actor_kind IN ('citizen', 'staff', 'system')),
    ADD CHECK (from_status BETWEEN 1 AND 10),
    ADD CHECK (to_status BETWEEN 1 AND 10),
    ADD CHECK (seq > 0),
    ADD CHECK (action ~ '^[a-z_]*$'),
    ADD CHECK (length(reason) <= 4000),
    ADD CHECK (octet_length(prev_hash) = 32),
    ADD CHECK (octet_length(hash) = 32),
    ADD CONSTRAINT case_events_pkey PRIMARY KEY (id),
    ADD CONSTRAINT case_events_case_seq_key UNIQUE (case_id, seq);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
-- +goose StatementBegin
CREATE FUNCTION case_event_hash(prev bytea, e case_events) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(prev
        || case_event_field(e.case_id::text)
        || case_event_field(e.seq::text)
        || case_event_field(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
        || case_event_field(e.actor_kind)
        || case_event_field(e.actor_id)
        || case_event_field(e.actor_name)
        || case_event_field(e.role)
        || case_event_field(e.action)
        || case_event_field(e.from_status::text)
        || case_event_field(e.to_status::text)
        || case_event_field(e.note)
        || case_event_field(e.reason)
        || case_event_field(e.amount::text)
        || case_event_field(to_char(e.due_on, 'YYYY-MM-DD')))
$$;
-- +goose StatementEnd
CREATE TRIGGER case_events_chain BEFORE INSERT ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_chain();
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();
ALTER TABLE case_apologies ADD CONSTRAINT case_apologies_event_id_fkey FOREIGN KEY (event_id) REFERENCES case_events (id);
ALTER TABLE notifications ADD CONSTRAINT notifications_case_event_id_fkey FOREIGN KEY (case_event_id) REFERENCES case_events (id);

DROP TABLE data_access_log_archives;
DROP TABLE data_access_log_anchors;
ALTER SEQUENCE data_access_log_seq OWNED BY NONE;
ALTER TABLE data_access_log RENAME TO data_access_log_partitioned;
CREATE TABLE data_access_log (
    seq                 bigint NOT NULL DEFAULT nextval('data_access_log_seq'),
    subject_personal_id text NOT NULL,
    actor_kind          text NOT NULL,
    actor_id            text NOT NULL,
    actor_name          text NOT NULL,
    actor_role          text NOT NULL,
    purpose             text NOT NULL,
    reference           text NOT NULL,
    databases           text[] NOT NULL,
    attributes          text[] NOT NULL,
    outcome             text NOT NULL,
    accessed_at         timestamptz NOT NULL,
    prev_hash           bytea NOT NULL,
    hash                bytea NOT NULL,
    chain               smallint NOT NULL DEFAULT 1,
    subject_seq         bigint
);
INSERT INTO data_access_log (seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose,
    reference, databases, attributes, outcome, accessed_at, prev_hash, hash, chain, subject_seq)
SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose,
    reference, databases, attributes, outcome, accessed_at, prev_hash, hash, chain, subject_seq
FROM data_access_log_partitioned;
DROP TABLE data_access_log_partitioned;
ALTER TABLE data_access_log
    ADD CHECK (seq > 0),
    ADD CHECK (subject_personal_id ~ '^[0-9]{12}$'),
    ADD CHECK (actor_kind IN ('citizen', 'staff', 'helpdesk', 'system')),
    ADD CHECK (actor_id <> ''),
    ADD CHECK (purpose <> ''),
    ADD CHECK (outcome IN ('ok', 'not_found', 'unavailable', 'denied')),
    ADD CHECK (octet_length(prev_hash) = 32),
    ADD CHECK (octet_length(hash) = 32),
    ADD CHECK (chain IN (1, 2)),
    ADD CHECK (subject_seq > 0),
    ADD CONSTRAINT data_access_log_chain_seq CHECK ((chain = 2) = (subject_seq IS NOT NULL)),
    ADD CONSTRAINT data_access_log_pkey PRIMARY KEY (seq),
    ADD CONSTRAINT data_access_log_hash_key UNIQUE (hash);
ALTER SEQUENCE data_access_log_seq OWNED BY data_access_log.seq;
CREATE INDEX data_access_log_subject_idx ON data_access_log (subject_personal_id, seq DESC);
CREATE UNIQUE INDEX data_access_log_subject_seq_idx ON data_access_log (subject_personal_id, subject_seq)
    WHERE subject_seq IS NOT NULL;
CREATE TRIGGER data_access_log_no_update BEFORE UPDATE OR DELETE ON data_access_log
    FOR EACH ROW EXECUTE FUNCTION data_access_log_append_only();
CREATE TRIGGER data_access_log_no_truncate BEFORE TRUNCATE ON data_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION data_access_log_append_only();
DROP FUNCTION ensure_monthly_partitions(regclass, timestamptz, integer);
