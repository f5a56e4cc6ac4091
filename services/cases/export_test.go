package cases

import "time"

// QueuePageSQL exposes the statement of a page of the queue to the tests that EXPLAIN it.
func QueuePageSQL(agency string, f QueueFilter, today time.Time, n int) (string, []any) {
	return queuePageSQL(agency, f, today, n)
}

// GenericPlan exposes which pages are read with their statement's generic plan.
func GenericPlan(f QueueFilter) bool { return genericPlan(f) }
