package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/demo"
	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserAdminJourney: on a desktop and on a phone, an administrator opens the index of
// procedures, previews a change of a form (the diff) before publishing it, and adds a staff
// member by choosing the province, then the agency; the demo officer's queue shows the demo
// history. Every page passes axe; screenshots of each step are kept.
func TestBrowserAdminJourney(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	_, err := demo.Seed(context.Background(), s.db, demo.Cases, time.Now())
	require.NoError(t, err)
	id := browsertest.TestID
	for _, v := range []struct {
		name string
		opt  browsertest.Option
	}{{"desktop", browsertest.Viewport(1280, 900)}, {"phone", browsertest.Mobile()}} {
		t.Run(v.name, func(t *testing.T) {
			b := browsertest.New(t, v.opt, browsertest.Label(v.name))
			signInStaffBrowser(t, b, s, "quantri.hethong")
			b.NavigateAndWait(s.portalURL+"/staff/admin/procedures", id("admin-procedures"))
			require.Equal(t, 1, b.Count(`[data-code="2.000986"] `+id("withdrawn")))
			b.Screenshot("procedures")
			b.AssertAccessible(t)

			b.ClickNavigate(id("schema-1.001193"))
			b.WaitVisible("#schema")
			var schema map[string]any
			require.NoError(t, json.Unmarshal([]byte(b.Value("#schema")), &schema))
			step := schema["steps"].([]any)[0].(map[string]any)
			step["fields"] = append(step["fields"].([]any), map[string]any{"name": "child_nickname_" + v.name, "type": "text",
				"label": map[string]any{"vi": "Tên thường gọi", "en": "Nickname"}})
			next, _ := json.MarshalIndent(schema, "", "  ")
			b.SetValue("#schema", string(next))
			b.ClickNavigate(id("schema-preview"))
			b.WaitVisible(id("schema-diff"))
			require.Contains(t, b.Text(id("schema-diff")), "child_nickname_"+v.name)
			b.Screenshot("schema-preview")
			b.AssertAccessible(t)
			b.ClickNavigate(id("schema-publish"))
			b.WaitVisible(id("success-banner"))
			b.Screenshot("schema-published")

			b.NavigateAndWait(s.portalURL+"/staff/admin/staff", id("staff-add"))
			b.Screenshot("staff")
			b.AssertAccessible(t)
			login := "canbo.moi." + v.name
			b.SetValue("#admin-login", login)
			b.SetValue("#admin-name", "Nguyễn Thị Mới")
			b.Click("#role-officer")
			b.SetValue("#admin-province", "01")
			b.ClickNavigate(id("staff-pick"))
			b.WaitVisible(id("staff-agency"))
			b.SetValue("#admin-agency", "UBND-00070")
			b.Screenshot("staff-agency-picked")
			b.AssertAccessible(t)
			b.ClickNavigate(id("staff-add-submit"))
			b.WaitVisible(id("success-banner"))
			require.Contains(t, b.Text(`[data-testid=staff-row][data-login="`+login+`"]`), "Ủy ban nhân dân phường Hoàn Kiếm")
			b.Screenshot("staff-added")
			require.Empty(t, b.ConsoleErrors())

			officer := browsertest.New(t, v.opt, browsertest.Label(v.name+"-officer"))
			signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
			officer.NavigateAndWait(s.portalURL+"/staff/queue", id("queue"))
			require.Positive(t, officer.Count(id("queue-row")))
			officer.Screenshot("demo-queue")
			require.True(t, strings.Contains(officer.URL(), "/staff/queue"))
		})
	}
}
