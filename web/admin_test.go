package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCalendarChangeRecomputesOpenCases(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong) // 15 working days: the due date is weeks away
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.dvvl.danang")
	officer.act(s, code, "receive", nil)
	due := *caseOf(t, s, code).DueOn

	// A working day between receipt and due date becomes a holiday.
	received := *caseOf(t, s, code).ReceivedAt
	day := received.AddDate(0, 0, 7)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	admin := newBrowser(t)
	admin.signInStaff(s, "quantri.hethong")
	p := admin.get(s.portalURL + "/staff/admin/calendar?year=" + day.Format("2006"))
	require.Equal(t, http.StatusOK, p.status)
	done := admin.submitForm(p, testid("calendar-add"), url.Values{"date": {day.Format("2006-01-02")}, "kind": {"holiday"},
		"name_vi": {"Nghỉ bù đột xuất"}, "name_en": {"Extra day off"}}, nil)
	require.Equal(t, http.StatusOK, done.status, done.body)
	require.Contains(t, textOf(t, done, testid("recomputed")), "1")
	moved := *caseOf(t, s, code).DueOn
	require.True(t, moved.After(due), "the due date moves past the new holiday: %s → %s", due, moved)

	t.Run("ErrHolidayOnSaturday", func(t *testing.T) {
		sat := day
		for sat.Weekday() != time.Saturday {
			sat = sat.AddDate(0, 0, 1)
		}
		bad := admin.submitForm(p, testid("calendar-add"), url.Values{"date": {sat.Format("2006-01-02")}, "kind": {"holiday"},
			"name_vi": {"X"}, "name_en": {"X"}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, bad.status)
	})
}

func TestDraftOnOldSchemaStillSubmits(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	first := startDraft(t, s, an, "1.001193") // on version 1

	admin := newBrowser(t)
	admin.signInStaff(s, "quantri.hethong")
	p := admin.get(s.portalURL + "/staff/admin/procedures/1.001193")
	require.Equal(t, http.StatusOK, p.status)
	var schema map[string]any
	require.NoError(t, json.Unmarshal([]byte(p.doc(t).Find("#schema").Text()), &schema))
	steps := schema["steps"].([]any)
	child := steps[0].(map[string]any)
	child["fields"] = append(child["fields"].([]any), map[string]any{
		"name": "child_nickname", "type": "text", "required": true,
		"label": map[string]any{"vi": "Tên thường gọi", "en": "Nickname"},
	})
	v2, _ := json.Marshal(schema)
	preview := admin.submitForm(p, testid("schema-form"), url.Values{"schema": {string(v2)}}, nil)
	require.Equal(t, http.StatusOK, preview.status, preview.body)
	published := admin.followFrom(admin.submitForm(preview, testid("schema-confirm"), nil, nil))
	require.Equal(t, http.StatusOK, published.status, published.body)
	require.Contains(t, textOf(t, published, testid("schema-version")), "2")

	bad := admin.submitForm(p, testid("schema-form"), url.Values{"schema": {`{"steps": [{"id": "x", "fields": [{"name": "a", "type": "colour"}]}]}`}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, bad.status)

	// The draft started on version 1 goes on without the new required field, and submits.
	check := fillBirthRegistration(t, an, first)
	rcpt := an.followFrom(an.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	code := textOf(t, rcpt, testid("case-code"))
	require.NotEmpty(t, code, rcpt.body)
	require.Equal(t, 1, caseOf(t, s, code).ProcedureVersion)

	// A new draft starts on version 2 and asks the new question.
	second := startDraft(t, s, an, "1.001193")
	require.Equal(t, 1, second.doc(t).Find("input[name=child_nickname]").Length())
	require.True(t, strings.Contains(second.body, "Tên thường gọi"))
}

func TestSupervisorDashboardAndCSV(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)
	confirmDraft(t, s, officer, an, code)
	officer.act(s, code, "approve", nil)

	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")
	d := sup.get(s.portalURL + "/staff/dashboard")
	require.Equal(t, http.StatusOK, d.status, d.body)
	doc := d.doc(t)
	require.Contains(t, doc.Find(testid("kpi-received")).Text(), "1")
	require.Contains(t, doc.Find(testid("kpi-ontime")).Text(), "100")
	require.Equal(t, 1, doc.Find("svg[data-testid=weekly-chart]").Length())
	csv := sup.get(s.portalURL + "/staff/dashboard/cases.csv")
	require.Equal(t, http.StatusOK, csv.status)
	require.Contains(t, csv.header.Get("Content-Type"), "text/csv")
	require.Contains(t, csv.body, code)
	require.Contains(t, csv.body, "Đã xử lý xong")
	require.Equal(t, http.StatusForbidden, officer.get(s.portalURL+"/staff/dashboard").status, "supervisors only")
}
