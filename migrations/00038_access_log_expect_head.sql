-- +goose Up
-- An append to a citizen's access-log chain may read the chain's head ahead, without its lock,
-- while the data it records is being fetched, and then take the lock, check the head and write
-- its rows and commit in one round trip (services/audit RecordAndListAfter). The check is this
-- function: under the chain's lock, it fails the transaction with a serialization failure
-- (SQLSTATE 40001) when the newest row of the chain (or its anchor, once its months were
-- detached: ChainHead) is no longer the one read ahead, so that nothing after it is written and
-- the append starts again the usual way. A chain with no row has head 0 and a hash of zeros.
-- +goose StatementBegin
CREATE FUNCTION data_access_log_expect_head(subject text, head_seq bigint, head_hash bytea) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    seq  bigint;
    hash bytea;
BEGIN
    SELECT h.subject_seq, h.hash INTO seq, hash FROM (
        (SELECT coalesce(l.subject_seq, 0)::bigint AS subject_seq, l.hash FROM data_access_log l
         WHERE l.subject_personal_id = subject ORDER BY l.seq DESC LIMIT 1)
        UNION ALL
        (SELECT a.subject_seq, a.hash FROM data_access_log_anchors a WHERE a.subject_personal_id = subject)
    ) h ORDER BY h.subject_seq DESC LIMIT 1;
    IF NOT FOUND THEN
        seq := 0;
        hash := decode(repeat('00', 32), 'hex');
    END IF;
    IF seq IS DISTINCT FROM head_seq OR hash IS DISTINCT FROM head_hash THEN
        RAISE EXCEPTION 'data_access_log: the chain of % moved past %', subject, head_seq
            USING ERRCODE = 'serialization_failure';
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION data_access_log_expect_head(text, bigint, bytea);
