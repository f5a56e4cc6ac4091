package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/demo"
)

// TestDemoHistoryFillsStaffPages: after the demo history is seeded (portal seed demo), the demo
// officer's queue, and the supervisor's dashboard are not empty, and a demo case opens.
func TestDemoHistoryFillsStaffPages(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	res, err := demo.Seed(context.Background(), s.db, demo.Cases, time.Now())
	require.NoError(t, err)
	require.Equal(t, demo.Cases, res.Cases)

	officer := newStaff(t, s, "canbo.ubnd.hoankiem")
	q := officer.get(s.portalURL + "/staff/queue")
	require.Equal(t, http.StatusOK, q.status, q.body)
	rows := q.doc(t).Find(testid("queue-row"))
	require.Positive(t, rows.Length(), "the demo officer's queue has cases")
	require.Equal(t, rows.Length(), rows.Find(testid("demo-tag")).Length(), "every demo case is tagged in the queue")
	code := strings.TrimSpace(rows.First().Find("a").First().Text())
	require.NotEmpty(t, code)
	page := officer.get(s.portalURL + "/staff/cases/" + code)
	require.Equal(t, http.StatusOK, page.status, page.body)
	require.Equal(t, "Dữ liệu mẫu", strings.TrimSpace(page.doc(t).Find(testid("demo-tag")).Text()), "the case page says it is demo data")

	sup := newStaff(t, s, "giamsat.ubnd.hoankiem")
	d := sup.get(s.portalURL + "/staff/dashboard")
	require.Equal(t, http.StatusOK, d.status, d.body)
	received := textOf(t, d, testid("kpi-received"))
	require.Regexp(t, `[1-9][0-9]*$`, received, "cases received this month")
}
