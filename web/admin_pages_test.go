package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
)

// TestAdminProceduresIndex: the administrator's index lists every procedure of the catalogue,
// withdrawn ones too (cases filed under them still need their form), each with a link to its form
// schema editor and its law page, and the admin navigation links to it.
func TestAdminProceduresIndex(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	admin := newStaff(t, s, "quantri.hethong")
	idx := admin.get(s.portalURL + "/staff/admin/procedures")
	require.Equal(t, http.StatusOK, idx.status, idx.body)
	doc := idx.doc(t)
	rows := doc.Find(testid("admin-procedure"))
	var codes []string
	rows.Each(func(_ int, r *goquery.Selection) {
		code := r.AttrOr("data-code", "")
		codes = append(codes, code)
		require.Equal(t, 1, r.Find(`a[href="/staff/admin/procedures/`+code+`"]`).Length(), "schema link of %s", code)
		require.Equal(t, 1, r.Find(`a[href="/staff/admin/procedures/`+code+`/law"]`).Length(), "law link of %s", code)
	})
	for _, want := range []string{"1.000894", "1.001193", "1.001612", "1.004222", "1.013831", "1.014173", "1.014748", "2.000986", "3.000722"} {
		require.Contains(t, codes, want)
	}
	require.Equal(t, 1, doc.Find(`[data-code="2.000986"] `+testid("withdrawn")).Length(), "a withdrawn procedure says so")
	require.Equal(t, 1, doc.Find(testid("nav-procedures-admin")).Length())
	require.Equal(t, http.StatusForbidden, newStaff(t, s, "canbo.ubnd.hoankiem").get(s.portalURL+"/staff/admin/procedures").status)
}

// TestAdminStaffAgencyPicker: an administrator adds an officer by choosing a province, then an
// agency of it by its Vietnamese name, without JavaScript; the directory shows the agency's name
// and the roles in Vietnamese. An agency the portal does not know is refused with a message that
// says what to do.
func TestAdminStaffAgencyPicker(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	admin := newStaff(t, s, "quantri.hethong")
	p := admin.get(s.portalURL + "/staff/admin/staff")
	require.Equal(t, http.StatusOK, p.status, p.body)
	doc := p.doc(t)
	require.Equal(t, 1, doc.Find(`select[name=province] option[value="01"]`).Length(), "provinces to choose from")

	t.Run("RolesInVietnamese", func(t *testing.T) {
		row := doc.Find(`[data-testid=staff-row][data-login="giamsat.ubnd.hoankiem"]`)
		require.Contains(t, row.Text(), "Lãnh đạo/Giám sát")
		require.Contains(t, row.Text(), "Ủy ban nhân dân phường Hoàn Kiếm", "the agency by its name")
		require.NotContains(t, row.Text(), "supervisor")
		for id, label := range map[string]string{"officer": "Cán bộ xử lý", "supervisor": "Lãnh đạo/Giám sát", "helpdesk": "Tổng đài hỗ trợ", "admin": "Quản trị hệ thống"} {
			require.Equal(t, label, strings.TrimSpace(doc.Find(`label[for="role-`+id+`"]`).Text()))
		}
		require.Contains(t, doc.Find(`[data-testid=staff-row][data-login="quantri.hethong"]`).Text(), "Quản trị hệ thống")
	})

	t.Run("OK", func(t *testing.T) {
		form := url.Values{"login": {"canbo.moi.hoankiem"}, "name": {"Nguyễn Thị Mới"}, "email": {""}, "province": {"01"}, "roles": {"officer"}}
		form.Set("action", "pick")
		picked := admin.submitForm(p, testid("staff-add"), form, nil)
		require.Equal(t, http.StatusOK, picked.status, picked.body)
		pd := picked.doc(t)
		opt := pd.Find(`select[name=agency] option[value="UBND-00070"]`)
		require.Equal(t, 1, opt.Length(), "the agencies of Hà Nội")
		require.Contains(t, opt.Text(), "Ủy ban nhân dân phường Hoàn Kiếm")
		require.Equal(t, "canbo.moi.hoankiem", pd.Find(`#admin-login`).AttrOr("value", ""), "what was typed is kept: %s", picked.body)
		require.Equal(t, 0, pd.Find(`select[name=agency] option[value="UBND-00270"]`).Length(), "only the chosen province's agencies")

		form.Set("action", "add")
		form.Set("agency", "UBND-00070")
		added := admin.submitForm(picked, testid("staff-add"), form, nil)
		require.Equal(t, http.StatusSeeOther, added.status, added.body)
		list := admin.followFrom(added)
		row := list.doc(t).Find(`[data-testid=staff-row][data-login="canbo.moi.hoankiem"]`)
		require.Contains(t, row.Text(), "Ủy ban nhân dân phường Hoàn Kiếm")
		require.Contains(t, row.Text(), "Cán bộ xử lý")
		require.Equal(t, 1, list.doc(t).Find(testid("success-banner")).Length(), list.body)
	})

	t.Run("ErrUnknownAgency", func(t *testing.T) {
		form := url.Values{"login": {"canbo.sai"}, "name": {"Cán bộ Sai"}, "province": {"01"}, "agency": {"HN-UBND-HOANKIEM"}, "roles": {"officer"}, "action": {"add"}}
		bad := admin.submitForm(p, testid("staff-add"), form, nil)
		require.Equal(t, http.StatusUnprocessableEntity, bad.status, bad.body)
		require.Contains(t, textOf(t, bad, testid("error-summary")), "Chọn cơ quan")
	})

	t.Run("ErrOfficerWithoutAgency", func(t *testing.T) {
		form := url.Values{"login": {"canbo.khong"}, "name": {"Cán bộ Không"}, "roles": {"officer"}, "action": {"add"}}
		bad := admin.submitForm(p, testid("staff-add"), form, nil)
		require.Equal(t, http.StatusUnprocessableEntity, bad.status, bad.body)
		require.Contains(t, textOf(t, bad, testid("error-summary")), "Chọn cơ quan")
	})
}

// TestAdminSchemaPreviewThenPublish: the form-schema editor first shows what would change (a
// diff against the published version) or what is wrong, and publishes only from that preview.
func TestAdminSchemaPreviewThenPublish(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	admin := newStaff(t, s, "quantri.hethong")
	p := admin.get(s.portalURL + "/staff/admin/procedures/1.001193")
	require.Equal(t, http.StatusOK, p.status, p.body)
	var schema map[string]any
	require.NoError(t, json.Unmarshal([]byte(p.doc(t).Find("#schema").Text()), &schema))
	steps := schema["steps"].([]any)
	child := steps[0].(map[string]any)
	child["fields"] = append(child["fields"].([]any), map[string]any{
		"name": "child_nickname", "type": "text",
		"label": map[string]any{"vi": "Tên thường gọi", "en": "Nickname"},
	})
	v2, _ := json.Marshal(schema)

	t.Run("ErrInvalid", func(t *testing.T) {
		bad := admin.submitForm(p, testid("schema-form"), url.Values{"schema": {`{"steps": [{"id": "x", "fields": [{"name": "a", "type": "colour", "label": {"vi": "A", "en": "A"}}]}]}`}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, bad.status)
		require.Contains(t, textOf(t, bad, testid("error-summary")), "colour")
		require.Equal(t, 0, bad.doc(t).Find(testid("schema-confirm")).Length(), "nothing to publish")
		syntax := admin.submitForm(p, testid("schema-form"), url.Values{"schema": {"{\n  \"steps\": [\n}"}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, syntax.status)
		require.Contains(t, textOf(t, syntax, testid("error-summary")), "dòng 3")
	})

	preview := admin.submitForm(p, testid("schema-form"), url.Values{"schema": {string(v2)}}, nil)
	require.Equal(t, http.StatusOK, preview.status, preview.body)
	require.Contains(t, textOf(t, preview, testid("schema-diff-added")), "child_nickname")
	require.Equal(t, 0, preview.doc(t).Find(testid("published")).Length(), "a preview publishes nothing")
	again := admin.get(s.portalURL + "/staff/admin/procedures/1.001193")
	require.NotContains(t, again.doc(t).Find("#schema").Text(), "child_nickname", "still the published version")

	published := admin.followFrom(admin.submitForm(preview, testid("schema-confirm"), nil, nil))
	require.Equal(t, http.StatusOK, published.status, published.body)
	require.Equal(t, 1, published.doc(t).Find(testid("success-banner")).Length(), published.body)
	require.Contains(t, published.doc(t).Find("#schema").Text(), "child_nickname")
	require.Contains(t, textOf(t, published, testid("schema-version")), "2")

	t.Run("ErrStalePreview", func(t *testing.T) {
		stale := admin.submitForm(preview, testid("schema-confirm"), nil, nil)
		require.Equal(t, http.StatusConflict, stale.status, stale.body)
		require.Equal(t, 1, stale.doc(t).Find(testid("error-summary")).Length())
	})
}
