package cases_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMine checks that the dashboard's one statement returns what List and AboutPerson return
// separately: the citizen's own cases, and the cases others filed that name them.
func TestMine(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	own := e.submit(t, e.an, e.draft(t, e.an, true))
	other := e.submit(t, e.binh, e.draft(t, e.binh, true))
	// Bình's case names An (as its first party, the only one a residence case has).
	_, err := e.pool.Exec(ctx, `INSERT INTO case_parties (case_id, party, personal_id) VALUES ($1, $2, $3)`,
		other.ID, other.Parties[0].ID, anPID)
	require.NoError(t, err)

	list, err := e.cases.List(ctx, e.an.CitizenID)
	require.NoError(t, err)
	about, err := e.cases.AboutPerson(ctx, anPID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, own.Code, list[0].Code)
	require.Len(t, about, 1)
	require.Equal(t, other.Code, about[0].Code)
	require.Equal(t, other.Parties[0].ID, about[0].As.ID)
	require.Equal(t, "Trần Thị Bình", about[0].FiledBy)

	t.Run("OK", func(t *testing.T) {
		m, err := e.cases.Mine(ctx, e.an.CitizenID, anPID)
		require.NoError(t, err)
		require.Equal(t, list, m.Cases)
		require.Equal(t, about, m.AboutMe)
	})
	t.Run("NoPersonalID", func(t *testing.T) {
		m, err := e.cases.Mine(ctx, e.an.CitizenID, "")
		require.NoError(t, err)
		require.Equal(t, list, m.Cases)
		require.Empty(t, m.AboutMe)
	})
	t.Run("NoCases", func(t *testing.T) {
		m, err := e.cases.Mine(ctx, e.cuong.CitizenID, cuongPID)
		require.NoError(t, err)
		require.Empty(t, m.Cases)
		require.Empty(t, m.AboutMe)
	})
}
