package cases_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
)

// The linked procedure of the tests (the online 3.000722) and the withdrawn one it replaced.
const (
	linked    = "3.000722"
	withdrawn = "2.000986"
)

// addLinked puts the linked procedure and the withdrawn one into the catalogue tables, as the
// seed writes them, on the residence test form: three parts, the People's Committee of the
// applicant's commune leading, then the police of that commune and the province's social
// insurance; and the agencies they need besides the setup's.
func (e *env) addLinked(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	parts, err := json.Marshal([]catalogue.Part{
		{Kind: "birth", Name: text("Đăng ký khai sinh", "Birth registration"), AgencyKind: catalogue.KindCommuneCommittee, AgencyLevel: catalogue.LevelCommune, Days: 1},
		{Kind: "residence", Name: text("Đăng ký thường trú", "Permanent residence"), AgencyKind: catalogue.KindCommunePolice, AgencyLevel: catalogue.LevelCommune, Days: 2},
		{Kind: "health_insurance", Name: text("Cấp thẻ bảo hiểm y tế", "Health insurance card"), AgencyKind: catalogue.KindSocialInsurance, AgencyLevel: catalogue.LevelProvince, Days: 2},
	})
	require.NoError(t, err)
	addProcedure(t, e.pool, linked, catalogue.KindCommuneCommittee, catalogue.LevelCommune, 3, residenceSchema())
	addProcedure(t, e.pool, withdrawn, catalogue.KindCommuneCommittee, catalogue.LevelCommune, 20, residenceSchema())
	_, err = e.pool.Exec(ctx, `UPDATE procedures SET parts = $1 WHERE code = $2`, parts, linked)
	require.NoError(t, err)
	_, err = e.pool.Exec(ctx, `UPDATE procedures SET status = 'withdrawn', replaced_by = $1 WHERE code = $2`, linked, withdrawn)
	require.NoError(t, err)
	_, err = e.pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code) VALUES
			('UBND-00070', 'commune_committee', 'commune', 'UBND phường Hoàn Kiếm', 'Hoàn Kiếm Ward People''s Committee', '01', '00070'),
			('BHXH-01', 'social_insurance', 'province', 'BHXH Hà Nội', 'Hà Nội Social Insurance', '01', NULL),
			('BHXH-79', 'social_insurance', 'province', 'BHXH TP.HCM', 'HCMC Social Insurance', '79', NULL)`)
	require.NoError(t, err)
}

// draftOf starts a's draft of a procedure on the residence test form and completes it.
func (e *env) draftOf(t *testing.T, a drafts.Applicant, code string) drafts.Draft {
	t.Helper()
	id, err := e.drafts.Start(context.Background(), e.consents, a, code, 1, residenceSchema(), "")
	require.NoError(t, err)
	d := e.get(t, a, id)
	rec := e.reg.people[a.PersonalID]
	e.step(t, a, d, 0, "applicant_name", a.Name, "birth_date", rec.BirthDate,
		"residence.province", rec.PermanentResidence.ProvinceCode, "residence.commune", rec.PermanentResidence.CommuneCode,
		"residence.line", rec.PermanentResidence.AddressLine, "phone", "0912345678")
	in := e.input(t, d, 1, "reason", "Khai sinh cho con")
	in.Files["proof"] = drafts.Upload{Name: "giay-to.pdf", Content: strings.NewReader("%PDF-1.7 test")}
	res, err := e.drafts.SaveStep(context.Background(), a.CitizenID, d.ID, in, e.rules())
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	return e.get(t, a, d.ID)
}

// TestLinkedSubmissionCreatesParts: submitting a linked procedure creates, in the submission's
// transaction, each part at its agency: the birth at the People's Committee the case goes to
// (pending there), the residence at the police of the same commune and the card at the social
// insurance of its province (both waiting for the birth). A procedure that is not linked has none.
func TestLinkedSubmissionCreatesParts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	e.addLinked(t)

	c := e.submit(t, e.an, e.draftOf(t, e.an, linked))
	require.Equal(t, "UBND-00070", c.AgencyCode)
	ps, err := e.cases.Parts(ctx, e.pool, c.ID)
	require.NoError(t, err)
	type row struct {
		seq                  int
		kind, agency, status string
		days                 int
		sent                 bool
	}
	var got []row
	for _, p := range ps {
		got = append(got, row{p.Seq, p.Kind, p.AgencyCode, p.Status, p.Days, p.SentAt != nil})
		require.Nil(t, p.DueOn, "a part's date runs from when it reaches its agency (the lead's from receipt)")
	}
	require.Equal(t, []row{
		{1, "birth", "UBND-00070", cases.PartPending, 1, true},
		{2, "residence", "CA-00070", cases.PartWaiting, 2, false},
		{3, "health_insurance", "BHXH-01", cases.PartWaiting, 2, false},
	}, got)
	require.True(t, ps[0].SentAt.Equal(c.SubmittedAt))
	require.Equal(t, "Đăng ký thường trú", ps[1].Name.VI)
	require.False(t, cases.AllDone(ps))

	plain := e.submit(t, e.binh, e.draft(t, e.binh, true))
	ps, err = e.cases.Parts(ctx, e.pool, plain.ID)
	require.NoError(t, err)
	require.Empty(t, ps, "residence registration alone is not linked")
}

// TestWithdrawnProcedureRefusesNewDrafts: a withdrawn procedure (2.000986, repealed for
// 3.000722) takes no new application: a draft begun before is refused at submission with the
// message that points to its replacement, and nothing is written; its page and its form stay
// readable for the cases filed on it. (The catalogue's list and the start of a draft: web's test
// of the same name.)
func TestWithdrawnProcedureRefusesNewDrafts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	e.addLinked(t)
	d := e.draftOf(t, e.an, withdrawn)

	_, err := e.submitter.SubmitDraft(ctx, e.an, d, true, e.rules())
	require.ErrorIs(t, err, catalogue.ErrWithdrawn)
	require.Equal(t, fault.ECONFLICT, fault.Code(err))
	require.Equal(t, catalogue.MsgWithdrawn, fault.Message(err))
	e.requireNothingSubmitted(t, e.an, d)

	cat := catalogue.New(e.pool)
	p, err := cat.Get(ctx, withdrawn)
	require.NoError(t, err, "a withdrawn procedure stays readable")
	require.True(t, p.Withdrawn())
	require.Equal(t, linked, p.ReplacedBy)
	_, err = cat.Version(ctx, withdrawn, 1)
	require.NoError(t, err, "and so does its form")
	list, err := cat.List(ctx, catalogue.Filter{})
	require.NoError(t, err)
	for _, q := range list {
		require.NotEqual(t, withdrawn, q.Code, "the catalogue lists it no more")
	}
	all, err := cat.List(ctx, catalogue.Filter{Withdrawn: true})
	require.NoError(t, err)
	require.Len(t, all, len(list)+1, "the staff pages still name it")
}
