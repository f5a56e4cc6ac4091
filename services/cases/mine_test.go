package cases_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
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
		m, err := e.cases.Mine(ctx, e.an.CitizenID, anPID, "")
		require.NoError(t, err)
		require.Equal(t, list, m.Cases)
		require.Equal(t, about, m.AboutMe)
	})
	t.Run("NoPersonalID", func(t *testing.T) {
		m, err := e.cases.Mine(ctx, e.an.CitizenID, "", "")
		require.NoError(t, err)
		require.Equal(t, list, m.Cases)
		require.Empty(t, m.AboutMe)
	})
	t.Run("NoCases", func(t *testing.T) {
		m, err := e.cases.Mine(ctx, e.cuong.CitizenID, cuongPID, "")
		require.NoError(t, err)
		require.Empty(t, m.Cases)
		require.Empty(t, m.AboutMe)
	})
}

// TestMinePages walks "Hồ sơ của tôi" page by page: every own case once, newest first, in
// pages of MinePageSize, the cases about the citizen on the first page only; a cursor that is
// not one of the citizen's own cases shows nothing.
func TestMinePages(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	n := 2*cases.MinePageSize + 5
	for range n {
		e.submit(t, e.an, e.draft(t, e.an, true))
	}
	other := e.submit(t, e.binh, e.draft(t, e.binh, true))
	_, err := e.pool.Exec(ctx, `INSERT INTO case_parties (case_id, party, personal_id) VALUES ($1, $2, $3)`,
		other.ID, other.Parties[0].ID, anPID)
	require.NoError(t, err)
	all, err := e.cases.List(ctx, e.an.CitizenID) // newest first
	require.NoError(t, err)
	require.Len(t, all, n)

	var seen []cases.Summary
	after := ""
	for page := 0; ; page++ {
		m, err := e.cases.Mine(ctx, e.an.CitizenID, anPID, after)
		require.NoError(t, err)
		require.LessOrEqual(t, len(m.Cases), cases.MinePageSize)
		if page == 0 {
			require.Len(t, m.AboutMe, 1)
			require.Equal(t, other.Code, m.AboutMe[0].Code)
		} else {
			require.Empty(t, m.AboutMe, "page %d", page)
		}
		seen = append(seen, m.Cases...)
		if m.Next == "" {
			break
		}
		require.Len(t, m.Cases, cases.MinePageSize)
		require.Equal(t, m.Cases[len(m.Cases)-1].Code, m.Next)
		after = m.Next
		require.Less(t, page, 3, "the pages never end")
	}
	require.Equal(t, all, seen)

	t.Run("SomeoneElsesCase", func(t *testing.T) {
		m, err := e.cases.Mine(ctx, e.an.CitizenID, anPID, other.Code)
		require.NoError(t, err)
		require.Empty(t, m.Cases)
		require.Empty(t, m.Next)
		m, err = e.cases.Mine(ctx, e.binh.CitizenID, "", all[0].Code) // An's newest, asked by Bình
		require.NoError(t, err)
		require.Empty(t, m.Cases)
	})
	t.Run("Junk", func(t *testing.T) {
		for _, after := range []string{"x", strings.Repeat("9", 200), "' OR 1=1 --"} {
			m, err := e.cases.Mine(ctx, e.an.CitizenID, anPID, after)
			require.NoError(t, err)
			require.Empty(t, m.Cases)
		}
	})
}
