-- A citizen's in-app notifications.

-- name: NotificationsOfCitizen :many
-- Newest first (notifications_citizen_idx).
SELECT id, case_id, kind, title_vi, title_en, body_vi, body_en, link, created_at, read_at
FROM notifications WHERE citizen_id = sqlc.arg(citizen_id)
ORDER BY created_at DESC, id DESC LIMIT sqlc.arg(max_rows)::integer;

-- name: NotificationsUnread :one
SELECT count(*) FROM notifications WHERE citizen_id = $1 AND read_at IS NULL;

-- name: NotificationMarkRead :execrows
-- Marking it again keeps the first read time; no row when it is someone else's.
UPDATE notifications SET read_at = coalesce(read_at, sqlc.arg(at)::timestamptz)
WHERE id = sqlc.arg(id) AND citizen_id = sqlc.arg(citizen_id);

-- name: NotificationInsert :batchexec
-- One per case event: calling it again for the same event adds nothing. A batch query, sent with
-- the submission's other writes in one round trip.
INSERT INTO notifications (citizen_id, case_id, case_event_id, kind, title_vi, title_en, body_vi, body_en, link, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (case_event_id) DO NOTHING;

