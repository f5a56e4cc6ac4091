-- +goose Up
-- Internal notes on a case: written by the agency's staff (and, later, by helpdesk agents), read
-- by the agency's staff, never shown to the citizen. Append-only.
CREATE TABLE case_notes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    author_kind text NOT NULL CHECK (author_kind IN ('staff', 'helpdesk')),
    author_id   text NOT NULL,
    author_name text NOT NULL,
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    created_at  timestamptz NOT NULL
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, id);

-- +goose Down
DROP TABLE case_notes;
