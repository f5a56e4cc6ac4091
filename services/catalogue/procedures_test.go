package catalogue_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
)

// seeded lists the procedures of the product brief, and 3.000722, the online linked procedure
// that replaced 2.000986.
var seeded = []string{"1.000894", "1.001193", "1.001612", "1.004222", "1.013831", "1.014173", "1.014748", "2.000986", "3.000722"}

// listed are those the catalogue lists: 2.000986 was withdrawn.
var listed = []string{"1.000894", "1.001193", "1.001612", "1.004222", "1.013831", "1.014173", "1.014748", "3.000722"}

// procedureFiles reads the data files from disk, as an editor leaves them.
func procedureFiles(t *testing.T) map[string]map[string]json.RawMessage {
	t.Helper()
	names, err := filepath.Glob("data/procedures/*.json")
	require.NoError(t, err)
	out := map[string]map[string]json.RawMessage{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		var f map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(b, &f), name)
		var code string
		require.NoError(t, json.Unmarshal(f["code"], &code), name)
		require.Equal(t, filepath.Base(name), code+".json")
		out[code] = f
	}
	return out
}

func walkFields(s forms.Schema, fn func(f forms.Field)) {
	var walk func(fs []forms.Field)
	walk = func(fs []forms.Field) {
		for _, f := range fs {
			fn(f)
			walk(f.Fields)
		}
	}
	for _, st := range s.Steps {
		walk(st.Fields)
	}
}

func TestProcedureFiles(t *testing.T) {
	t.Parallel()
	files := procedureFiles(t)
	codes := make([]string, 0, len(files))
	for c := range files {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	require.Equal(t, seeded, codes)

	types := map[string]bool{}
	for _, code := range codes {
		t.Run(code, func(t *testing.T) {
			raw := files[code]["schema"]
			s, err := forms.Parse(raw)
			require.NoError(t, err)

			// forms.Parse ignores unknown keys; a misspelt "requried" or "show_iff" must not pass.
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(new(forms.Schema)), "unknown key in the schema")

			require.GreaterOrEqual(t, len(s.Steps), 2)
			require.LessOrEqual(t, len(s.Steps), 4)
			require.NotEmpty(t, s.Declaration.EN)
			for _, st := range s.Steps {
				require.NotEmpty(t, st.Title.VI, st.ID)
				require.NotEmpty(t, st.Title.EN, st.ID)
			}
			walkFields(s, func(f forms.Field) {
				types[f.Type] = true
				for _, o := range f.Options {
					require.NotEmpty(t, o.Value, f.Name)
					require.NotEmpty(t, o.Label.VI, f.Name)
					require.NotEmpty(t, o.Label.EN, f.Name)
				}
				if f.Prefill != "" {
					b, ok := prefill.Lookup(f.Prefill)
					require.True(t, ok, "field %s binds unknown %s", f.Name, f.Prefill)
					require.Equal(t, b.FieldType, f.Type, "field %s binds %s", f.Name, f.Prefill)
				}
				for _, db := range f.EvidenceFor {
					require.Equal(t, forms.TypeFile, f.Type, f.Name)
					require.Contains(t, []string{"population", "land", "insurance"}, db, f.Name)
				}
			})
			require.NotEmpty(t, s.Bindings(), "every procedure prefills something")
		})
	}
	t.Run("EveryFieldType", func(t *testing.T) {
		for _, typ := range []string{
			forms.TypeText, forms.TypeTextarea, forms.TypeNumber, forms.TypeDate, forms.TypeSelect,
			forms.TypeRadio, forms.TypeCheckbox, forms.TypeYesNo, forms.TypeAddress, forms.TypePersonalID,
			forms.TypeMoney, forms.TypeFile, forms.TypeGroup, forms.TypeParcel,
		} {
			require.True(t, types[typ], "no schema uses a %s field", typ)
		}
	})
}

// TestSchemaContracts pins the field names that handlers and tests rely on.
func TestSchemaContracts(t *testing.T) {
	t.Parallel()
	files := procedureFiles(t)
	for code, want := range map[string]map[string]string{ // field → prefill binding ("" for none)
		"1.001193": {
			"child_full_name": "", "child_birth_date": "", "child_sex": "", "child_birth_place_kind": "",
			"birth_facility": "", "child_ethnicity": "", "registration_place": "", "father_member": "", "mother_member": "",
			"father_full_name": "population.full_name", "father_personal_id": "population.personal_id",
			"mother_full_name": "population.full_name", "mother_personal_id": "population.personal_id",
			"father_residence": "population.permanent_residence", "mother_residence": "population.permanent_residence",
			"birth_certificate": "", "population_evidence": "", "authorisation": "",
		},
		"1.013831": {
			"parcel": "land.parcels", "map_sheet": "land.parcel.map_sheet", "parcel_number": "land.parcel.parcel_number",
			"parcel_address": "land.parcel.address", "area_m2": "land.parcel.area_m2", "land_use": "land.parcel.land_use",
			"certificate_serial": "land.parcel.certificate_serial", "certificate_issued_on": "land.parcel.certificate_issued_on",
			"transaction_kind": "", "price": "", "counterparty_personal_id": "", "counterparty_full_name": "",
			"counterparty_address": "", "contract": "", "land_evidence": "", "application_form": "",
		},
		"1.004222": {
			"household_id": "population.household_id", "household_head": "population.household_head",
			"household_members": "population.household_members", "home_parcel": "land.parcels",
			"new_address": "", "owner_consents": "",
		},
	} {
		s, err := forms.Parse(files[code]["schema"])
		require.NoError(t, err)
		for name, binding := range want {
			f, _, ok := s.Field(name)
			require.True(t, ok, "%s has no field %s", code, name)
			require.Equal(t, binding, f.Prefill, "%s.%s", code, name)
		}
	}
	birth, _ := forms.Parse(files["1.001193"]["schema"])
	// The parents are filled by the applicant's capacity: the father applying is the father and
	// his wife the mother; a mother applying the reverse; a relative chooses them in the household.
	for field, party := range map[string]string{"father_full_name": "father", "mother_residence": "mother", "father_member": "father"} {
		f, _, _ := birth.Field(field)
		require.Equal(t, party, f.Party, field)
	}
	require.Equal(t, forms.SourceSelf, birth.Source("father", "father"))
	require.Equal(t, forms.SourceSpouse, birth.Source("father", "mother"))
	require.Equal(t, forms.SourceSelf, birth.Source("mother", "mother"))
	require.Equal(t, forms.SourceSpouse, birth.Source("mother", "father"))
	require.Equal(t, forms.SourceHousehold, birth.Source("relative", "father"))
	require.Empty(t, birth.Source("representative", "mother"), "a representative types the parents")
	father, _ := birth.Roles.Role("father")
	require.Equal(t, "male", father.Sex)
	mother, _ := birth.Roles.Role("mother")
	require.Equal(t, "female", mother.Sex)
	f, _, _ := birth.Field("birth_facility")
	require.Equal(t, &forms.Condition{Field: "child_birth_place_kind", Equals: []string{"hospital"}}, f.ShowIf)
	f, _, _ = birth.Field("child_birth_date")
	require.True(t, f.NotFuture)
	f, _, _ = birth.Field("population_evidence")
	require.Equal(t, []string{"population"}, f.EvidenceFor)

	land, _ := forms.Parse(files["1.013831"]["schema"])
	f, _, _ = land.Field("price")
	require.Equal(t, forms.TypeMoney, f.Type)
	require.Equal(t, []string{"transfer"}, f.ShowIf.Equals)
	require.NotNil(t, f.Min)
	f, _, _ = land.Field("land_evidence")
	require.Equal(t, []string{"land"}, f.EvidenceFor)
	f, step, _ := land.Field("parcel")
	require.True(t, f.Required)
	require.Equal(t, "parcel", land.Steps[step].ID)
}
