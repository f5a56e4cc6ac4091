package casework_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
)

// allowedPairs are the status changes of the life cycle, from the rules themselves.
func allowedPairs() [][2]int {
	var out [][2]int
	for _, tr := range casework.Transitions() {
		out = append(out, [2]int{int(tr.From), int(tr.To)})
	}
	return out
}

// rawUpdate changes a case's status by hand (casetest.SetStatusRaw keeps the other columns as
// the table's checks want them), so that only the transition trigger can refuse it.
func (e *env) rawUpdate(ctx context.Context, id int64, to int) error {
	return casetest.SetStatusRaw(ctx, e.pool, id, status.Status(to))
}

func isTransitionError(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23514" && pgErr.ConstraintName == "cases_status_transition"
}

// TestTransitionTrigger tries every (from, to) pair with a raw UPDATE: the life cycle's pairs
// pass, every other change is refused by the database itself.
func TestTransitionTrigger(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	for from := 1; from <= 10; from++ {
		for to := 1; to <= 10; to++ {
			t.Run(fmt.Sprintf("%d-%d", from, to), func(t *testing.T) {
				s := matrixSpec(from)
				if from == 7 && slices.Contains([]int{1, 2, 4, 5, 6}, to) {
					s.prev = to // a refused withdrawal returns where it came from
				}
				if from == 7 && s.prev == 5 {
					s.paused = ptr(at("2026-11-25 10:00"))
				}
				if from == 5 && to == 1 { // a supplement asked at reception, before any receipt
					s.received, s.due, s.paused = nil, nil, nil
				}
				id := e.newCase(t, s)
				err := e.rawUpdate(ctx, id, to)
				if from == to || slices.Contains(allowedPairs(), [2]int{from, to}) {
					require.NoError(t, err)
				} else {
					require.Error(t, err)
					require.True(t, isTransitionError(err), "%v", err)
				}
				st, qerr := casetest.Status(ctx, e.pool, id)
				require.NoError(t, qerr)
				if err == nil {
					require.Equal(t, to, int(st))
				} else {
					require.Equal(t, from, int(st))
				}
			})
		}
	}
	t.Run("ErrWithdrawalRefusedElsewhere", func(t *testing.T) {
		s := matrixSpec(7) // came from 4
		id := e.newCase(t, s)
		err := e.rawUpdate(ctx, id, 2)
		require.True(t, isTransitionError(err), "%v", err)
		err = e.rawUpdate(ctx, id, 4)
		require.NoError(t, err)
	})
	t.Run("ErrWithdrawalWithoutPrevious", func(t *testing.T) {
		id := e.newCase(t, spec{status: 7}) // no prev_status: only stopping is possible
		err := e.rawUpdate(ctx, id, 1)
		require.True(t, isTransitionError(err), "%v", err)
		err = e.rawUpdate(ctx, id, 8)
		require.NoError(t, err)
	})
	t.Run("ErrSupplementAnsweredElsewhere", func(t *testing.T) {
		atReception := e.newCase(t, spec{status: 5}) // never received: the request was made at reception
		err := e.rawUpdate(ctx, atReception, 4)
		require.True(t, isTransitionError(err), "%v", err)
		require.NoError(t, e.rawUpdate(ctx, atReception, 1))
		received := e.newCase(t, matrixSpec(5))
		err = e.rawUpdate(ctx, received, 1)
		require.True(t, isTransitionError(err), "%v", err)
		require.NoError(t, e.rawUpdate(ctx, received, 4))
	})
	t.Run("OtherColumnsFree", func(t *testing.T) {
		id := e.newCase(t, spec{status: 1})
		_, err := casetest.UpdateRaw(ctx, e.pool, []int64{id}, casetest.Set{AssignedTo: "x", NextVersion: true})
		require.NoError(t, err)
		_, err = casetest.UpdateRaw(ctx, e.pool, []int64{id}, casetest.Set{Status: status.Delivered}) // the status alone
		require.True(t, isTransitionError(err), "%v", err)
	})
}
