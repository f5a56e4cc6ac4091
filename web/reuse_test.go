package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/web/browsertest"
)

// waitRegistryUpdate waits until the exchange applied the update of an issued result (the portal's
// River job sends it after the result's commit) and returns the person it concerns.
func waitRegistryUpdate(t *testing.T, exchange *ndxp.Server, resultCode string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		for _, le := range exchange.Log() {
			if le.Operation == "update" && le.Reference == resultCode && le.Status == http.StatusCreated {
				return le.PersonalID
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the exchange never applied the update of %s", resultCode)
	return ""
}

// TestReuseHeldBirthCertificate is issue 18's "Done when" journey: An registers the birth of his
// daughter and the officer issues the birth certificate; the population database receives the
// birth (a new personal ID, the child in An's household); the certificate is in An's "Giấy tờ
// của tôi"; he starts his daughter's residence registration as her father, chooses her among his
// household (her details prefilled from the household record, the read in her own access log),
// and the form offers the certificate as the proof of the parent–child relationship instead of
// an upload; he submits it so and the case names her as the registrant; the officer sees the
// certificate with its provenance and opens it through the case, which An's access log shows;
// and the next prefill shows the child in the household with its new source.
func TestReuseHeldBirthCertificate(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	birth := decideBirthRegistration(t, s, an)
	result := birth + "-KQ1"
	child := waitRegistryUpdate(t, exchange, result)
	require.Regexp(t, `^0013[0-9]{8}$`, child, "a girl registered in Hà Nội")
	childHolds := 0
	for deadline := time.Now().Add(30 * time.Second); childHolds == 0 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM held_documents WHERE holder_pid = $1
			AND result_code = $2 AND role = 'subject'`, child, result).Scan(&childHolds))
	}
	require.Equal(t, 1, childHolds, "the daughter holds her birth certificate once the registry numbered her")

	held := an.get(s.portalURL + "/my-documents")
	require.Equal(t, http.StatusOK, held.status, held.body)
	require.Equal(t, 1, held.doc(t).Find(testid("held-document")+"[data-type=birth_certificate]").Length(), held.body)

	first := startDraftAs(t, s, an, "1.004222", "guardian")
	pick := first.doc(t).Find("input[name=registrant_member][value='" + child + "']")
	require.Equal(t, 1, pick.Length(), "his daughter is offered from his household: %s", first.body)
	require.Zero(t, first.doc(t).Find("input[name=registrant_member][value='"+maiPersonalID+"']").Length(), "his wife is not a minor")
	place := continueStep(t, an, first, url.Values{"registrant_member": {child}}, nil)
	require.Contains(t, place.url.Path, "/steps/1", textOf(t, place, testid("error-summary")))
	var childReads int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1
		AND purpose = '1.004222'`, child).Scan(&childReads))
	require.Positive(t, childReads, "the read of the child's data is in the child's log")
	offer := place.doc(t).Find(testid("held-offer-relationship_proof"))
	require.Equal(t, 1, offer.Length(), place.body)
	require.Equal(t, 1, offer.Find(testid("held-option")).Length())
	require.Contains(t, offer.Find(testid("held-option")).Text(), result)
	require.Contains(t, offer.Find(testid("held-provenance")).Text(), "Đã xác thực")
	require.Contains(t, offer.Find(testid("held-provenance")).Text(), "do Ủy ban nhân dân phường Hoàn Kiếm cấp")
	docID := offer.Find("input[name=relationship_proof__held]").First().AttrOr("value", "")
	require.NotEqual(t, "upload", docID)

	household := continueStep(t, an, place, url.Values{"new_address.province": {"01"}, "new_address.commune": {"00070"},
		"new_address.line": {"Số 12, ngõ 5 phố Hàng Bạc"}, "residence_basis": {"family"}, "owner_consents": {"yes"},
		"relationship_to_head": {"Con"}, "relationship_proof__held": {docID}}, nil)
	require.Contains(t, household.url.Path, "/steps/2", textOf(t, household, testid("error-summary")))
	members := textOf(t, household, testid("source-household_members"))
	require.Contains(t, members, "Cơ sở dữ liệu hộ tịch điện tử — cập nhật từ kết quả "+result, "the child came from the birth registration")
	require.Contains(t, household.body, child)

	docs := continueStep(t, an, household, nil, nil)
	check := continueStep(t, an, docs, nil, nil)
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))
	require.Contains(t, check.body, "Giấy khai sinh số "+result+", do Ủy ban nhân dân phường Hoàn Kiếm cấp ngày",
		"the check page names the document, its number and its issuer")
	require.Contains(t, check.body, "— đã xác thực, từ Giấy tờ của tôi")
	rcpt := an.followFrom(an.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	require.Equal(t, http.StatusOK, rcpt.status, rcpt.body)
	code := textOf(t, rcpt, testid("case-code"))
	casePage := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, http.StatusOK, casePage.status, casePage.body)
	require.Contains(t, casePage.body, "Giấy khai sinh số "+result+", do Ủy ban nhân dân phường Hoàn Kiếm cấp ngày", "so does the case page")

	ctx := context.Background()
	var registrant, registrantName, registrantSource string
	require.NoError(t, s.db.QueryRow(ctx, `SELECT p->>'personal_id', p->>'full_name', p->>'source'
		FROM cases, jsonb_array_elements(parties) p WHERE code = $1 AND p->>'id' = 'registrant'`, code).Scan(&registrant, &registrantName, &registrantSource))
	require.Equal(t, child, registrant, "the case registers the daughter's residence")
	require.Equal(t, "Nguyễn Ngọc Ánh", registrantName)
	require.Equal(t, "population", registrantSource)
	var uploads int
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM attachments WHERE field = 'relationship_proof'`).Scan(&uploads))
	require.Zero(t, uploads, "no copy of the certificate was uploaded")
	var source, ref string
	require.NoError(t, s.db.QueryRow(ctx, `SELECT provenance->'relationship_proof'->>'source', provenance->'relationship_proof'->>'record_ref'
		FROM cases WHERE code = $1`, code).Scan(&source, &ref))
	require.Equal(t, "held_verified", source)
	require.Equal(t, "held:"+docID, ref)

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.congan.hoankiem")
	cp := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, http.StatusOK, cp.status, cp.body)
	require.Contains(t, cp.body, "Đã xác thực — do Ủy ban nhân dân phường Hoàn Kiếm cấp")
	require.Equal(t, registrantName, textOf(t, cp, "[data-party=registrant] "+testid("party-name")), "the officer sees whose residence it is")
	link := cp.doc(t).Find("a[href='/staff/cases/" + code + "/held/relationship_proof']")
	require.Equal(t, 1, link.Length(), cp.body)
	pdf := officer.get(s.portalURL + "/staff/cases/" + code + "/held/relationship_proof")
	require.Equal(t, http.StatusOK, pdf.status)
	require.True(t, strings.HasPrefix(pdf.body, "%PDF-"))
	var reads int
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1
		AND actor_kind = 'staff' AND purpose = 'my-documents'`, anPersonalID).Scan(&reads))
	require.Equal(t, 1, reads, "the officer's read of An's document is in his log")
	other := newBrowser(t)
	other.signInStaff(s, "canbo.ubnd.hoankiem") // not the case's agency
	require.Equal(t, http.StatusNotFound, other.get(s.portalURL+"/staff/cases/"+code+"/held/relationship_proof").status)

	data := an.consentToMyData(s)
	rows := data.doc(t).Find("table[data-table='pop.household.members'] tbody tr")
	require.Equal(t, 3, rows.Length(), "An, Mai and their daughter")
	daughter := rows.Last().Text()
	require.Contains(t, daughter, "con")
	require.Contains(t, daughter, "Cơ sở dữ liệu hộ tịch điện tử — cập nhật từ kết quả "+result)
	require.NotContains(t, rows.First().Text(), "cập nhật từ kết quả")
}

// TestReuseStepScreenshots looks in Chromium, at 1280 and 375 px (the browser checks 320 px on
// every navigation), at the residence registration's question "whose residence?" and at the step
// of his daughter's registration with the offer, and runs axe on both.
func TestReuseStepScreenshots(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	child := waitRegistryUpdate(t, exchange, decideBirthRegistration(t, s, an)+"-KQ1")
	place := continueStep(t, an, startDraftAs(t, s, an, "1.004222", "guardian"), url.Values{"registrant_member": {child}}, nil)
	require.Contains(t, place.url.Path, "/steps/1", textOf(t, place, testid("error-summary")))
	step := place.url.String()
	id := browsertest.TestID
	for _, opt := range [][]browsertest.Option{{browsertest.Label("desktop")}, {browsertest.Mobile(), browsertest.Label("phone")}} {
		b := browsertest.New(t, opt...)
		signInBrowser(t, b, s, anPersonalID, "/procedures/1.004222/start")
		b.WaitVisible(id("start-consent"))
		require.Contains(t, b.Text(id("start-consent")), "Tôi đăng ký cho con / người chưa thành niên tôi là cha, mẹ hoặc người giám hộ")
		b.Screenshot("residence-role-question")
		b.AssertAccessible(t)
		b.NavigateAndWait(step, id("step-form"))
		b.Click("input[name='residence_basis'][value='family']")
		b.WaitVisible(id("held-offer-relationship_proof"))
		b.Screenshot("residence-step-offer")
		b.AssertAccessible(t)
		require.Empty(t, b.ConsoleErrors())
	}
}

// TestWithdrawnUploadLeavesDrafts: a file An kept from a case is offered, as self-provided, to a
// later form; once he withdraws it from his store ("Xóa khỏi kho"), the draft that used it asks
// for an upload again.
func TestWithdrawnUploadLeavesDrafts(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	submitBirthRegistration(t, s, an) // uploads the health facility's birth certificate

	mine := an.get(s.portalURL + "/my-documents")
	require.Equal(t, http.StatusOK, mine.status, mine.body)
	kept := an.followFrom(an.submitForm(mine, testid("keep-form"), url.Values{"type": {"birth_certificate"}, "consent": {"yes"}}, nil))
	require.Equal(t, http.StatusOK, kept.status, kept.body)

	place := continueStep(t, an, startDraft(t, s, an, "1.004222"), nil, nil)
	offer := place.doc(t).Find(testid("held-offer-relationship_proof"))
	require.Equal(t, 1, offer.Find(testid("held-option")).Length(), place.body)
	require.Contains(t, offer.Find(testid("held-provenance")).Text(), "Tự cung cấp")
	docID := offer.Find("input[name=relationship_proof__held]").First().AttrOr("value", "")
	saved := an.followFrom(an.submitForm(place, testid("step-form"), url.Values{"residence_basis": {"family"},
		"relationship_proof__held": {docID}, "action": {"save"}}, nil))
	require.Equal(t, http.StatusOK, saved.status, saved.body)
	chosen := saved.doc(t).Find("input[name=relationship_proof__held][value='" + docID + "']")
	_, checked := chosen.Attr("checked")
	require.True(t, checked, "the draft uses the kept file")

	confirm := an.get(s.portalURL + "/my-documents/" + docID + "/withdraw")
	require.Equal(t, http.StatusOK, confirm.status, confirm.body)
	gone := an.followFrom(an.submitForm(confirm, testid("confirm-withdraw-form"), nil, nil))
	require.Equal(t, http.StatusOK, gone.status, gone.body)

	again := an.get(saved.url.String())
	require.Equal(t, http.StatusOK, again.status)
	require.Zero(t, again.doc(t).Find(testid("held-offer-relationship_proof")).Length(), "nothing left to offer")
	var answer *string
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT answers->>'relationship_proof' FROM drafts WHERE procedure_code = '1.004222'`).Scan(&answer))
	require.Nil(t, answer, "the withdrawn file left the draft")
}

// TestSubmitRefusesHeldDocumentGone: a held document chosen in a draft that is no longer in An's
// store at submission (its retention over) refuses the submission with a message linking to the
// field; no case is made and the draft keeps its answers.
func TestSubmitRefusesHeldDocumentGone(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	decideBirthRegistration(t, s, an)
	place := continueStep(t, an, startDraft(t, s, an, "1.004222"), nil, nil)
	docID := place.doc(t).Find(testid("held-offer-relationship_proof")+" input[name=relationship_proof__held]").First().AttrOr("value", "")
	require.NotEmpty(t, docID, place.body)
	household := continueStep(t, an, place, url.Values{"new_address.province": {"01"}, "new_address.commune": {"00070"},
		"new_address.line": {"Số 12, ngõ 5 phố Hàng Bạc"}, "residence_basis": {"family"}, "owner_consents": {"yes"},
		"relationship_to_head": {"Con"}, "relationship_proof__held": {docID}}, nil)
	check := continueStep(t, an, continueStep(t, an, household, nil, nil), nil, nil)
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))

	ctx := context.Background()
	_, err := s.db.Exec(ctx, `UPDATE held_documents SET retain_until = now() - interval '1 day' WHERE id = $1`, docID)
	require.NoError(t, err)
	refused := an.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, refused.status, refused.body)
	require.Contains(t, textOf(t, refused, testid("error-summary")), "không còn dùng được")
	link := refused.doc(t).Find(testid("error-link")).AttrOr("href", "")
	require.Regexp(t, `^/drafts/[0-9a-f-]+/steps/1#f-relationship_proof$`, link)
	var cases int
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM cases WHERE procedure_code = '1.004222'`).Scan(&cases))
	require.Zero(t, cases, "nothing was submitted")
	var line string
	require.NoError(t, s.db.QueryRow(ctx, `SELECT answers->'new_address'->>'line' FROM drafts WHERE procedure_code = '1.004222'
		AND submitted_at IS NULL`).Scan(&line))
	require.Equal(t, "Số 12, ngõ 5 phố Hàng Bạc", line, "the draft keeps its answers")
	step := an.get(s.portalURL + link)
	require.Equal(t, http.StatusOK, step.status, step.body)
	require.Zero(t, step.doc(t).Find(testid("held-option")).Length(), "the document is no longer offered")
}
