package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestHistorySpansAYear: at every scale the history's rows go back one year from its start,
// newest first (the product of a row number and a year in nanoseconds overflows int64).
func TestHistorySpansAYear(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 100_000, 10_000_000} {
		h := &history{n: n, start: start}
		require.Equal(t, start, h.submitted(0))
		oldest := h.submitted(n - 1)
		require.WithinDuration(t, start.AddDate(-1, 0, 0), oldest, 24*time.Hour, "n=%d", n)
		prev := h.submitted(0)
		for i := 1; i < n; i += n / 997 {
			at := h.submitted(i)
			require.True(t, at.Before(prev), "n=%d: row %d at %s is not older than the row before (%s)", n, i, at, prev)
			prev = at
		}
	}
}
