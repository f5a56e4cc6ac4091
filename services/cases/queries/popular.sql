-- The procedures citizens use most, for the catalogue's "no results" page.

-- name: MostUsedProcedures :many
-- The procedures with the most cases submitted, most first; ties by code.
SELECT procedure_code, count(*) AS cases
FROM cases
GROUP BY procedure_code
ORDER BY count(*) DESC, procedure_code
LIMIT sqlc.arg(max_procedures);
