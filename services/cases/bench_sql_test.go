package cases_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/database/dbtest"
)

// TestSubmissionStatements: the statements cmd/bench replays are the submission's, in its order,
// and PostgreSQL takes them as they are.
func TestSubmissionStatements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	got := cases.SubmissionStatements()
	want := []struct{ name, table string }{
		{"CaseCodeTimeline", ""}, {"CaseNextCode", "case_code_counters"}, {"CaseInsert", "cases"}, {"EventInsertReserved", "case_events"},
	}
	require.Len(t, got, len(want))
	conn, err := dbtest.New(t).Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	for i, w := range want {
		require.Equal(t, w.name, got[i].Name)
		require.Contains(t, got[i].SQL, "-- name: "+w.name+" ", "the generated query's text")
		if w.table != "" {
			require.Contains(t, got[i].SQL, "INSERT INTO "+w.table+" (")
		}
		require.False(t, strings.HasSuffix(strings.TrimSpace(got[i].SQL), ";"))
		_, err := conn.Conn().Prepare(ctx, w.name, got[i].SQL)
		require.NoError(t, err, w.name)
	}
}
