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

		// The portal's order (services/cases TestSubmitIsOneTransaction): the draft read, then one
		// transaction that claims the draft (its lock and submitted mark), reads the route, the fee
		// schedule and the contact and queues the email's job before it takes the agency's
		// counter, then sends the writes in one pipeline, then commits.
		order := []string{"FROM drafts WHERE id = :did AND citizen_id = :cid AND (expires_at", "BEGIN;",
			"UPDATE drafts SET submitted_at", "FROM agencies", "FROM procedure_fees", "FROM citizens WHERE id = :cid",
			"nextval(pg_get_serial_sequence('email_outbox', 'id'))", "INSERT INTO river_job",
			"INSERT INTO case_code_counters", "AS case_id", "AS event_id", "\\gset", "\\startpipeline", "INSERT INTO cases",
			"INSERT INTO case_events", "INSERT INTO notifications", "INSERT INTO email_outbox",
			"UPDATE attachments SET case_id", "\\endpipeline", "COMMIT;"}
		at := 0
		for _, s := range order {
			i := strings.Index(script[at:], s)
			require.GreaterOrEqual(t, i, 0, "%s: %q after %q", level, s, script[:at])
			at += i + len(s)
		}
		require.Equal(t, 1, strings.Count(script, "BEGIN;"), "%s: one transaction", level)
		require.Equal(t, 1, strings.Count(script, "UPDATE drafts"), "%s: the draft claimed once", level)
		pipelined := script[strings.Index(script, "\\startpipeline"):strings.Index(script, "\\endpipeline")]
		require.NotContains(t, pipelined, "\\gset", "%s: a pipeline's results are not read back", level)
		// pgbench takes :name for a variable even inside a string literal.
		for _, lit := range literals(script) {
			require.NotRegexp(t, `:[A-Za-z_]`, lit, "%s: no :name inside a string literal", level)
		}
	}
}

// literals are the SQL string literals of a script's statements (comment lines left out).
func literals(script string) []string {
	var out []string
	for _, line := range strings.Split(script, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		parts := strings.Split(line, "'")
		for i := 1; i < len(parts); i += 2 {
			out = append(out, parts[i])
		}
	}
	return out
}
