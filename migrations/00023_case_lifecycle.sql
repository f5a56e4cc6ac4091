-- +goose Up
-- The life cycle of issue 13 (services/casework/rules.go):
--
-- A supplement asked at reception. The reception officer may ask, once, for the dossier to be
-- completed before receiving it (NPD 1.001193 (ii), NPD 1.013831 step 2): 1 → 5, and the answer
-- brings the case back to 1. No deadline runs before receipt, so nothing pauses; the 8 working
-- hours to receive the case count again from the answer (resubmitted_at). A supplement asked after
-- receipt is answered back to processing, as before: a case at 5 that was never received came from
-- reception, so the trigger tells the two apart by received_at.
--
-- A draft of the result to confirm. For the procedures that require it (services/casework/
-- draft.go: NPD 1.001193 and 1.000894), the officer sends the draft certificate
-- and the applicant confirms it or asks for a correction; approval waits for the confirmation,
-- or for draft_due_at, one working day after the draft was sent, to pass without an answer.
ALTER TABLE cases
    ADD COLUMN resubmitted_at timestamptz, -- the dossier completed as reception asked: the intake window restarts
    ADD COLUMN draft_due_at   timestamptz, -- a draft of the result was sent; the applicant answers by then
    ADD COLUMN draft_answer   text CHECK (draft_answer IN ('confirmed', 'correction')), -- the answer to the last draft
    ADD CONSTRAINT cases_draft_answer_sent CHECK (draft_answer IS NULL OR draft_due_at IS NOT NULL);

-- The intake window of a case waiting to be received counts from its submission, or from the
-- answer to reception's request.
DROP INDEX cases_new_idx;
CREATE INDEX cases_new_idx ON cases ((coalesce(resubmitted_at, submitted_at))) WHERE status = 1;

-- Only the transitions of the life cycle (services/casework.Transitions; TestTransitionTrigger
-- tries every pair). Leaving 7 (withdrawal asked) goes to 8 or back to the status it came from;
-- leaving 5 (supplement asked) on an answer goes back to 1 when it was asked at reception (the
-- case was never received), else to 4. Setting the status it already has passes.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION cases_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF (OLD.status, NEW.status) IN (
            (1, 2), (1, 3), (1, 5), (1, 7),
            (2, 4), (2, 5), (2, 7), (2, 8),
            (4, 5), (4, 6), (4, 7), (4, 8), (4, 9),
            (5, 1), (5, 4), (5, 7), (5, 8),
            (6, 4), (6, 7), (6, 8),
            (7, 8), (7, 1), (7, 2), (7, 4), (7, 5), (7, 6),
            (9, 10))
       AND (OLD.status <> 7 OR NEW.status = 8 OR NEW.status = OLD.prev_status)
       AND (OLD.status <> 5 OR NEW.status NOT IN (1, 4) OR (NEW.status = 1) = (OLD.received_at IS NULL)) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'case %: status % cannot become %', OLD.id, OLD.status, NEW.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'cases_status_transition', TABLE = 'cases';
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION cases_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
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
DROP INDEX cases_new_idx;
CREATE INDEX cases_new_idx ON cases (submitted_at) WHERE status = 1;
ALTER TABLE cases
    DROP CONSTRAINT cases_draft_answer_sent,
    DROP COLUMN resubmitted_at, DROP COLUMN draft_due_at, DROP COLUMN draft_answer;
