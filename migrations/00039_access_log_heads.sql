-- +goose Up
-- The head of each citizen's access-log chain (its newest row's place, hash and time), kept in a
-- table of its own and advanced in the transaction that appends the rows (services/audit).
--
-- Until now the head was read from the log itself: the newest row of the citizen among every
-- monthly partition (a Merge Append of one index probe per partition), or their anchor once their
-- months were detached, and read twice for an append after a head read ahead (the read and the
-- check under the chain's lock, 00038). With two years of months online (the retention in the
-- README) that is some thirty probes per read, on every access to anyone's data. The head is now
-- one primary-key row, whatever the number of months.
--
-- data_access_log_advance_head is the only writer: under the chain's advisory lock, it moves a
-- citizen's head from the one the append read to the append's last row, and fails the
-- transaction with a serialization failure (SQLSTATE 40001) when the head is no longer the one
-- read, before any row is written (the check that 00038's data_access_log_expect_head made).
-- `portal audit verify` checks that each head is the newest row of its chain, or its anchor, so a
-- chain's newest rows cannot be removed unseen.
CREATE TABLE data_access_log_heads (
    subject_personal_id text PRIMARY KEY CHECK (subject_personal_id ~ '^[0-9]{12}$'),
    subject_seq         bigint NOT NULL CHECK (subject_seq > 0),
    hash                bytea NOT NULL CHECK (octet_length(hash) = 32),
    accessed_at         timestamptz NOT NULL
);

INSERT INTO data_access_log_heads (subject_personal_id, subject_seq, hash, accessed_at)
SELECT DISTINCT ON (h.subject_personal_id) h.subject_personal_id, h.subject_seq, h.hash, h.accessed_at
FROM (
    SELECT l.subject_personal_id, l.subject_seq, l.hash, l.accessed_at FROM data_access_log l WHERE l.chain = 2
    UNION ALL
    SELECT a.subject_personal_id, a.subject_seq, a.hash, a.accessed_at FROM data_access_log_anchors a
) h
ORDER BY h.subject_personal_id, h.subject_seq DESC;

-- +goose StatementBegin
CREATE FUNCTION data_access_log_advance_head(subject text, head_seq bigint, head_hash bytea,
    new_seq bigint, new_hash bytea, new_at timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF head_seq = 0 THEN
        INSERT INTO data_access_log_heads (subject_personal_id, subject_seq, hash, accessed_at)
        VALUES (subject, new_seq, new_hash, new_at)
        ON CONFLICT (subject_personal_id) DO NOTHING;
    ELSE
        UPDATE data_access_log_heads h SET subject_seq = new_seq, hash = new_hash, accessed_at = new_at
        WHERE h.subject_personal_id = subject AND h.subject_seq = head_seq AND h.hash = head_hash;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'data_access_log: the chain of % moved past %', subject, head_seq
            USING ERRCODE = 'serialization_failure';
    END IF;
END
$$;
-- +goose StatementEnd

DROP FUNCTION data_access_log_expect_head(text, bigint, bytea);

-- +goose Down
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
DROP FUNCTION data_access_log_advance_head(text, bigint, bytea, bigint, bytea, timestamptz);
DROP TABLE data_access_log_heads;
