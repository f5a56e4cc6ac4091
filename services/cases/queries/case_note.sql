-- Internal notes on a case (staff and helpdesk only) and the citizen's reports of wrong
-- prefilled values on the case's draft.

-- name: NoteInsert :exec
INSERT INTO case_notes (case_id, author_kind, author_id, author_name, body, created_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: NotesOfCase :many
SELECT author_kind, author_name, body, created_at FROM case_notes WHERE case_id = $1 ORDER BY id;

-- name: DiscrepanciesOfCase :many
SELECT d.database, d.record_ref, d.attribute, d.shown_value, d.comment, d.created_at
FROM discrepancy_reports d JOIN cases c ON c.draft_id = d.draft_id WHERE c.id = $1 ORDER BY d.id;
