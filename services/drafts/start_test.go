package drafts_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/registry"
)

func TestStart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		d := e.get(t, e.an, id)

		require.Equal(t, residence, d.ProcedureCode)
		require.Equal(t, 1, d.Version)
		require.Equal(t, e.an.CitizenID, d.CitizenID)
		require.Equal(t, 0, d.Step)
		require.Empty(t, d.Completed)
		require.Empty(t, d.Unavailable)
		require.Nil(t, d.SubmittedAt)
		require.True(t, d.ExpiresAt.Equal(e.clock.Now().Add(ttl)), "expires %v", d.ExpiresAt)

		// Every bound field is filled from the database, locked, and says where it came from.
		require.Equal(t, "Nguyễn Văn An", d.Answers.String("applicant_name"))
		require.Equal(t, "1988-03-15", d.Answers.String("birth_date"))
		require.Equal(t, forms.Address{Province: "01", Commune: "00070", Line: "12 Phố Huế"}, d.Answers.Address("residence"))
		require.Len(t, d.Answers.Items("household"), 2)
		require.NotContains(t, d.Answers, "phone", "a field the state cannot know stays empty")
		require.ElementsMatch(t, []string{"applicant_name", "birth_date", "residence", "household"}, keys(d.Prefill.Fields))
		for name, f := range d.Prefill.Fields {
			require.True(t, f.Locked, name)
			require.Equal(t, registry.Population, f.Database, name)
			require.Equal(t, "POP-"+anPID, f.RecordRef, name)
			require.True(t, f.RetrievedAt.Equal(e.clock.Now()), "%s retrieved at %v", name, f.RetrievedAt)
		}
		require.Equal(t, "population.full_name", d.Prefill.Fields["applicant_name"].Binding)

		// Consent to exactly the bound attributes, for the procedure, referencing the draft.
		c, ok, err := e.consents.Active(ctx, e.an.CitizenID, residence)
		require.NoError(t, err)
		require.True(t, ok, "no consent recorded")
		require.Equal(t, id.String(), c.Reference)
		require.Equal(t, []string{registry.Population}, c.Databases)
		require.ElementsMatch(t, residenceSchema().Bindings(), c.Attributes)

		// The registry was asked for this purpose and reference, and the fetch is in the citizen's log.
		require.Equal(t, []registry.Request{{PersonalID: anPID, Purpose: residence, Reference: id.String()}}, e.reg.asked)
		log, err := e.audit.ForSubject(ctx, anPID, 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Equal(t, audit.ActorCitizen, log[0].ActorKind)
		require.Equal(t, id.String(), log[0].Reference)
		require.Equal(t, residence, log[0].Purpose)
		require.Equal(t, []string{registry.Population}, log[0].Databases)
		require.Equal(t, audit.OutcomeOK, log[0].Outcome)
	})

	t.Run("DatabaseUnavailable", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.reg.setDown(registry.Population, true)
		id := e.start(t, e.an, residence)
		d := e.get(t, e.an, id)

		require.Equal(t, []string{registry.Population}, d.Unavailable)
		require.Empty(t, d.Prefill.Fields, "nothing is locked when the database did not answer")
		require.Empty(t, d.Answers)
		f, _, ok := d.Schema.Field("applicant_name")
		require.True(t, ok)
		require.True(t, d.SelfDeclared(f), "the citizen types it, marked self-declared")
		phone, _, _ := d.Schema.Field("phone")
		require.False(t, d.SelfDeclared(phone), "an unbound field is the citizen's own, not self-declared")
		proof, _, _ := d.Schema.Field("proof")
		require.True(t, d.EvidenceRequired(proof), "evidence stands in for the missing database")

		log, err := e.audit.ForSubject(ctx, anPID, 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Equal(t, audit.OutcomeUnavailable, log[0].Outcome, "a failed fetch is logged too")
	})

	t.Run("DatabaseAnswered", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.get(t, e.an, e.start(t, e.an, residence))
		proof, _, _ := d.Schema.Field("proof")
		require.False(t, d.EvidenceRequired(proof))
		f, _, _ := d.Schema.Field("applicant_name")
		require.False(t, d.SelfDeclared(f))
	})

	t.Run("NoRecord", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.get(t, e.binh, e.start(t, e.binh, residence))
		require.Empty(t, d.Prefill.Fields)
		require.Empty(t, d.Unavailable, "no record is not an outage: nothing becomes self-declared")
		log, err := e.audit.ForSubject(ctx, binhPID, 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Equal(t, audit.OutcomeNotFound, log[0].Outcome)
	})

	t.Run("Parcels", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.get(t, e.an, e.start(t, e.an, landDeal))
		require.Len(t, d.Prefill.Parcels, 2)
		require.Equal(t, "LAND-01-00070-12-34", d.Prefill.Parcels[0].RecordID)
		require.Empty(t, d.Prefill.Fields, "parcel details wait for the citizen's choice")
	})

	t.Run("NoBindings", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		schema := forms.Schema{Steps: []forms.Step{residenceSchema().Steps[1]}, Declaration: text("x", "x")}
		id, err := e.svc.Start(ctx, e.consents, e.an, residence, 1, schema, "")
		require.NoError(t, err)
		require.Zero(t, e.reg.callCount(), "nothing is fetched for a form that binds nothing")
		_, ok, err := e.consents.Active(ctx, e.an.CitizenID, residence)
		require.NoError(t, err)
		require.False(t, ok, "no consent is asked for nothing")
		log, err := e.audit.ForSubject(ctx, anPID, 10)
		require.NoError(t, err)
		require.Empty(t, log)
		e.get(t, e.an, id)
	})
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
