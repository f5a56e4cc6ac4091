-- +goose Up
-- The applicant's satisfaction rating of a case once it has a result (services/feedback, the only
-- package that reads or writes it), as the national portal asks for one ("Đánh giá mức độ hài
-- lòng"): one row per case, five levels from 1 (rất không hài lòng) to 5 (rất hài lòng), an
-- optional comment. The applicant may change it for 30 days after the first rating. The case is
-- referred to by id; its code, agency and procedure are copied at rating time, so the
-- supervisor's figures and the latest comments are read from this table alone.
CREATE TABLE case_ratings (
    case_id        bigint PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    case_code      text NOT NULL,
    agency_code    text NOT NULL REFERENCES agencies (code),
    procedure_code text NOT NULL,
    rating         smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment        text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 500),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (updated_at >= created_at)
);
CREATE INDEX case_ratings_agency_idx ON case_ratings (agency_code, updated_at DESC);

-- +goose Down
DROP TABLE case_ratings;
