package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPgbenchScript: the pgbench reference binds every parameter of every statement services/cases
// submits with, so a column added to the case's INSERT breaks this test, not a bench run an hour
// later ("no pgbench value for column parties" went unnoticed for a release).
func TestPgbenchScript(t *testing.T) {
	t.Parallel()
	for level, route := range routeQueries {
		script, err := pgbenchSubmission(route)
		require.NoError(t, err, level)
		require.NotContains(t, script, "{{", level)
		require.NotRegexp(t, `\$[0-9]+`, script, "%s: every parameter bound", level)
		require.Contains(t, script, ":parties", level)
		require.Equal(t, 1, strings.Count(script, "INSERT INTO cases"), level)
	}
}
