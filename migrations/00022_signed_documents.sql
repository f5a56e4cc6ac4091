-- +goose Up
-- A case's signed documents (issue 13): besides its result (<case code>-KQ1), the "Phiếu xin lỗi
-- và hẹn lại ngày trả kết quả" an agency sends with a new date (<case code>-XL1) is signed with
-- the agency's key, stored and verified the same way. One of each kind per case; every existing
-- row is a result.
ALTER TABLE results
    ADD COLUMN kind text NOT NULL DEFAULT 'result' CHECK (kind IN ('result', 'apology'));
ALTER TABLE results ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE results DROP CONSTRAINT results_case_id_key;
ALTER TABLE results ADD CONSTRAINT results_case_id_kind_key UNIQUE (case_id, kind);
ALTER TABLE results DROP CONSTRAINT results_code_check;
ALTER TABLE results ADD CONSTRAINT results_code_check CHECK (
    (kind = 'result' AND code ~ '^[A-Z0-9-]+-KQ[0-9]+$') OR (kind = 'apology' AND code ~ '^[A-Z0-9-]+-XL[0-9]+$'));
-- Only a result is delivered by its download.
ALTER TABLE results ADD CONSTRAINT results_downloaded_result CHECK (downloaded_at IS NULL OR kind = 'result');

-- +goose Down
DELETE FROM results WHERE kind = 'apology';
ALTER TABLE results DROP CONSTRAINT results_downloaded_result;
ALTER TABLE results DROP CONSTRAINT results_code_check;
ALTER TABLE results ADD CONSTRAINT results_code_check CHECK (code ~ '^[A-Z0-9-]+-KQ[0-9]+$');
ALTER TABLE results DROP CONSTRAINT results_case_id_kind_key;
ALTER TABLE results ADD CONSTRAINT results_case_id_key UNIQUE (case_id);
ALTER TABLE results DROP COLUMN kind;
