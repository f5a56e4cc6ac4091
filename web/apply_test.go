package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/sim/ndxp"
)

func TestProcedureSearch(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	for _, q := range []string{"đăng ký khai sinh", "dang ky khai sinh", "Birth registration"} {
		p := b.get(s.portalURL + "/procedures?q=" + url.QueryEscape(q))
		require.Equal(t, http.StatusOK, p.status)
		codes := p.doc(t).Find("[data-testid=procedure-list] [data-code]").Map(func(_ int, sel *goquery.Selection) string { return sel.AttrOr("data-code", "") })
		require.Contains(t, codes, "1.001193", "query %q", q)
	}
	all := b.get(s.portalURL + "/procedures")
	require.Equal(t, 8, all.doc(t).Find("[data-testid=procedure-list] [data-code]").Length())
	land := b.get(s.portalURL + "/procedures?topic=land")
	require.Equal(t, 1, land.doc(t).Find("[data-testid=procedure-list] [data-code]").Length())
	detail := b.get(s.portalURL + "/procedures/1.001193")
	require.Equal(t, http.StatusOK, detail.status)
	require.Equal(t, 1, detail.doc(t).Find(testid("apply-online")).Length())
	require.Equal(t, http.StatusNotFound, b.get(s.portalURL+"/procedures/9.999999").status)
}

// startDraft consents to procedure code and returns the first step; a procedure that asks in
// what capacity the citizen applies is started as the father (An's story).
func startDraft(t *testing.T, s *stack, b *browser, code string) page {
	t.Helper()
	role := "father" // the birth registrations
	if code == "1.004222" {
		role = "self" // the residence registration of the applicant's own residence
	}
	return startDraftAs(t, s, b, code, role)
}

// startDraftAs consents to procedure code in the given capacity (ignored when the procedure asks
// none) and returns the first step.
func startDraftAs(t *testing.T, s *stack, b *browser, code, role string) page {
	t.Helper()
	ask := b.get(s.portalURL + "/procedures/" + code + "/start")
	require.Equal(t, http.StatusOK, ask.status, ask.body)
	var values url.Values
	if ask.doc(t).Find("input[name=role]").Length() > 0 {
		values = url.Values{"role": {role}}
	}
	p := b.followFrom(b.submitForm(ask, testid("start-consent"), values, nil))
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Contains(t, p.url.Path, "/steps/0")
	return p
}

func continueStep(t *testing.T, b *browser, p page, changes url.Values, files map[string]upload) page {
	t.Helper()
	if changes == nil {
		changes = url.Values{}
	}
	changes.Set("action", "continue")
	return b.followFrom(b.submitForm(p, testid("step-form"), changes, files))
}

// fillBirthRegistration takes An from the first step of 1.001193 to "check your answers".
func fillBirthRegistration(t *testing.T, b *browser, first page) page {
	t.Helper()
	parents := continueStep(t, b, first, url.Values{
		"child_full_name": {"Nguyễn Ngọc Ánh"}, "child_birth_date": {"2026-11-20"}, "child_sex": {"female"},
		"child_birth_place_kind": {"hospital"}, "birth_facility": {"Bệnh viện Phụ sản Hà Nội"}, "child_ethnicity": {"Kinh"},
	}, nil)
	require.Equal(t, http.StatusOK, parents.status, parents.body)
	require.Contains(t, parents.url.Path, "/steps/1", textOf(t, parents, testid("error-summary")))
	docs := continueStep(t, b, parents, url.Values{"registration_place": {"father"}}, nil)
	require.Contains(t, docs.url.Path, "/steps/2", textOf(t, docs, testid("error-summary")))
	check := continueStep(t, b, docs, nil, map[string]upload{"birth_certificate": {"Giấy chứng sinh.pdf", samplePDF}})
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))
	return check
}

func TestBirthRegistration(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)

	first := startDraft(t, s, b, "1.001193")
	// The consent covered exactly what the schema binds, for purpose 1.001193.
	reads := exchange.Log()
	require.NotEmpty(t, reads, "the draft read the national databases")
	for _, e := range reads {
		require.Equal(t, "1.001193", e.Purpose)
	}
	// Step 2 shows his data prefilled and locked.
	p0 := continueStep(t, b, first, url.Values{
		"child_full_name": {"Nguyễn Ngọc Ánh"}, "child_birth_date": {"2026-11-20"}, "child_sex": {"female"},
		"child_birth_place_kind": {"hospital"}, "birth_facility": {"Bệnh viện Phụ sản Hà Nội"}, "child_ethnicity": {"Kinh"},
	}, nil)
	doc := p0.doc(t)
	father := doc.Find("input[name=father_full_name]")
	require.Equal(t, "Nguyễn Văn An", father.AttrOr("value", ""))
	_, readonly := father.Attr("readonly")
	require.True(t, readonly, "verified values are locked")
	require.Equal(t, "Đặng Thị Mai", doc.Find("input[name=mother_full_name]").AttrOr("value", ""))
	require.Equal(t, "verified", doc.Find("[data-testid=source-father_full_name]").AttrOr("data-prefill", ""))

	t.Run("ErrTamperedLockedField", func(t *testing.T) {
		p := b.submitForm(p0, testid("step-form"), url.Values{"action": {"continue"}, "registration_place": {"father"},
			"father_full_name": {"Kẻ Mạo Danh"}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, p.status)
		require.Equal(t, 1, p.doc(t).Find(testid("tampered")).Length())
		again := b.get(p0.url.String())
		require.Equal(t, "Nguyễn Văn An", again.doc(t).Find("input[name=father_full_name]").AttrOr("value", ""), "nothing was saved")
	})

	t.Run("ReportIncorrectData", func(t *testing.T) {
		p := b.submitForm(p0, "#report-"+"f-mother_full_name", url.Values{"comment": {"Tên mẹ viết sai dấu"}}, nil)
		require.Equal(t, http.StatusSeeOther, p.status, p.body)
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(),
			`SELECT count(*) FROM discrepancy_reports WHERE database = 'population' AND attribute = 'population.full_name'`).Scan(&n))
		require.Equal(t, 1, n)
	})

	docs := continueStep(t, b, p0, url.Values{"registration_place": {"father"}}, nil)
	require.Contains(t, docs.url.Path, "/steps/2")
	check := continueStep(t, b, docs, nil, map[string]upload{"birth_certificate": {"Giấy chứng sinh.pdf", samplePDF}})
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))
	require.Contains(t, check.body, "Nguyễn Ngọc Ánh")
	require.Contains(t, textOf(t, check, testid("agency")), "Hoàn Kiếm")

	t.Run("ErrNoDeclaration", func(t *testing.T) {
		p := b.submitForm(check, testid("submit-form"), nil, nil)
		require.Equal(t, http.StatusUnprocessableEntity, p.status)
		n, err := casetest.Count(context.Background(), s.db)
		require.NoError(t, err)
		require.Zero(t, n)
	})

	rcpt := b.followFrom(b.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	require.Equal(t, http.StatusOK, rcpt.status, rcpt.body)
	code := textOf(t, rcpt, testid("case-code"))
	require.Regexp(t, `^UBND-00070-\d{6}-0001$`, code)
	require.NotEmpty(t, textOf(t, rcpt, testid("expected-due")))

	t.Run("ResubmitReturnsSameCase", func(t *testing.T) {
		again := b.followFrom(b.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
		require.Equal(t, code, textOf(t, again, testid("case-code")))
	})
	t.Run("ReceiptPDF", func(t *testing.T) {
		p := b.get(s.portalURL + "/cases/" + code + "/receipt.pdf")
		require.Equal(t, http.StatusOK, p.status)
		require.Equal(t, "application/pdf", p.header.Get("Content-Type"))
		require.Contains(t, p.header.Get("Content-Disposition"), "attachment")
		require.True(t, strings.HasPrefix(p.body, "%PDF-"))
	})
	t.Run("MyCasesAndCasePage", func(t *testing.T) {
		list := b.get(s.portalURL + "/cases")
		require.Equal(t, 1, list.doc(t).Find("[data-testid=case-row][data-code='"+code+"']").Length())
		require.Equal(t, 0, list.doc(t).Find("[data-testid=draft-row]").Length(), "a submitted draft is no longer listed")
		cp := b.get(s.portalURL + "/cases/" + code)
		require.Equal(t, http.StatusOK, cp.status)
		require.Equal(t, "1", cp.doc(t).Find("[data-testid=case-status] [data-status]").AttrOr("data-status", ""))
		require.Contains(t, cp.body, "Nguyễn Ngọc Ánh")
		require.Equal(t, 1, cp.doc(t).Find("[data-testid=timeline] li").Length())
	})
	t.Run("SnapshotHasProvenance", func(t *testing.T) {
		k := caseOf(t, s, code)
		require.Equal(t, "population", k.Provenance["father_full_name"].Source)
		require.Equal(t, "citizen", k.Provenance["child_full_name"].Source)
	})
}

func TestPopulationDownMeansSelfDeclared(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	require.NoError(t, exchange.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	first := startDraft(t, s, b, "1.001193")
	require.Equal(t, 1, first.doc(t).Find(testid("db-down-population")).Length())
	parents := continueStep(t, b, first, url.Values{
		"child_full_name": {"Nguyễn Ngọc Ánh"}, "child_birth_date": {"2026-11-20"}, "child_sex": {"female"},
		"child_birth_place_kind": {"home"}, "birth_place_details": {"Tại nhà, số 12 Hàng Bạc"}, "child_ethnicity": {"Kinh"},
	}, nil)
	require.Contains(t, parents.url.Path, "/steps/1", textOf(t, parents, testid("error-summary")))
	father := parents.doc(t).Find("input[name=father_full_name]")
	_, readonly := father.Attr("readonly")
	require.False(t, readonly, "editable when the database is down")
	require.Equal(t, "self-declared", parents.doc(t).Find("[data-testid=source-father_full_name]").AttrOr("data-prefill", ""))
	docs := continueStep(t, b, parents, url.Values{
		"registration_place": {"father"}, "father_full_name": {"Nguyễn Văn An"}, "father_personal_id": {anPersonalID},
		"mother_full_name": {"Đặng Thị Mai"}, "mother_personal_id": {"001190023456"},
		"father_residence.province": {"01"}, "father_residence.commune": {"00070"}, "father_residence.line": {"Số 12, ngõ 5 phố Hàng Bạc"},
		"mother_residence.province": {"01"}, "mother_residence.commune": {"00070"}, "mother_residence.line": {"Số 12, ngõ 5 phố Hàng Bạc"},
	}, nil)
	require.Contains(t, docs.url.Path, "/steps/2", textOf(t, docs, testid("error-summary")))
	require.Equal(t, 1, docs.doc(t).Find(testid("evidence-population_evidence")).Length())
	// Without the evidence the step does not pass.
	stuck := continueStep(t, b, docs, nil, map[string]upload{"birth_certificate": {"gcs.pdf", samplePDF}})
	require.Contains(t, stuck.url.Path, "/steps/2")
	summary := stuck.doc(t).Find(testid("error-summary") + " a[data-field-id]")
	require.Equal(t, 1, summary.Length(), "the summary lists the one missing file")
	require.Equal(t, "f-population_evidence", summary.AttrOr("data-field-id", ""))
	require.Equal(t, "Giấy tờ chứng minh nhân thân, cư trú: Vui lòng tải lên tệp này.", strings.TrimSpace(summary.Text()))
	require.Equal(t, 1, stuck.doc(t).Find("[data-testid=error-population_evidence]").Length())
	check := continueStep(t, b, stuck, nil, map[string]upload{"population_evidence": {"cccd.pdf", samplePDF}})
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))
}

func TestConcurrentSubmitsMakeOneCase(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	check := fillBirthRegistration(t, b, startDraft(t, s, b, "1.001193"))
	values, action := formValues(t, check, testid("submit-form"))
	values.Set("declaration", "yes")
	var wg sync.WaitGroup
	codes := make(chan string, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, action, strings.NewReader(values.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := b.client.Do(req)
			if err != nil {
				codes <- "error: " + err.Error()
				return
			}
			resp.Body.Close()
			codes <- resp.Header.Get("Location")
		}()
	}
	wg.Wait()
	close(codes)
	seen := map[string]bool{}
	for c := range codes {
		seen[c] = true
	}
	require.Len(t, seen, 1, "every submit lands on the same receipt: %v", seen)
	n, err := casetest.Count(context.Background(), s.db)
	require.NoError(t, err)
	require.Equal(t, 1, n)
}

func TestOtherCitizenGets404(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	check := fillBirthRegistration(t, an, startDraft(t, s, an, "1.001193"))
	draftPath := strings.TrimSuffix(check.url.Path, "/check")
	var attID string
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT id::text FROM attachments LIMIT 1`).Scan(&attID))

	binh := newBrowser(t)
	home := binh.signIn(s, "079175001234")
	tok := csrfToken(t, home)
	for _, path := range []string{draftPath, draftPath + "/steps/0", draftPath + "/check", "/attachments/" + attID} {
		require.Equal(t, http.StatusNotFound, binh.get(s.portalURL+path).status, path)
	}
	for _, path := range []string{draftPath + "/steps/0", draftPath + "/submit", draftPath + "/delete"} {
		require.Equal(t, http.StatusNotFound, binh.post(s.portalURL+path, url.Values{"_csrf": {tok}, "declaration": {"yes"}}).status, path)
	}
	rcpt := an.followFrom(an.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	code := textOf(t, rcpt, testid("case-code"))
	for _, path := range []string{"/cases/" + code, "/cases/" + code + "/receipt", "/cases/" + code + "/receipt.pdf", "/attachments/" + attID} {
		require.Equal(t, http.StatusNotFound, binh.get(s.portalURL+path).status, path)
	}
	require.Equal(t, http.StatusOK, an.get(s.portalURL+"/attachments/"+attID).status, "the owner can")
}

func TestLandChangePicksParcel(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, "079175001234")
	first := startDraft(t, s, b, "1.013831")
	opts := first.doc(t).Find("input[name=parcel]")
	require.Equal(t, 2, opts.Length(), "Bình's two parcels")
	choice := opts.Eq(1).AttrOr("value", "")
	next := continueStep(t, b, first, url.Values{"parcel": {choice}}, nil)
	require.Contains(t, next.url.Path, "/steps/1", textOf(t, next, testid("error-summary")))
	back := b.get(strings.Replace(next.url.String(), "/steps/1", "/steps/0", 1))
	sheet := back.doc(t).Find("input[name=map_sheet]")
	require.NotEmpty(t, sheet.AttrOr("value", ""))
	_, readonly := sheet.Attr("readonly")
	require.True(t, readonly, "the chosen parcel's details are locked")
}

func TestLoA1MustUpgrade(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, "038301009876") // Dung, LoA1
	p := b.get(s.portalURL + "/procedures/1.013831")
	require.Equal(t, 1, p.doc(t).Find(testid("needs-upgrade")).Length())
	require.Equal(t, 0, p.doc(t).Find(testid("apply-online")).Length())
	start := b.get(s.portalURL + "/procedures/1.013831/start")
	require.Equal(t, http.StatusSeeOther, start.status, "does not start")
	var n int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM drafts`).Scan(&n))
	require.Zero(t, n)
}

func TestDraftsResumeAndDelete(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	first := startDraft(t, s, b, "1.001193")
	saved := b.followFrom(b.submitForm(first, testid("step-form"), url.Values{"action": {"save"}, "child_full_name": {"Nguyễn Ngọc Ánh"}}, nil))
	require.Equal(t, 1, saved.doc(t).Find(testid("success-banner")).Length())
	list := b.get(s.portalURL + "/cases")
	row := list.doc(t).Find("[data-testid=draft-row]")
	require.Equal(t, 1, row.Length())
	resumed := b.followFrom(b.get(s.portalURL + "/drafts/" + row.AttrOr("data-draft", "")))
	require.Equal(t, "Nguyễn Ngọc Ánh", resumed.doc(t).Find("input[name=child_full_name]").AttrOr("value", ""), "kept what was typed")
	ask := b.get(s.portalURL + list.doc(t).Find(testid("delete-draft")).AttrOr("href", ""))
	del := b.submitForm(ask, testid("confirm-delete-form"), nil, nil)
	require.Equal(t, http.StatusSeeOther, del.status)
	require.Equal(t, 0, b.get(s.portalURL+"/cases").doc(t).Find("[data-testid=draft-row]").Length())
}

func TestExpiredDraftIsGoneAndPurged(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	first := startDraft(t, s, b, "1.001193")
	id := strings.Split(strings.TrimPrefix(first.url.Path, "/drafts/"), "/")[0]
	_, err := s.db.Exec(context.Background(), `UPDATE drafts SET expires_at = now() - interval '1 minute' WHERE id = $1`, id)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, b.get(s.portalURL+"/drafts/"+id+"/steps/0").status)
	require.Equal(t, 0, b.get(s.portalURL+"/cases").doc(t).Find("[data-testid=draft-row]").Length())

	purged, err := drafts.New(s.db, nil, nil, nil, nil, drafts.Config{}, quietLogger()).Purge(context.Background())
	require.NoError(t, err)
	require.Equal(t, int64(1), purged)
}
