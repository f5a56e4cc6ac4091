-- The calendar's exceptions to the Monday–Friday week, one row a date.

-- name: CalendarDays :many
SELECT day, kind, name_vi, name_en FROM calendar_days ORDER BY day;

-- name: CalendarDaySet :exec
-- An administrator's entry: adds the date or replaces what it had.
INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ($1, $2, $3, $4)
ON CONFLICT (day) DO UPDATE
SET kind = EXCLUDED.kind, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, updated_at = now();

-- name: CalendarDaySeed :execrows
-- A shipped entry: written only when the date has none, so an administrator's edit stays.
INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ($1, $2, $3, $4)
ON CONFLICT (day) DO NOTHING;

-- name: CalendarDayDelete :execrows
DELETE FROM calendar_days WHERE day = $1;
