-- The shared rate limits (migration 00024): one row per key and fixed window.

-- name: WindowHit :one
-- Counts one hit of a key in its window, atomically, while the window has hits left: the first
-- hit inserts the row, the next ones add to it up to the limit. At the limit the update's WHERE
-- fails, no row is returned and nothing is written, so a flood of refused hits costs no writes.
INSERT INTO rate_limit_windows AS w (key, window_start, window_end, hits)
VALUES (sqlc.arg(key), sqlc.arg(window_start), sqlc.arg(window_end), 1)
ON CONFLICT (key, window_start) DO UPDATE SET hits = w.hits + 1
WHERE w.hits < sqlc.arg(max_hits)::integer
RETURNING hits;

-- name: WindowGiveBack :exec
-- Takes back one hit of a key's window (a guess that proved right).
UPDATE rate_limit_windows SET hits = hits - 1
WHERE key = sqlc.arg(key) AND window_start = sqlc.arg(window_start) AND hits > 0;

-- name: WindowsPurge :execrows
-- Deletes the windows that have ended.
DELETE FROM rate_limit_windows WHERE window_end <= sqlc.arg(now);
