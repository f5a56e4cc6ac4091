-- +goose Up
-- The helpdesk finds a citizen's cases by personal ID and date of birth: the date comes from the
-- identity provider at sign-in (as the personal ID does).
ALTER TABLE citizens ADD COLUMN birth_date date;
CREATE INDEX cases_applicant_idx ON cases (applicant_pid);

-- +goose Down
DROP INDEX cases_applicant_idx;
ALTER TABLE citizens DROP COLUMN birth_date;
