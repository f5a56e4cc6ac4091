package audit

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
)

// Verify reads the chains a page of citizens at a time: any page size finds the same breaks and
// counts the same rows.
func TestVerifyPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	l := New(pool, nil)
	pids := []string{"001088012345", "048095004321", "079175001234"}
	for i := range 3 {
		for _, pid := range pids {
			require.NoError(t, l.Record(ctx, Entry{SubjectPersonalID: pid, ActorKind: ActorCitizen, ActorID: "citizen:1",
				ActorName: "Nguyễn Văn An", ActorRole: "citizen", Purpose: fmt.Sprintf("1.00119%d", i), Outcome: OutcomeOK}))
		}
	}
	var broken int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT seq FROM data_access_log WHERE subject_personal_id = $1 AND subject_seq = 2`,
		pids[1]).Scan(&broken))
	_, err := pool.Exec(ctx, `ALTER TABLE data_access_log DISABLE TRIGGER data_access_log_no_update`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE data_access_log SET actor_name = 'Someone else' WHERE seq = $1`, broken)
	require.NoError(t, err)

	for _, page := range []int64{1, 2, verifyPage} {
		t.Run(fmt.Sprintf("Page%d", page), func(t *testing.T) {
			var failed []int64
			n, err := l.verifySubjects(ctx, func(seq int64, _ string) { failed = append(failed, seq) }, page)
			require.NoError(t, err)
			require.Equal(t, int64(9), n)
			require.Equal(t, []int64{broken}, failed)
		})
	}
}
