-- A citizen's report that a prefilled value is wrong, for the database that holds it.

-- name: DiscrepancyReportInsert :exec
INSERT INTO discrepancy_reports (citizen_id, draft_id, database, record_ref, attribute, shown_value, comment, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);
