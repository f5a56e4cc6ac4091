-- +goose Up
-- Linked procedures (issue 13). A procedure is active or withdrawn: a withdrawn one (repealed)
-- stays readable for the cases filed on it but takes no new application, and names the one that
-- replaced it. A procedure may declare linked parts (catalogue: kind, agency kind and level,
-- working days), the first decided by the agency the case goes to (the lead), the others by
-- other agencies once the lead has decided its part.
ALTER TABLE procedures
    ADD COLUMN status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    ADD COLUMN replaced_by text REFERENCES procedures (code) DEFERRABLE INITIALLY DEFERRED,
    ADD COLUMN parts       jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT procedures_replaced_by_withdrawn CHECK (replaced_by IS NULL OR status = 'withdrawn');

-- The parts of a case of a linked procedure (services/cases): each part's agency, where it
-- stands, by when and by whom it was done. Part 1 is the lead's: it is done by the case's own
-- approval. The others wait for it, then are pending at their agency, which completes them (with
-- a reference: the residence registration's number, the card's number) or returns them to the
-- lead agency with a note, which sends them again.
CREATE TABLE case_parts (
    case_id      bigint NOT NULL REFERENCES cases (id),
    seq          smallint NOT NULL CHECK (seq > 0),
    kind         text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    name_vi      text NOT NULL,        -- the part's name as the procedure gave it at submission
    name_en      text NOT NULL,
    agency_code  text NOT NULL REFERENCES agencies (code),
    days         integer NOT NULL CHECK (days > 0),
    status       text NOT NULL CHECK (status IN ('waiting', 'pending', 'returned', 'done')),
    sent_at      timestamptz,          -- when the part reached its agency
    due_on       date,                 -- the part's own legal date, from sent_at (the lead's: from receipt)
    done_at      timestamptz,
    done_by      text NOT NULL DEFAULT '', -- the staff member's id
    done_by_name text NOT NULL DEFAULT '',
    reference    text NOT NULL DEFAULT '' CHECK (length(reference) <= 100),
    note         text NOT NULL DEFAULT '' CHECK (length(note) <= 4000), -- the last return's or answer's
    PRIMARY KEY (case_id, seq),
    UNIQUE (case_id, kind),
    CHECK ((status = 'done') = (done_at IS NOT NULL)),
    CHECK (status = 'waiting' OR sent_at IS NOT NULL)
);
-- An agency's open parts, by due date (its "Phần việc liên thông").
CREATE INDEX case_parts_agency_open_idx ON case_parts (agency_code, due_on) WHERE status = 'pending';
CREATE INDEX case_parts_returned_idx ON case_parts (case_id) WHERE status = 'returned';

-- A case of a linked procedure is approved (9) only when every part is done: a lead's approval
-- alone leaves it processing (services/casework/parts.go), and no write can skip that.
-- +goose StatementBegin
CREATE FUNCTION cases_parts_done() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 9 AND NEW.outcome = 'approved' AND OLD.status <> 9
       AND EXISTS (SELECT 1 FROM case_parts WHERE case_id = NEW.id AND status <> 'done') THEN
        RAISE EXCEPTION 'case %: a part is not done', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'cases_parts_done', TABLE = 'cases';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER cases_parts_done BEFORE UPDATE OF status ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_parts_done();

-- +goose Down
DROP TRIGGER cases_parts_done ON cases;
DROP FUNCTION cases_parts_done();
DROP TABLE case_parts;
ALTER TABLE procedures DROP COLUMN status, DROP COLUMN replaced_by, DROP COLUMN parts;
