package drafts_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
)

const heldProcedure = "9.000001"

// heldSchema asks for one document, which a held birth certificate may be.
func heldSchema() forms.Schema {
	return forms.Schema{Steps: []forms.Step{{ID: "docs", Title: text("Giấy tờ", "Documents"), Fields: []forms.Field{
		{Name: "birth_proof", Type: forms.TypeFile, Required: true, Document: "birth_certificate", Label: text("Giấy khai sinh", "Birth certificate")},
	}}}, Declaration: text("Tôi cam đoan", "I declare")}
}

func TestHeldDocument(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	addProcedure(t, e.pool, heldProcedure, "commune_police", "commune", heldSchema())

	id := e.start(t, e.an, heldProcedure)
	save := func(held map[string]drafts.Held) drafts.StepResult {
		res, err := e.svc.SaveStep(ctx, e.an.CitizenID, id, drafts.StepInput{Step: 0, Answers: forms.Answers{}, Action: drafts.ActionContinue, Held: held}, e.rules())
		require.NoError(t, err)
		return res
	}

	t.Run("RequiredWithoutOne", func(t *testing.T) {
		res := save(nil)
		require.Len(t, res.Errors, 1)
	})
	t.Run("ChosenIsAReference", func(t *testing.T) {
		res := save(map[string]drafts.Held{"birth_proof": {ID: 42, Verified: true}})
		require.Empty(t, res.Errors, "a held document answers a required file field")
		d := e.get(t, e.an, id)
		require.Equal(t, "held:42:verified", d.Answers.String("birth_proof"))
		require.Equal(t, map[string]drafts.Held{"birth_proof": {ID: 42, Verified: true}}, d.HeldIn())
	})
	t.Run("UploadInsteadDropsIt", func(t *testing.T) {
		save(map[string]drafts.Held{"birth_proof": {}})
		require.Empty(t, e.get(t, e.an, id).HeldIn())
		save(map[string]drafts.Held{"birth_proof": {ID: 42, Verified: true}})
	})
	t.Run("ChosenReplacesTheUpload", func(t *testing.T) {
		save(map[string]drafts.Held{"birth_proof": {}})
		e.upload(t, e.an, id, "birth_proof")
		require.Contains(t, e.files(t, e.an, id), "birth_proof")
		save(map[string]drafts.Held{"birth_proof": {ID: 42, Verified: true}})
		require.NotContains(t, e.files(t, e.an, id), "birth_proof", "the upload left the draft")
		require.Equal(t, "held:42:verified", e.get(t, e.an, id).Answers.String("birth_proof"))
	})
	t.Run("WithdrawnLeavesUnsubmittedDrafts", func(t *testing.T) {
		other := e.start(t, e.an, heldProcedure)
		_, err := e.svc.SaveStep(ctx, e.an.CitizenID, other, drafts.StepInput{Step: 0, Answers: forms.Answers{}, Action: drafts.ActionSave,
			Held: map[string]drafts.Held{"birth_proof": {ID: 7}}}, e.rules())
		require.NoError(t, err)
		var n int64
		require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			var err error
			n, err = e.svc.ForgetHeldTx(ctx, tx, anPID, 42)
			return err
		}))
		require.EqualValues(t, 1, n)
		require.Empty(t, e.get(t, e.an, id).HeldIn(), "document 42 is gone from the draft")
		require.Equal(t, map[string]drafts.Held{"birth_proof": {ID: 7}}, e.get(t, e.an, other).HeldIn(), "another document stays")

		require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			var err error
			n, err = e.svc.ForgetHeldTx(ctx, tx, binhPID, 7)
			return err
		}))
		require.Zero(t, n, "only the holder's drafts")
	})
}

func TestParseHeld(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "held:", "held:x:verified", "held:0:self", "held:5:other", "3f2a-uuid"} {
		_, ok := drafts.ParseHeld(bad)
		require.False(t, ok, bad)
	}
	h, ok := drafts.ParseHeld(drafts.Held{ID: 9}.Answer())
	require.True(t, ok)
	require.Equal(t, drafts.Held{ID: 9}, h)
}
