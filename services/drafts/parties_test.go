package drafts_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/registry"
)

// The birth registration of the real catalogue, whose parents are filled by the applicant's
// capacity: the father and his wife, the mother and her husband, a grandmother's household.
const birth = "1.001193"

const (
	maiPID  = "001190023456"
	senPID  = "046162007531"
	quanPID = "046092004417"
	ngocPID = "046195006629"
)

var (
	hanoi = registry.Place{ProvinceCode: "01", CommuneCode: "00070", AddressLine: "Số 12, ngõ 5 phố Hàng Bạc"}
	hue   = registry.Place{ProvinceCode: "46", CommuneCode: "19753", AddressLine: "Số 9 kiệt 14 đường Đoàn Thị Điểm"}
)

func family() map[string]registry.PopulationRecord {
	return map[string]registry.PopulationRecord{
		anPID: {RecordID: "POP-" + anPID, PersonalID: anPID, FullName: "Nguyễn Văn An", BirthDate: "1988-03-15", Sex: "male",
			Ethnicity: "Kinh", PermanentResidence: hanoi, Spouse: &registry.PersonRef{PersonalID: maiPID, FullName: "Đặng Thị Mai"}},
		maiPID: {RecordID: "POP-" + maiPID, PersonalID: maiPID, FullName: "Đặng Thị Mai", BirthDate: "1990-07-21", Sex: "female",
			Ethnicity: "Kinh", PermanentResidence: hanoi, Spouse: &registry.PersonRef{PersonalID: anPID, FullName: "Nguyễn Văn An"}},
		senPID: {RecordID: "POP-" + senPID, PersonalID: senPID, FullName: "Hoàng Thị Sen", BirthDate: "1962-10-05", Sex: "female",
			PermanentResidence: hue, Household: registry.Household{ID: "HK-46-19753-000212", HeadPersonalID: senPID, HeadName: "Hoàng Thị Sen",
				Members: []registry.HouseholdMember{
					{PersonalID: senPID, FullName: "Hoàng Thị Sen", BirthDate: "1962-10-05", Sex: "female", Relationship: "chủ hộ"},
					{PersonalID: quanPID, FullName: "Trần Minh Quân", BirthDate: "1992-04-18", Sex: "male", Relationship: "con"},
					{PersonalID: ngocPID, FullName: "Lê Thị Ngọc", BirthDate: "1995-12-01", Sex: "female", Relationship: "con dâu"},
				}}},
	}
}

type partyEnv struct {
	*env
	schema forms.Schema
	mai    drafts.Applicant
	sen    drafts.Applicant
}

// setupParties seeds the real catalogue and signs in An, Mai and Sen.
func setupParties(t *testing.T) *partyEnv {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	e := &env{pool: pool, clock: &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, vn)}}
	e.reg = &fakeRegistry{now: e.clock.Now, down: map[string]bool{}, people: family()}
	require.NoError(t, catalogue.Seed(ctx, pool, e.clock.Now()))
	people := citizens.New(pool, e.clock.Now)
	signIn := func(sub, pid, name string) drafts.Applicant {
		c, err := people.SignedIn(ctx, "http://idp", sub, pid, name)
		require.NoError(t, err)
		return drafts.Applicant{CitizenID: c.ID, PersonalID: pid, Name: name}
	}
	e.an = signIn("an", anPID, "Nguyễn Văn An")
	e.consents = consent.New(pool, e.clock.Now)
	e.audit = audit.New(pool, e.clock.Now)
	e.cat = catalogue.New(pool)
	e.att = attachments.New(pool, attachments.PGBlobs{Pool: pool}, nil, 0, e.clock.Now)
	e.svc = drafts.New(pool, e.cat, e.reg, e.att, e.audit, drafts.Config{TTL: ttl, Now: e.clock.Now, Map: catalogue.NewUnits()},
		slog.New(slog.DiscardHandler))
	p, err := e.cat.Get(ctx, birth)
	require.NoError(t, err)
	schema, err := e.cat.Schema(ctx, birth, p.CurrentVersion)
	require.NoError(t, err)
	return &partyEnv{env: e, schema: schema, mai: signIn("mai", maiPID, "Đặng Thị Mai"), sen: signIn("sen", senPID, "Hoàng Thị Sen")}
}

func (e *partyEnv) startAs(t *testing.T, a drafts.Applicant, role string) (uuid.UUID, error) {
	t.Helper()
	return e.svc.Start(context.Background(), e.consents, a, birth, 1, e.schema, role)
}

// locked returns a locked field's value and the party whose record gave it.
func locked(t *testing.T, d drafts.Draft, field string) (any, string) {
	t.Helper()
	f, ok := d.Prefill.Fields[field]
	require.True(t, ok && f.Locked, "%s is not locked", field)
	return f.Value.Value, f.Party
}

// readsOf lists the purposes of the data-access log entries of a person.
func (e *partyEnv) logOf(t *testing.T, pid string) []audit.Entry {
	t.Helper()
	es, err := e.audit.ForSubject(context.Background(), pid, 50)
	require.NoError(t, err)
	return es
}

func TestStartByRole(t *testing.T) {
	t.Parallel()
	e := setupParties(t)

	t.Run("Father", func(t *testing.T) {
		id, err := e.startAs(t, e.an, "father")
		require.NoError(t, err)
		d := e.get(t, e.an, id)
		v, party := locked(t, d, "father_full_name")
		require.Equal(t, "Nguyễn Văn An", v)
		require.Equal(t, "father", party)
		v, party = locked(t, d, "mother_full_name")
		require.Equal(t, "Đặng Thị Mai", v, "the mother is the father's wife, read from her own record")
		require.Equal(t, "mother", party)
		require.Equal(t, "POP-"+maiPID, d.Prefill.Fields["mother_personal_id"].RecordRef)
		require.Equal(t, "father", d.Answers.String("applicant_role"))
		require.Equal(t, "father", d.Prefill.Role)

		// Saving the parents' step keeps what the records gave.
		e.save(t, e.an, id, childStep(t, d))
		parents := stepIndex(t, d.Schema, "parents")
		res := e.save(t, e.an, id, post(t, d, parents, drafts.ActionContinue, shownLocked(d, parents, "registration_place", "father")...))
		require.Empty(t, res.Errors)
		d = e.get(t, e.an, id)
		v, _ = locked(t, d, "mother_full_name")
		require.Equal(t, "Đặng Thị Mai", v)
	})

	t.Run("Mother", func(t *testing.T) {
		id, err := e.startAs(t, e.mai, "mother")
		require.NoError(t, err)
		d := e.get(t, e.mai, id)
		v, _ := locked(t, d, "mother_full_name")
		require.Equal(t, "Đặng Thị Mai", v, "the mother who applies is the mother, not the father")
		v, _ = locked(t, d, "father_full_name")
		require.Equal(t, "Nguyễn Văn An", v)
		locked(t, d, "father_residence")
		require.Equal(t, forms.Address{Province: "01", Commune: "00070", Line: hanoi.AddressLine}, d.Answers.Address("father_residence"))
		// The spouse's data is the spouse's: An's log has Mai's read of his record.
		var found bool
		for _, en := range e.logOf(t, anPID) {
			if en.Purpose == birth && en.ActorName == "Đặng Thị Mai" {
				found = true
			}
		}
		require.True(t, found, "An's data-access log names Mai's read of his record")
	})

	t.Run("ContradictsVerifiedSex", func(t *testing.T) {
		_, err := e.startAs(t, e.an, "mother")
		requireFault(t, err, fault.EINVALID, drafts.MsgRoleMale)
		_, err = e.startAs(t, e.mai, "father")
		requireFault(t, err, fault.EINVALID, drafts.MsgRoleFemale)
	})

	t.Run("NoRole", func(t *testing.T) {
		_, err := e.startAs(t, e.an, "")
		requireFault(t, err, fault.EINVALID, drafts.MsgRoleChoose)
		_, err = e.startAs(t, e.an, "uncle")
		requireFault(t, err, fault.EINVALID, drafts.MsgRoleChoose)
	})

	t.Run("Representative", func(t *testing.T) {
		id, err := e.startAs(t, e.an, "representative")
		require.NoError(t, err)
		d := e.get(t, e.an, id)
		_, ok := d.Prefill.Fields["father_full_name"]
		require.False(t, ok, "a representative types the parents' details")
		_, ok = d.Prefill.Fields["mother_full_name"]
		require.False(t, ok)
		f, _, _ := d.Schema.Field("authorisation")
		require.True(t, forms.Visible(f, d.Answers), "the authorisation is asked")
		require.True(t, f.Required)
	})
}

func TestStartAsRelative(t *testing.T) {
	t.Parallel()
	e := setupParties(t)
	id, err := e.startAs(t, e.sen, "relative")
	require.NoError(t, err)
	d := e.get(t, e.sen, id)
	require.Len(t, d.Prefill.Household, 2, "the other members of Sen's household")
	_, ok := d.Prefill.Fields["father_full_name"]
	require.False(t, ok, "nothing filled before the parents are chosen")

	father, _, _ := d.Schema.Field("father_member")
	opts := d.PersonOptions(father)
	require.Len(t, opts, 1, "only the men of the household may be the father")
	require.Equal(t, quanPID, opts[0].PersonalID)

	parents := stepIndex(t, d.Schema, "parents")
	e.save(t, e.sen, id, childStep(t, d))
	// The wrong person for a party is refused.
	res := e.save(t, e.sen, id, post(t, d, parents, drafts.ActionContinue, "father_member", ngocPID, "mother_member", quanPID, "registration_place", "father"))
	require.NotEmpty(t, res.Errors)
	require.Contains(t, fieldsOf(res.Errors), "father_member")
	require.Contains(t, fieldsOf(res.Errors), "mother_member")

	res = e.save(t, e.sen, id, post(t, e.get(t, e.sen, id), parents, drafts.ActionContinue,
		"father_member", quanPID, "mother_member", ngocPID, "registration_place", "father", "father_ethnicity", "Kinh", "mother_ethnicity", "Kinh"))
	require.Empty(t, res.Errors)
	d = e.get(t, e.sen, id)
	v, party := locked(t, d, "father_full_name")
	require.Equal(t, "Trần Minh Quân", v)
	require.Equal(t, "father", party)
	v, _ = locked(t, d, "mother_personal_id")
	require.Equal(t, ngocPID, v)
	locked(t, d, "mother_residence")
	require.Equal(t, forms.Address{Province: "46", Commune: "19753", Line: hue.AddressLine}, d.Answers.Address("mother_residence"), "the household's address")
	require.Equal(t, "HK-46-19753-000212", d.Prefill.Fields["father_full_name"].RecordRef)
	for _, pid := range []string{quanPID, ngocPID} {
		require.NotEmpty(t, e.logOf(t, pid), "the household members' log has the read of their entry")
	}
	// Choosing “not in the household” unlocks and clears what the choice filled.
	res = e.save(t, e.sen, id, post(t, d, parents, drafts.ActionSave, shownLocked(d, parents, "father_member", forms.PersonNone, "mother_member", ngocPID, "registration_place", "father")...))
	require.False(t, res.Tampered)
	d = e.get(t, e.sen, id)
	_, ok = d.Prefill.Fields["father_full_name"]
	require.False(t, ok)
	require.Empty(t, d.Answers.String("father_full_name"))
}

func TestStartOldAddress(t *testing.T) {
	t.Parallel()
	e := setupParties(t)
	rec := e.reg.people[anPID]
	// Mai's record still names a ward by a code that no longer exists, An's by the code the new
	// ward kept, under the province it had before the merger.
	rec.PermanentResidence = registry.Place{ProvinceCode: "35", CommuneCode: "00070", AddressLine: "Số 12", DistrictName: "Quận Hoàn Kiếm"}
	e.reg.people[anPID] = rec
	mai := e.reg.people[maiPID]
	mai.PermanentResidence = registry.Place{ProvinceCode: "01", CommuneCode: "00073", CommuneName: "Phường Hàng Bạc",
		DistrictName: "Quận Hoàn Kiếm", ProvinceName: "Thành phố Hà Nội", AddressLine: "Số 12, ngõ 5"}
	e.reg.people[maiPID] = mai

	id, err := e.startAs(t, e.an, "father")
	require.NoError(t, err)
	d := e.get(t, e.an, id)
	locked(t, d, "father_residence")
	require.Equal(t, forms.Address{Province: "01", Commune: "00070", Line: "Số 12"}, d.Answers.Address("father_residence"))
	require.Equal(t, prefill.NoteMappedUnit, d.Prefill.Fields["father_residence"].Note)

	_, ok := d.Prefill.Fields["mother_residence"]
	require.False(t, ok, "an old unit the map cannot place is not locked")
	require.Equal(t, "Số 12, ngõ 5, Phường Hàng Bạc, Quận Hoàn Kiếm, Thành phố Hà Nội", d.Prefill.Unconfirmed["mother_residence"])
	require.Equal(t, forms.Address{Line: "Số 12, ngõ 5"}, d.Answers.Address("mother_residence"))
}

// shownLocked is a step's post as the page sends it: every locked value as shown, plus kv.
func shownLocked(d drafts.Draft, step int, kv ...string) []string {
	for _, f := range d.Schema.Steps[step].Fields {
		if filled, ok := d.Prefill.Fields[f.Name]; ok && filled.Locked {
			if ad := d.Answers.Address(f.Name); f.Type == forms.TypeAddress {
				kv = append(kv, f.Name+".province", ad.Province, f.Name+".commune", ad.Commune, f.Name+".line", ad.Line)
			} else {
				kv = append(kv, f.Name, d.Answers.String(f.Name))
			}
		}
	}
	return kv
}

// childStep is the child's step of the birth registration, answered.
func childStep(t *testing.T, d drafts.Draft) drafts.StepInput {
	t.Helper()
	return post(t, d, stepIndex(t, d.Schema, "child"), drafts.ActionContinue, "child_full_name", "Trần Minh Khang",
		"child_birth_date", "2026-11-20", "child_sex", "male", "child_birth_place_kind", "hospital",
		"birth_facility", "Bệnh viện Trung ương Huế", "child_ethnicity", "Kinh")
}

func stepIndex(t *testing.T, s forms.Schema, id string) int {
	t.Helper()
	for i, st := range s.Steps {
		if st.ID == id {
			return i
		}
	}
	t.Fatalf("no step %s", id)
	return -1
}

func fieldsOf(errs []forms.FieldError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}
