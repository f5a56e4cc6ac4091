package routing_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/routing"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type procedure struct {
	catalogue.Procedure
	schema forms.Schema
}

// seeded is the real catalogue, seeded into a fresh database, with every procedure's schema.
func seeded(t *testing.T) (*catalogue.Service, []procedure) {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)))
	cat := catalogue.New(pool)
	ps, err := cat.List(ctx, catalogue.Filter{})
	require.NoError(t, err)
	require.NotEmpty(t, ps)
	out := make([]procedure, 0, len(ps))
	for _, p := range ps {
		s, err := cat.Schema(ctx, p.Code, p.CurrentVersion)
		require.NoError(t, err)
		out = append(out, procedure{p, s})
	}
	return cat, out
}

// branch answers a procedure's form so that route i applies, placing it in the commune.
func branch(s forms.Schema, i int, province, commune string) (forms.Answers, []prefill.ParcelOption) {
	rt := s.Routing[i]
	answers := forms.Answers{}
	if rt.When != nil {
		answers[rt.When.Field] = rt.When.Equals[0]
	}
	f, _, _ := s.Field(rt.Field)
	if f.ShowIf != nil {
		answers[f.ShowIf.Field] = f.ShowIf.Equals[0]
	}
	var parcels []prefill.ParcelOption
	switch f.Type {
	case forms.TypeAddress:
		answers[f.Name] = forms.Address{Province: province, Commune: commune, Line: "Số 1"}
	case forms.TypeProvince:
		answers[f.Name] = province
	case forms.TypeParcel:
		answers[f.Name] = "LAND-1"
		parcels = []prefill.ParcelOption{{RecordID: "LAND-1", Details: map[string]string{
			prefill.ParcelProvince: province, prefill.ParcelCommune: commune}}}
	}
	return answers, parcels
}

// checkDecision: the agency is of the procedure's kind, at the place of the branch.
func checkDecision(t *testing.T, p procedure, i int, d routing.Decision, province, commune string) {
	t.Helper()
	rt := p.schema.Routing[i]
	require.Equal(t, p.AgencyKind, d.Agency.Kind, "%s route %d", p.Code, i)
	require.Equal(t, province, d.Agency.ProvinceCode, "%s route %d", p.Code, i)
	if p.AgencyLevel == catalogue.LevelCommune {
		require.Equal(t, commune, d.Agency.CommuneCode, "%s route %d", p.Code, i)
	}
	require.Equal(t, rt.Field, d.Field)
	require.Equal(t, rt.Reason, d.Reason)
}

// Every procedure routes by data, and every branch of its routes finds the competent agency:
// the commune of the new residence, the business, the chosen parent or partner; the land
// office of the parcel's area; the province's social insurance or employment service.
func TestEveryProcedureEveryBranch(t *testing.T) {
	t.Parallel()
	cat, procs := seeded(t)
	ctx := context.Background()
	units := catalogue.NewUnits()
	// Two places of different provinces, so that a route to the wrong answer shows.
	places := [][2]string{{"01", "00082"}, {"46", "19753"}}
	for _, p := range procs {
		require.NotEmpty(t, p.schema.Routing, "%s names how its agency is found", p.Code)
		for i := range p.schema.Routing {
			for _, pl := range places {
				require.True(t, units.CommuneInProvince(pl[0], pl[1]))
				answers, parcels := branch(p.schema, i, pl[0], pl[1])
				d, err := routing.Decide(ctx, cat, p.Procedure, p.schema, answers, parcels)
				require.NoError(t, err, "%s route %d at %v", p.Code, i, pl)
				checkDecision(t, p, i, d, pl[0], pl[1])
			}
		}
		// With nothing answered, no route holds: a clear refusal, not a guess.
		_, err := routing.Decide(ctx, cat, p.Procedure, p.schema, forms.Answers{}, nil)
		require.Equal(t, fault.EINVALID, fault.Code(err), "%s: %v", p.Code, err)
		require.Equal(t, routing.MsgNoPlace, fault.Message(err))
	}
}

// The defects of the first model: a residence goes where the person registers, a business where
// it is, a birth where the chosen parent lives — not the applicant's own residence.
func TestNotTheApplicantsResidence(t *testing.T) {
	t.Parallel()
	cat, procs := seeded(t)
	ctx := context.Background()
	byCode := map[string]procedure{}
	for _, p := range procs {
		byCode[p.Code] = p
	}
	home := forms.Address{Province: "01", Commune: "00070", Line: "Số 12, ngõ 5 phố Hàng Bạc"}
	elsewhere := forms.Address{Province: "01", Commune: "00082", Line: "Số 3 phố Lý Thường Kiệt"}

	res := byCode["1.004222"]
	d, err := routing.Decide(ctx, cat, res.Procedure, res.schema, forms.Answers{
		"current_residence": home, "new_address": elsewhere, "residence_basis": "family"}, nil)
	require.NoError(t, err)
	require.Equal(t, "CA-00082", d.Agency.Code, "the police of the commune where the person registers")

	biz := byCode["1.001612"]
	d, err = routing.Decide(ctx, cat, biz.Procedure, biz.schema, forms.Answers{"owner_residence": home, "business_address": elsewhere}, nil)
	require.NoError(t, err)
	require.Equal(t, "UBND-00082", d.Agency.Code, "the commune where the business is located")

	birth := byCode["1.001193"]
	answers := forms.Answers{"applicant_role": "mother", "father_residence": home, "mother_residence": elsewhere, "registration_place": "mother"}
	d, err = routing.Decide(ctx, cat, birth.Procedure, birth.schema, answers, nil)
	require.NoError(t, err)
	require.Equal(t, "UBND-00082", d.Agency.Code)
	answers["registration_place"] = "father"
	d, err = routing.Decide(ctx, cat, birth.Procedure, birth.schema, answers, nil)
	require.NoError(t, err)
	require.Equal(t, "UBND-00070", d.Agency.Code)
}

// A citizen of any commune reaches an agency for every procedure: 200 communes drawn from the
// whole map, every procedure, every branch.
func TestWholeMapSample(t *testing.T) {
	t.Parallel()
	cat, procs := seeded(t)
	ctx := context.Background()
	var all [][2]string
	for _, pr := range catalogue.NewUnits().Provinces() {
		for _, c := range pr.Communes {
			all = append(all, [2]string{pr.Code, c.Code})
		}
	}
	require.Len(t, all, 3321)
	rng := rand.New(rand.NewPCG(12, 2026))
	for range 200 {
		pl := all[rng.IntN(len(all))]
		for _, p := range procs {
			for i := range p.schema.Routing {
				answers, parcels := branch(p.schema, i, pl[0], pl[1])
				d, err := routing.Decide(ctx, cat, p.Procedure, p.schema, answers, parcels)
				require.NoError(t, err, "%s route %d at %v", p.Code, i, pl)
				checkDecision(t, p, i, d, pl[0], pl[1])
			}
		}
	}
}

// Schemas published before routes were data route as the first model did: the parcel, else the
// applicant's permanent residence, else the first address.
func TestLegacySchema(t *testing.T) {
	t.Parallel()
	s := forms.Schema{Steps: []forms.Step{{ID: "a", Fields: []forms.Field{
		{Name: "other", Type: forms.TypeAddress},
		{Name: "home", Type: forms.TypeAddress, Prefill: "population.permanent_residence"},
	}}}}
	pl, field, _, ok := routing.PlaceOf(s, forms.Answers{"other": forms.Address{Province: "01", Commune: "00082"},
		"home": forms.Address{Province: "01", Commune: "00070"}}, nil)
	require.True(t, ok)
	require.Equal(t, routing.Place{Province: "01", Commune: "00070"}, pl)
	require.Equal(t, "home", field)
	pl, _, _, ok = routing.PlaceOf(s, forms.Answers{"other": forms.Address{Province: "01", Commune: "00082"}}, nil)
	require.True(t, ok)
	require.Equal(t, "00082", pl.Commune)
}
