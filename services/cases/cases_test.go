package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
)

// A citizen sees only their own cases: in the list and by code.
func TestCitizenView(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)

	first := e.submit(t, e.an, e.draft(t, e.an, true))
	e.clock.Add(time.Hour)
	theirs := e.submit(t, e.binh, e.draft(t, e.binh, true))
	e.clock.Add(time.Hour)
	second := e.submit(t, e.an, e.draft(t, e.an, true))

	t.Run("List", func(t *testing.T) {
		list, err := e.cases.List(ctx, e.an.CitizenID)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, second.Code, list[0].Code, "newest first")
		require.Equal(t, first.Code, list[1].Code)
		s := list[0]
		require.Equal(t, residence, s.ProcedureCode)
		require.Equal(t, "CA-00070", s.AgencyCode)
		require.EqualValues(t, statusNew, s.Status)
		require.True(t, s.SubmittedAt.Equal(second.SubmittedAt))
		require.True(t, s.ExpectedDueOn.Equal(second.ExpectedDueOn))
		require.Nil(t, s.DueOn)

		require.Equal(t, []string{theirs.Code}, e.codes(t, e.binh))
		require.Empty(t, e.codes(t, e.cuong))
	})

	t.Run("ForCitizen", func(t *testing.T) {
		got, err := e.cases.ForCitizen(ctx, e.an.CitizenID, first.Code)
		require.NoError(t, err)
		require.Equal(t, first, got)
		got, err = e.cases.ForCitizen(ctx, e.binh.CitizenID, theirs.Code)
		require.NoError(t, err)
		require.Equal(t, theirs.ID, got.ID)
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		_, err := e.cases.ForCitizen(ctx, e.binh.CitizenID, first.Code)
		require.ErrorIs(t, err, cases.ErrNotFound, "someone else's case looks like no case")
		_, err = e.cases.ForCitizen(ctx, e.an.CitizenID, theirs.Code)
		require.ErrorIs(t, err, cases.ErrNotFound)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := e.cases.ForCitizen(ctx, e.an.CitizenID, "CA-00070-261127-9999")
		require.ErrorIs(t, err, cases.ErrNotFound)
		_, err = e.cases.ForCitizen(ctx, e.an.CitizenID, "")
		require.ErrorIs(t, err, cases.ErrNotFound)
	})
}
