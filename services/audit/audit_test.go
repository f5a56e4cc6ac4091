package audit_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func entry(pid, purpose string) audit.Entry {
	return audit.Entry{
		SubjectPersonalID: pid, ActorKind: audit.ActorCitizen, ActorID: "citizen:1", ActorName: "Nguyễn Văn An",
		ActorRole: "citizen", Purpose: purpose, Reference: "CV-1",
		Databases: []string{"population"}, Attributes: []string{"population.household"}, Outcome: audit.OutcomeOK,
	}
}

func setup(t testing.TB) (*audit.Log, *pgxpool.Pool) {
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 9, 30, 0, 123456789, time.UTC)
	return audit.New(pool, func() time.Time { return now }), pool
}

func TestRecordAndVerify(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log, pool := setup(t)
	for i := 0; i < 5; i++ {
		require.NoError(t, log.Record(ctx, entry("001088012345", "citizen-view"), entry("079175001234", "1.001193")))
	}

	t.Run("OK", func(t *testing.T) {
		rep, err := log.Verify(ctx)
		require.NoError(t, err)
		require.True(t, rep.OK, "%+v", rep)
		require.Equal(t, int64(10), rep.Rows)
	})

	t.Run("ForSubjectNewestFirst", func(t *testing.T) {
		got, err := log.ForSubject(ctx, "001088012345", 3)
		require.NoError(t, err)
		require.Len(t, got, 3)
		require.Greater(t, got[0].Seq, got[1].Seq)
		require.Equal(t, "citizen-view", got[0].Purpose)
		require.Equal(t, []string{"population.household"}, got[0].Attributes)
	})

	t.Run("ErrAppendOnly", func(t *testing.T) {
		_, err := pool.Exec(ctx, `UPDATE data_access_log SET purpose = 'x' WHERE seq = 1`)
		require.ErrorContains(t, err, "append-only")
		_, err = pool.Exec(ctx, `DELETE FROM data_access_log WHERE seq = 1`)
		require.ErrorContains(t, err, "append-only")
	})

	t.Run("ErrInvalidSubject", func(t *testing.T) {
		require.Error(t, log.Record(ctx, entry("12345", "citizen-view")))
	})
}

func TestVerifyNamesTheAlteredRow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		tamper string
		want   int64
	}{
		{"ErrContentChanged", `UPDATE data_access_log SET actor_name = 'Someone else' WHERE seq = 4`, 4},
		// Each citizen's rows number 1, 2, 3…: the row after the gap is the one that fails.
		{"ErrRowRemoved", `DELETE FROM data_access_log WHERE seq = 3`, 4},
		{"ErrHashRewritten", `UPDATE data_access_log SET purpose = 'x', hash = sha256(hash) WHERE seq = 6`, 6},
		// The portal only ever wrote citizens' chains; a row of the schema's default chain 1 is refused.
		{"ErrNotACitizenChainRow", `UPDATE data_access_log SET chain = 1, subject_seq = NULL WHERE seq = 5`, 5},
		// The newest rows removed: the chain's head (00039) still names its last row, so the row
		// left last is reported.
		{"ErrNewestRowsRemoved", `DELETE FROM data_access_log WHERE seq >= 7`, 6},
		{"ErrHeadNotLastRow", `UPDATE data_access_log_heads SET subject_seq = 7`, 8},
		{"ErrNoHead", `DELETE FROM data_access_log_heads`, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			log, pool := setup(t)
			for i := 0; i < 8; i++ {
				require.NoError(t, log.Record(ctx, entry("001088012345", fmt.Sprintf("1.00119%d", i))))
			}
			// Someone with the owner's rights switches the guard off and edits the table.
			_, err := pool.Exec(ctx, `ALTER TABLE data_access_log DISABLE TRIGGER data_access_log_no_update`)
			require.NoError(t, err)
			_, err = pool.Exec(ctx, tc.tamper)
			require.NoError(t, err)
			rep, err := log.Verify(ctx)
			require.NoError(t, err)
			require.False(t, rep.OK)
			require.Equal(t, tc.want, rep.BrokenSeq, rep.Reason)
		})
	}
}

func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log, _ := setup(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- log.Record(ctx, entry("048095004321", "citizen-view"))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	rep, err := log.Verify(ctx)
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
	require.Equal(t, int64(40), rep.Rows)
}

// Appends for different citizens never wait for each other; appends for the same one do.
func TestChainsLockPerCitizen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log, pool := setup(t)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	require.NoError(t, log.RecordTx(ctx, tx, entry("001088012345", "citizen-view")))

	other, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(t, log.Record(other, entry("079175001234", "citizen-view")), "another citizen's chain is free")

	same, cancel2 := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel2()
	require.Error(t, log.Record(same, entry("001088012345", "1.001193")), "the same citizen's chain waits for the open append")

	require.NoError(t, tx.Commit(ctx))
	require.NoError(t, log.Record(ctx, entry("001088012345", "1.001193")))
	rep, err := log.Verify(ctx)
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
	require.Equal(t, int64(3), rep.Rows)
}

// Many citizens appending at once each get a whole chain.
func TestConcurrentAppendsForManyCitizens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log, _ := setup(t)
	pids := []string{"001088012345", "079175001234", "048095004321", "038301009876"}
	var wg sync.WaitGroup
	errs := make(chan error, 80)
	for i := range 80 {
		wg.Go(func() {
			// Two subjects in one append, in either order: locks are taken in one order.
			a, b := pids[i%4], pids[(i+1)%4]
			if i%2 == 1 {
				a, b = b, a
			}
			errs <- log.Record(ctx, entry(a, "citizen-view"), entry(b, "citizen-view"))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	rep, err := log.Verify(ctx)
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
	require.Equal(t, int64(160), rep.Rows)
}

// An append that fails after its chains are locked (a row the table refuses) writes nothing,
// leaves no lock held, and its connection, its transaction ended, serves the next append.
func TestAppendFailsWhole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbtest.URL(t)+"&pool_max_conns=1")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	log := audit.New(pool, time.Now)
	const an = "001088012345"
	require.NoError(t, log.Record(ctx, entry(an, "1.001193")))
	conns := pool.Stat().NewConnsCount()

	bad := entry(an, "citizen-view")
	bad.Outcome = "maybe" // refused by the table's CHECK, in the append's second round trip
	_, err = log.RecordAndList(ctx, an, 100, entry(an, "citizen-view"), bad)
	require.ErrorContains(t, err, "check constraint")
	require.ErrorContains(t, log.Record(ctx, entry(an, "citizen-view"), bad), "check constraint")

	var locks int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM pg_locks
		WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&locks))
	require.Zero(t, locks, "the failed appends' chain locks were released")
	got, err := log.RecordAndList(ctx, an, 100, entry(an, "citizen-view"))
	require.NoError(t, err)
	require.Len(t, got, 2, "nothing of the failed appends was written")
	require.Equal(t, conns, pool.Stat().NewConnsCount(), "the connection was kept: its transaction was rolled back")
	rep, err := log.Verify(ctx)
	require.NoError(t, err)
	require.True(t, rep.OK, "%+v", rep)
}
