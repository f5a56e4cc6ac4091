-- +goose Up
-- The working-day calendar's exceptions to the Monday–Friday rule: a 'holiday' is a weekday
-- off (a public holiday, a day in lieu of one that fell on a weekend, or a swapped day off); a
-- 'workday' is a Saturday or Sunday declared a working day (a make-up day). The official
-- schedules are seeded from the data file embedded in services/calendar and can be edited later
-- by an administrator.
CREATE TABLE calendar_days (
    day        date PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name_vi    text NOT NULL CHECK (btrim(name_vi) <> ''),
    name_en    text NOT NULL CHECK (btrim(name_en) <> ''),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- An exception must change something: a holiday on a weekday, a workday on a weekend.
    CHECK ((kind = 'workday') = (extract(isodow FROM day) IN (6, 7)))
);

-- +goose Down
DROP TABLE calendar_days;
