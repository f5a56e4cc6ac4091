-- The data-access log: one hash chain per citizen (chain 2, migration 00015). Rows are only
-- ever inserted; the table's triggers refuse updates and deletes.

-- name: ChainLock :batchexec
-- Locks one citizen's chain until the transaction ends. RecordTx queues one per subject, in
-- the subjects' order, so two appends never deadlock.
SELECT pg_advisory_xact_lock(sqlc.arg(class)::integer, hashtext(sqlc.arg(subject_personal_id)::text));

-- name: ChainHead :batchone
-- The newest row of one citizen's chain. It is a statement of its own, run after ChainLock, so
-- its snapshot sees what the chain's previous holder committed.
SELECT coalesce(subject_seq, 0)::bigint AS subject_seq, hash FROM data_access_log
WHERE subject_personal_id = $1 ORDER BY seq DESC LIMIT 1;

-- name: EntryInsert :batchexec
INSERT INTO data_access_log (chain, subject_seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role,
    purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash)
VALUES (2, sqlc.arg(subject_seq)::bigint, sqlc.arg(subject_personal_id), sqlc.arg(actor_kind), sqlc.arg(actor_id),
    sqlc.arg(actor_name), sqlc.arg(actor_role), sqlc.arg(purpose), sqlc.arg(reference), sqlc.arg(databases),
    sqlc.arg(attributes), sqlc.arg(outcome), sqlc.arg(accessed_at), sqlc.arg(prev_hash), sqlc.arg(hash));

-- name: EntriesOfSubject :many
-- The newest accesses to one citizen's data, newest first: their My data page.
SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
    databases, attributes, outcome, accessed_at
FROM data_access_log WHERE subject_personal_id = sqlc.arg(subject_personal_id)
ORDER BY seq DESC LIMIT sqlc.arg(max_rows)::bigint;

-- name: SubjectsAfter :many
-- The next page of citizens with rows in the log, in order, for Verify. The DISTINCT reads the
-- subject index only as far as the page needs.
SELECT DISTINCT subject_personal_id FROM data_access_log
WHERE subject_personal_id > sqlc.arg(after)::text ORDER BY subject_personal_id LIMIT sqlc.arg(max_rows)::bigint;

-- name: ChainsOfSubjects :many
-- Every row of the given citizens' chains, each citizen's in order, for Verify.
SELECT seq, chain, coalesce(subject_seq, 0)::bigint AS subject_seq, subject_personal_id, actor_kind, actor_id,
    actor_name, actor_role, purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash
FROM data_access_log WHERE subject_personal_id = ANY (sqlc.arg(subjects)::text[])
ORDER BY subject_personal_id, seq;
