-- +goose Up
-- The data-access log becomes one hash chain per citizen instead of one for the whole country.
-- A single chain made every access to anyone's data wait for one lock, held to the commit: the
-- portal could record only as many accesses per second as the disk could commit one after the
-- other. Now an append locks only its subjects' chains.
--
-- Rows written before this migration (chain 1) keep their global chain and are still verified
-- as one. Rows from now on (chain 2) carry subject_seq, 1, 2, 3… per citizen without gaps, and
-- link to the citizen's previous row of either kind. seq stays the global order, now from a
-- sequence (it may have gaps; the per-citizen subject_seq may not).
ALTER TABLE data_access_log
    ADD COLUMN chain smallint NOT NULL DEFAULT 1 CHECK (chain IN (1, 2)),
    ADD COLUMN subject_seq bigint CHECK (subject_seq > 0),
    ADD CONSTRAINT data_access_log_chain_seq CHECK ((chain = 2) = (subject_seq IS NOT NULL));
CREATE UNIQUE INDEX data_access_log_subject_seq_idx ON data_access_log (subject_personal_id, subject_seq)
    WHERE subject_seq IS NOT NULL;
CREATE SEQUENCE data_access_log_seq OWNED BY data_access_log.seq;
SELECT setval('data_access_log_seq', coalesce((SELECT max(seq) FROM data_access_log), 0) + 1, false);
ALTER TABLE data_access_log ALTER COLUMN seq SET DEFAULT nextval('data_access_log_seq');

-- +goose Down
ALTER TABLE data_access_log ALTER COLUMN seq DROP DEFAULT;
DROP SEQUENCE data_access_log_seq;
DROP INDEX data_access_log_subject_seq_idx;
ALTER TABLE data_access_log DROP CONSTRAINT data_access_log_chain_seq, DROP COLUMN subject_seq, DROP COLUMN chain;
