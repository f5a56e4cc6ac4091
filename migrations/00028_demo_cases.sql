-- +goose Up
-- Demo history (portal seed demo): cases made up so that a first look at the queue, the
-- dashboard and the helpdesk is not empty. They are flagged so that staff see "Dữ liệu mẫu" on
-- them and so that they can be told apart from, and removed without touching, real ones. Their
-- codes come from the same counters as real ones, so they never collide.
ALTER TABLE cases ADD COLUMN demo boolean NOT NULL DEFAULT false;
CREATE INDEX cases_demo_idx ON cases (id) WHERE demo;

-- +goose Down
DROP INDEX cases_demo_idx;
ALTER TABLE cases DROP COLUMN demo;
