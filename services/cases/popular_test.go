package cases_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
)

// TestMostUsed checks that the most used procedures are those with the most cases, most first,
// cut to the number asked.
func TestMostUsed(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	none, err := e.cases.MostUsed(ctx, 5)
	require.NoError(t, err)
	require.Empty(t, none)
	for i := 0; i < 3; i++ {
		_, err := casetest.Insert(ctx, e.pool, casetest.Spec{CitizenID: e.an.CitizenID, Procedure: landDeal, Agency: "VPDKDD-01"})
		require.NoError(t, err)
	}
	_, err = casetest.Insert(ctx, e.pool, casetest.Spec{CitizenID: e.binh.CitizenID, Procedure: residence, Agency: "CA-00070"})
	require.NoError(t, err)
	got, err := e.cases.MostUsed(ctx, 5)
	require.NoError(t, err)
	require.Equal(t, []cases.ProcedureUse{{ProcedureCode: landDeal, Cases: 3}, {ProcedureCode: residence, Cases: 1}}, got)
	one, err := e.cases.MostUsed(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, []cases.ProcedureUse{{ProcedureCode: landDeal, Cases: 3}}, one)
}
