-- +goose Up
-- Office hours per province: the two sessions of a working day and the cut-off after which a
-- case submitted that day counts from the next working day. A civil servant's working day is
-- 8 hours, but each province sets when it starts and ends. Province code '00' is the national
-- default, used for every province without its own row (no province has code 00). The shipped
-- hours are seeded from services/calendar/office_hours.json and edited by an administrator.
CREATE TABLE office_hours (
    province_code   text PRIMARY KEY CHECK (province_code ~ '^[0-9]{2}$'),
    morning_start   time NOT NULL,
    morning_end     time NOT NULL,
    afternoon_start time NOT NULL,
    afternoon_end   time NOT NULL,
    cutoff          time NOT NULL,
    basis           text NOT NULL DEFAULT '', -- the decision or source the hours come from
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (morning_start < morning_end AND morning_end <= afternoon_start AND afternoon_start < afternoon_end),
    CHECK ((morning_end - morning_start) + (afternoon_end - afternoon_start) = interval '8 hours'),
    CHECK (cutoff > morning_start AND cutoff <= afternoon_end)
);

-- +goose Down
DROP TABLE office_hours;
