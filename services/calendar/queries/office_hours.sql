-- Office hours per province, one row a province; province '00' is the national default.

-- name: OfficeHours :many
SELECT province_code, morning_start, morning_end, afternoon_start, afternoon_end, cutoff, basis
FROM office_hours ORDER BY province_code;

-- name: OfficeHoursSet :exec
-- An administrator's hours: adds the province or replaces what it had.
INSERT INTO office_hours (province_code, morning_start, morning_end, afternoon_start, afternoon_end, cutoff, basis)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (province_code) DO UPDATE
SET morning_start = EXCLUDED.morning_start, morning_end = EXCLUDED.morning_end,
    afternoon_start = EXCLUDED.afternoon_start, afternoon_end = EXCLUDED.afternoon_end,
    cutoff = EXCLUDED.cutoff, basis = EXCLUDED.basis, updated_at = now();

-- name: OfficeHoursSeed :execrows
-- Shipped hours: written only when the province has none, so an administrator's edit stays.
INSERT INTO office_hours (province_code, morning_start, morning_end, afternoon_start, afternoon_end, cutoff, basis)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (province_code) DO NOTHING;

-- name: OfficeHoursDelete :execrows
DELETE FROM office_hours WHERE province_code = $1;
