-- The officers' work queue of an agency. Its page of cases is built in Go (queue.go): every
-- filter is optional and the keyset must keep to the indexes of 00011 whatever is chosen, which
-- a query with a branch per optional argument would not. The counts are a named query.

-- name: CaseCountsOfAgency :batchmany
-- How many of the agency's cases are in each status, from the counts the triggers keep exact
-- (00014): a handful of rows however large the agency. A batch query, so that the queue page
-- sends it in the one round trip of its page (QueueScreen).
SELECT status, n FROM case_counts WHERE agency_code = $1 AND n > 0 ORDER BY status;
