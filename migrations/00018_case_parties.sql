-- +goose Up
-- The parties of a case: who applied (and in which role), whom the case is about, the other
-- people it names, each with where their data came from (cases.parties, the snapshot), and the
-- agency's reason for being competent (routing). case_parties indexes the people a case is
-- about by personal ID, so an adult subject finds the cases others filed about them.
ALTER TABLE cases
    ADD COLUMN parties jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN routing_reason_vi text NOT NULL DEFAULT '',
    ADD COLUMN routing_reason_en text NOT NULL DEFAULT '';

CREATE TABLE case_parties (
    case_id     bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    party       text NOT NULL,
    personal_id text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
    PRIMARY KEY (case_id, party)
);
CREATE INDEX case_parties_person_idx ON case_parties (personal_id, case_id);

-- +goose Down
DROP TABLE case_parties;
ALTER TABLE cases DROP COLUMN parties, DROP COLUMN routing_reason_vi, DROP COLUMN routing_reason_en;
