-- +goose Up
-- The case life cycle (services/casework). cases gains what the officers' work needs: an
-- optimistic-concurrency version, the status to return to when a withdrawal is refused, the
-- outcome of a decision, the paused deadline clock of a supplement request, the assignee, the
-- deadline flags the sweep sets, and the payment asked of the citizen.
ALTER TABLE cases
    ADD COLUMN version         integer NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN prev_status     smallint CHECK (prev_status BETWEEN 1 AND 10),
    ADD COLUMN outcome         text CHECK (outcome IN ('approved', 'refused')),
    ADD COLUMN paused_at       timestamptz,                 -- the deadline clock stopped (supplement requested)
    ADD COLUMN paused_days     integer NOT NULL DEFAULT 0 CHECK (paused_days >= 0),
    ADD COLUMN assigned_to     text CHECK (assigned_to <> ''), -- the staff member's id
    ADD COLUMN assigned_name   text NOT NULL DEFAULT '',
    ADD COLUMN overdue         boolean NOT NULL DEFAULT false, -- found past its due date while unfinished
    ADD COLUMN receipt_overdue boolean NOT NULL DEFAULT false, -- not received within 8 working hours
    ADD COLUMN reminded_on     date,                        -- last day the officers were reminded of it
    ADD COLUMN payment_amount  bigint CHECK (payment_amount > 0), -- VND, the last payment requested
    ADD COLUMN paid_at         timestamptz,
    ADD CONSTRAINT cases_outcome_status CHECK (outcome IS NULL OR status IN (9, 10)),
    ADD CONSTRAINT cases_prev_status_status CHECK (prev_status IS NULL OR status = 7),
    ADD CONSTRAINT cases_paused_status CHECK (paused_at IS NULL OR status IN (5, 7));
CREATE INDEX cases_assigned_idx ON cases (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX cases_running_due_idx ON cases (due_on) WHERE status IN (2, 4, 6, 7);
CREATE INDEX cases_new_idx ON cases (submitted_at) WHERE status = 1;

-- Only the transitions of the life cycle, whoever writes: a raw UPDATE cannot skip a step.
-- Leaving 7 (withdrawal asked) goes to 8 (accepted) or back to the status it came from.
-- Setting the status it already has is not a transition and passes.
-- +goose StatementBegin
CREATE FUNCTION cases_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF (OLD.status, NEW.status) IN (
            (1, 2), (1, 3), (1, 7),
            (2, 4), (2, 5), (2, 7), (2, 8),
            (4, 5), (4, 6), (4, 7), (4, 8), (4, 9),
            (5, 4), (5, 7), (5, 8),
            (6, 4), (6, 7), (6, 8),
            (7, 8), (7, 1), (7, 2), (7, 4), (7, 5), (7, 6),
            (9, 10))
       AND (OLD.status <> 7 OR NEW.status = 8 OR NEW.status = OLD.prev_status) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'case %: status % cannot become %', OLD.id, OLD.status, NEW.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'cases_status_transition', TABLE = 'cases';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER cases_status_transition BEFORE UPDATE OF status ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_status_transition();

-- The case's timeline becomes a hash chain per case: seq numbers the case's events 1, 2, …;
-- hash is SHA-256 over prev_hash (32 zero bytes for the first event) and every field,
-- length-prefixed. The chain is computed here, by a trigger, for every insert — the first
-- event that services/cases writes at submission included — so no event is ever without its
-- hash, and whatever a writer puts in seq, prev_hash or hash is replaced. services/casework
-- recomputes it in Go to verify (VerifyEvents); the two encodings must stay identical.
ALTER TABLE case_events
    ADD COLUMN seq       integer,
    ADD COLUMN role      text NOT NULL DEFAULT '',  -- officer, supervisor, citizen, system
    ADD COLUMN action    text NOT NULL DEFAULT '' CHECK (action ~ '^[a-z_]*$'),
    ADD COLUMN reason    text NOT NULL DEFAULT '' CHECK (length(reason) <= 4000),
    ADD COLUMN amount    bigint,                    -- VND, of a payment request
    ADD COLUMN due_on    date,                      -- the due date the event set
    ADD COLUMN prev_hash bytea,
    ADD COLUMN hash      bytea;

-- +goose StatementBegin
CREATE FUNCTION case_event_field(s text) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT int8send(octet_length(convert_to(coalesce(s, ''), 'UTF8'))::bigint) || convert_to(coalesce(s, ''), 'UTF8')
$$;
-- +goose StatementEnd

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

-- Events written before this migration: name the submission, then chain each case's events in
-- id order.
UPDATE case_events SET action = 'submit' WHERE action = '' AND from_status IS NULL;
UPDATE case_events SET role = 'citizen' WHERE role = '' AND actor_kind = 'citizen';
-- +goose StatementBegin
DO $$
DECLARE
    e        case_events;
    cur_case bigint;
    n        integer;
    prev     bytea;
BEGIN
    FOR e IN SELECT * FROM case_events ORDER BY case_id, id LOOP
        IF cur_case IS DISTINCT FROM e.case_id THEN
            cur_case := e.case_id;
            n := 0;
            prev := decode(repeat('00', 32), 'hex');
        END IF;
        n := n + 1;
        e.seq := n;
        e.prev_hash := prev;
        e.hash := case_event_hash(prev, e);
        UPDATE case_events SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
        prev := e.hash;
    END LOOP;
END;
$$;
-- +goose StatementEnd

ALTER TABLE case_events
    ALTER COLUMN seq SET NOT NULL,
    ALTER COLUMN prev_hash SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL,
    ADD CHECK (seq > 0),
    ADD CHECK (octet_length(prev_hash) = 32),
    ADD CHECK (octet_length(hash) = 32),
    ADD CONSTRAINT case_events_case_seq_key UNIQUE (case_id, seq);

-- The chain link is taken under the case's row lock, so two writers of one case's events
-- queue up instead of forking the chain (the unique (case_id, seq) would refuse a fork anyway).
-- +goose StatementBegin
CREATE FUNCTION case_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER case_events_chain BEFORE INSERT ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_chain();

-- The timeline is append-only.
-- +goose StatementBegin
CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

-- The apology letter an agency sends when a case will be late: at most one per case (the
-- primary key says so), with the one new due date it promises.
CREATE TABLE case_apologies (
    case_id    bigint PRIMARY KEY REFERENCES cases (id),
    event_id   bigint NOT NULL UNIQUE REFERENCES case_events (id),
    letter     text NOT NULL CHECK (btrim(letter) <> '' AND length(letter) <= 4000),
    old_due_on date NOT NULL,
    new_due_on date NOT NULL CHECK (new_due_on > old_due_on),
    staff_id   text NOT NULL,
    staff_name text NOT NULL,
    sent_at    timestamptz NOT NULL
);

-- +goose Down
DROP TABLE case_apologies;
DROP TRIGGER case_events_no_truncate ON case_events;
DROP TRIGGER case_events_no_update ON case_events;
DROP FUNCTION case_events_append_only();
DROP TRIGGER case_events_chain ON case_events;
DROP FUNCTION case_events_chain();
DROP FUNCTION case_event_hash(bytea, case_events);
DROP FUNCTION case_event_field(text);
ALTER TABLE case_events
    DROP COLUMN seq, DROP COLUMN role, DROP COLUMN action, DROP COLUMN reason, DROP COLUMN amount,
    DROP COLUMN due_on, DROP COLUMN prev_hash, DROP COLUMN hash;
DROP TRIGGER cases_status_transition ON cases;
DROP FUNCTION cases_status_transition();
DROP INDEX cases_new_idx;
DROP INDEX cases_running_due_idx;
DROP INDEX cases_assigned_idx;
ALTER TABLE cases
    DROP CONSTRAINT cases_outcome_status, DROP CONSTRAINT cases_prev_status_status, DROP CONSTRAINT cases_paused_status,
    DROP COLUMN version, DROP COLUMN prev_status, DROP COLUMN outcome, DROP COLUMN paused_at, DROP COLUMN paused_days,
    DROP COLUMN assigned_to, DROP COLUMN assigned_name, DROP COLUMN overdue, DROP COLUMN receipt_overdue,
    DROP COLUMN reminded_on, DROP COLUMN payment_amount, DROP COLUMN paid_at;
