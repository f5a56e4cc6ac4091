-- The supervisor's report. A Vietnam day of an instant is ((at AT TIME ZONE 'UTC') +
-- interval '7 hours')::date, whatever the session's time zone; [from_at, until_at) are the
-- instants that begin the first day and the day after the last.

-- name: ReportPaid :many
-- Orders paid, by the day they were paid.
SELECT ((o.paid_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS day,
    count(*)::int AS n, coalesce(sum(o.amount_vnd), 0)::bigint AS vnd
FROM payment_orders o JOIN payment_items i ON i.id = o.item_id
WHERE i.agency_code = @agency_code AND o.state = 'paid' AND o.paid_at >= @from_at AND o.paid_at < @until_at
GROUP BY 1 ORDER BY 1;

-- name: ReportOpened :many
-- Orders still pending, and orders failed, by the day they were created.
SELECT ((o.create_date AT TIME ZONE 'UTC') + interval '7 hours')::date AS day,
    (count(*) FILTER (WHERE o.state = 'pending'))::int AS pending,
    (count(*) FILTER (WHERE o.state = 'failed'))::int AS failed
FROM payment_orders o JOIN payment_items i ON i.id = o.item_id
WHERE i.agency_code = @agency_code AND o.create_date >= @from_at AND o.create_date < @until_at
GROUP BY 1 ORDER BY 1;

-- name: ReportRefunds :many
-- Paid orders flagged or sent for refund, by the day they were flagged.
SELECT ((r.created_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS day,
    count(*)::int AS n, coalesce(sum(r.amount_vnd), 0)::bigint AS vnd
FROM payment_refunds r JOIN payment_orders o ON o.id = r.order_id JOIN payment_items i ON i.id = o.item_id
WHERE i.agency_code = @agency_code AND r.created_at >= @from_at AND r.created_at < @until_at
GROUP BY 1 ORDER BY 1;
