-- The data-access log: one hash chain per citizen (chain 2, migration 00015), partitioned by
-- month (00031). Rows are only ever inserted; the table's triggers refuse updates and deletes.

-- name: ChainLock :batchexec
-- Locks one citizen's chain until the transaction ends. RecordTx queues one per subject, in
-- the subjects' order, so two appends never deadlock.
SELECT pg_advisory_xact_lock(sqlc.arg(class)::integer, hashtext(sqlc.arg(subject_personal_id)::text));

-- name: ChainHead :batchone
-- The head of one citizen's chain (migration 00039): its newest row, also after the rest of the
-- chain left with detached months (Detach). Run after ChainLock, a statement of its own, its
-- snapshot sees what the chain's previous holder committed.
SELECT subject_seq, hash, accessed_at FROM data_access_log_heads WHERE subject_personal_id = $1;

-- name: ChainAdvance :batchexec
-- Under the chain's lock, moves a citizen's head from the one the append read to its last row,
-- and fails the transaction with a serialization failure (SQLSTATE 40001) when the head is no
-- longer the one read (migration 00039): queued before the rows, so none is written then.
SELECT data_access_log_advance_head(sqlc.arg(subject_personal_id)::text, sqlc.arg(head_seq)::bigint,
    sqlc.arg(head_hash)::bytea, sqlc.arg(new_seq)::bigint, sqlc.arg(new_hash)::bytea, sqlc.arg(new_at)::timestamptz);

-- name: EntryInsert :batchone
-- One row of a citizen's chain, returned as EntriesOfSubject reads it: an append after a head
-- read ahead (RecordAndListAfter) shows the rows it wrote above the rows read with the head.
INSERT INTO data_access_log (chain, subject_seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role,
    purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash)
VALUES (2, sqlc.arg(subject_seq)::bigint, sqlc.arg(subject_personal_id), sqlc.arg(actor_kind), sqlc.arg(actor_id),
    sqlc.arg(actor_name), sqlc.arg(actor_role), sqlc.arg(purpose), sqlc.arg(reference), sqlc.arg(databases),
    sqlc.arg(attributes), sqlc.arg(outcome), sqlc.arg(accessed_at), sqlc.arg(prev_hash), sqlc.arg(hash))
RETURNING seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
    databases, attributes, outcome, accessed_at;

-- name: EntriesOfSubject :many
-- The newest accesses to one citizen's data, newest first: their My data page.
SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
    databases, attributes, outcome, accessed_at
FROM data_access_log WHERE subject_personal_id = sqlc.arg(subject_personal_id)
ORDER BY seq DESC LIMIT sqlc.arg(max_rows)::bigint;

-- name: EntriesOfSubjectBefore :many
-- A page of one citizen's log older than the row numbered before, newest first: the pages of
-- their whole log (keyset paging on seq, served by each partition's (subject_personal_id, seq
-- DESC) index).
SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
    databases, attributes, outcome, accessed_at
FROM data_access_log WHERE subject_personal_id = sqlc.arg(subject_personal_id) AND seq < sqlc.arg(before)::bigint
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

-- name: HeadsOfSubjects :many
-- The heads of the given citizens' chains, for Verify: each must be the chain's newest row.
SELECT subject_personal_id, subject_seq, hash FROM data_access_log_heads
WHERE subject_personal_id = ANY (sqlc.arg(subjects)::text[]);

-- name: AnchorsOfSubjects :many
-- Where the given citizens' chains go on from after their detached months, for Verify.
SELECT subject_personal_id, subject_seq, hash FROM data_access_log_anchors
WHERE subject_personal_id = ANY (sqlc.arg(subjects)::text[]);

-- name: EnsurePartitions :many
-- The partitions of the month of at and of the months_ahead after it, made when missing (00031).
SELECT created::text FROM ensure_monthly_partitions('data_access_log'::regclass, sqlc.arg(at)::timestamptz,
    sqlc.arg(months_ahead)::integer) AS created;

-- name: MonthRowsAfter :many
-- A page of one month's rows for its archive, each citizen's chain together and in order.
SELECT seq, chain, coalesce(subject_seq, 0)::bigint AS subject_seq, subject_personal_id, actor_kind, actor_id,
    actor_name, actor_role, purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash
FROM data_access_log
WHERE accessed_at >= sqlc.arg(from_at) AND accessed_at < sqlc.arg(to_at)
  AND (subject_personal_id, seq) > (sqlc.arg(after_subject)::text, sqlc.arg(after_seq)::bigint)
ORDER BY subject_personal_id, seq LIMIT sqlc.arg(max_rows)::bigint;

-- name: MonthFigures :one
-- How many rows a month has and its greatest seq: what its archive must hold.
SELECT count(*) AS rows, coalesce(max(seq), 0)::bigint AS max_seq FROM data_access_log
WHERE accessed_at >= sqlc.arg(from_at) AND accessed_at < sqlc.arg(to_at);

-- name: AnyRowBefore :one
SELECT EXISTS (SELECT 1 FROM data_access_log WHERE accessed_at < sqlc.arg(before))::boolean;

-- name: ArchiveRecord :execrows
-- The export of a month, again after a new export, never after the month was detached.
INSERT INTO data_access_log_archives AS a (month, rows, max_seq, archive_sha256, key_fingerprint, exported_at)
VALUES (sqlc.arg(month), sqlc.arg(rows), sqlc.arg(max_seq), sqlc.arg(archive_sha256), sqlc.arg(key_fingerprint),
    sqlc.arg(exported_at))
ON CONFLICT (month) DO UPDATE SET rows = excluded.rows, max_seq = excluded.max_seq,
    archive_sha256 = excluded.archive_sha256, key_fingerprint = excluded.key_fingerprint, exported_at = excluded.exported_at
WHERE a.detached_at IS NULL;

-- name: ArchiveOfMonth :one
SELECT rows, max_seq FROM data_access_log_archives WHERE month = sqlc.arg(month) AND detached_at IS NULL FOR UPDATE;

-- name: ArchiveDetached :exec
UPDATE data_access_log_archives SET detached_at = sqlc.arg(detached_at) WHERE month = sqlc.arg(month);

-- name: IsPartition :one
-- Whether name is a partition of data_access_log now.
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits
    WHERE inhparent = 'data_access_log'::regclass AND inhrelid = to_regclass(sqlc.arg(name)::text))::boolean;

-- name: AnchorsFromMonth :exec
-- The newest row of each citizen's chain in a month about to be detached becomes their anchor.
INSERT INTO data_access_log_anchors AS a (subject_personal_id, subject_seq, hash, accessed_at, month)
SELECT DISTINCT ON (l.subject_personal_id) l.subject_personal_id, l.subject_seq, l.hash, l.accessed_at,
    sqlc.arg(month)::date
FROM data_access_log l
WHERE l.accessed_at >= sqlc.arg(from_at) AND l.accessed_at < sqlc.arg(to_at) AND l.subject_seq IS NOT NULL
ORDER BY l.subject_personal_id, l.seq DESC
ON CONFLICT (subject_personal_id) DO UPDATE SET subject_seq = excluded.subject_seq, hash = excluded.hash,
    accessed_at = excluded.accessed_at, month = excluded.month
WHERE a.subject_seq < excluded.subject_seq;

-- name: EntriesOfSubjectAfterAppend :batchmany
-- EntriesOfSubject queued behind an append's rows (RecordAndList), so the rows and the page of
-- the log that shows them take one round trip.
SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
    databases, attributes, outcome, accessed_at
FROM data_access_log WHERE subject_personal_id = sqlc.arg(subject_personal_id)
ORDER BY seq DESC LIMIT sqlc.arg(max_rows)::bigint;
