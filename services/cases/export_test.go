package cases

import "time"

// QueuePartSQL exposes the queue's statement to the tests that EXPLAIN it.
func QueuePartSQL(agency string, f QueueFilter, today time.Time, late bool, n int) (string, []any) {
	return queuePartSQL(agency, f, today, late, n)
}
