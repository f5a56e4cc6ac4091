-- +goose Up
-- A file's content goes when the last file that names it goes (services/attachments deletes it in
-- the transaction that removes the reference), a citizen's files waiting in drafts are capped in
-- bytes, and a case's files in number. The lookups those need: by content, by the citizen's
-- unsubmitted files, by case.
CREATE INDEX attachments_sha256_idx ON attachments (sha256);
CREATE INDEX attachments_citizen_draft_idx ON attachments (citizen_id) WHERE case_id IS NULL;
CREATE INDEX attachments_case_idx ON attachments (case_id) WHERE case_id IS NOT NULL;

-- Contents left behind by replaced uploads and deleted or expired drafts before this release.
DELETE FROM attachment_blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256);

-- +goose Down
DROP INDEX attachments_case_idx;
DROP INDEX attachments_citizen_draft_idx;
DROP INDEX attachments_sha256_idx;
