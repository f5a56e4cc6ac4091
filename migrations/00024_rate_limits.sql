-- +goose Up
-- Rate limits shared by every replica (services/ratelimit): one row per limited key and fixed
-- window, counting its hits. A hit is one atomic upsert, so replicas behind a load balancer share
-- each limit instead of multiplying it. The keys name a rule and what it limits: a client address
-- ("verify:203.0.113.5"), a helpdesk agent, or a case code whose last-4 guesses are counted.
-- Rows are only useful until their window ends; the hourly purge job deletes them after that.
CREATE TABLE rate_limit_windows (
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    hits         integer NOT NULL CHECK (hits >= 0),
    PRIMARY KEY (key, window_start),
    CHECK (window_end > window_start)
);
CREATE INDEX rate_limit_windows_end_idx ON rate_limit_windows (window_end);

-- +goose Down
DROP TABLE rate_limit_windows;
