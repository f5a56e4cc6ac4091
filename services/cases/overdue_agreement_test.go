package cases_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/stats"
)

// TestOverdueRuleAgreement puts cases on both sides of every boundary of the one rule of
// lateness — the due date's last minute in Vietnam, a paused clock, each status group, the flag
// kept by a case finished late — and checks that every page that shows or counts late cases says
// what Case.Overdue says: the queue (its column and its filter), the CSV export built from it,
// the supervisor's dashboard, the helpdesk, public tracking and the citizen's list.
func TestOverdueRuleAgreement(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	due := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC) // a Tuesday
	before, after := due.AddDate(0, 0, -1), due.AddDate(0, 0, 1)

	type fixture struct {
		name  string
		steps []func(c *cases.Case) // each a transition the trigger allows
	}
	now := e.clock.Now()
	receive := func(d time.Time) func(c *cases.Case) {
		return func(c *cases.Case) { c.Status, c.ReceivedAt, c.DueOn = status.Received, &now, &d }
	}
	to := func(s status.Status) func(c *cases.Case) { return func(c *cases.Case) { c.Status = s } }
	fixtures := []fixture{
		{"New", nil},
		{"ReceivedDueBefore", []func(*cases.Case){receive(before)}},
		{"ReceivedDueToday", []func(*cases.Case){receive(due)}},
		{"ReceivedDueAfter", []func(*cases.Case){receive(after)}},
		{"ProcessingDueToday", []func(*cases.Case){receive(due), to(status.Processing)}},
		{"PaymentDueBefore", []func(*cases.Case){receive(before), to(status.Processing), to(status.Payment)}},
		{"SupplementDueBefore", []func(*cases.Case){receive(before), func(c *cases.Case) { c.Status, c.PausedAt = status.Supplement, &now }}},
		{"WithdrawalFromSupplement", []func(*cases.Case){receive(before), func(c *cases.Case) { c.Status, c.PausedAt = status.Supplement, &now },
			func(c *cases.Case) { c.Status, c.PrevStatus = status.Withdrawal, status.Supplement }}},
		{"WithdrawalDueToday", []func(*cases.Case){receive(due), func(c *cases.Case) { c.Status, c.PrevStatus = status.Withdrawal, status.Received }}},
		{"DoneOnTime", []func(*cases.Case){receive(before), to(status.Processing), func(c *cases.Case) { c.Status, c.Outcome = status.Done, cases.OutcomeApproved }}},
		{"DoneLateFlagged", []func(*cases.Case){receive(before), to(status.Processing),
			func(c *cases.Case) { c.Status, c.Outcome, c.OverdueFlag = status.Done, cases.OutcomeApproved, true }}},
		{"StoppedDueBefore", []func(*cases.Case){receive(before), func(c *cases.Case) { c.Status = status.Stopped }}},
		{"ProcessingFlagged", []func(*cases.Case){receive(after), to(status.Processing), func(c *cases.Case) { c.OverdueFlag = true }}},
	}
	ids := map[string]int64{}
	for _, f := range fixtures {
		k := e.submit(t, e.an, e.draft(t, e.an, true))
		for _, step := range f.steps {
			k = e.move(t, k.ID, step)
		}
		ids[f.name] = k.ID
	}
	agency := e.byID(t, ids["New"]).AgencyCode

	// The last minute of the due date in Vietnam (16:59 UTC) and the first of the next day.
	for _, at := range []time.Time{time.Date(2026, 12, 8, 16, 59, 0, 0, time.UTC), time.Date(2026, 12, 8, 17, 1, 0, 0, time.UTC)} {
		t.Run(at.Format(time.RFC3339), func(t *testing.T) {
			e.clock.Set(at)
			want := map[string]bool{} // case code → late, by the Go rule
			running := 0
			for _, id := range ids {
				c := e.byID(t, id)
				want[c.Code] = c.Overdue(at)
				if want[c.Code] && status.Running.Has(c.Status) {
					running++
				}
			}
			// Sanity: the fixtures do fall on both sides.
			wantCount := 0
			for _, late := range want {
				if late {
					wantCount++
				}
			}
			require.Greater(t, wantCount, 0)
			require.Less(t, wantCount, len(want))

			q := queue.New(e.pool, e.clock.Now)
			page, err := q.List(ctx, agency, queue.Filter{}, 200)
			require.NoError(t, err)
			require.Len(t, page.Items, len(want))
			var rows []stats.Row
			for _, it := range page.Items {
				require.Equal(t, want[it.Code], it.Overdue, "queue column, %s", it.Code)
				rows = append(rows, stats.Row{Code: it.Code, Overdue: it.Overdue})
			}
			late, err := q.List(ctx, agency, queue.Filter{Overdue: true}, 200)
			require.NoError(t, err)
			require.Len(t, late.Items, wantCount, "queue filter")
			for _, it := range late.Items {
				require.True(t, want[it.Code], "queue filter, %s", it.Code)
			}

			var buf bytes.Buffer
			require.NoError(t, stats.WriteCSV(&buf, rows))
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
			require.NoError(t, err)
			for _, rec := range recs[1:] {
				require.Equal(t, want[rec[0]], rec[6] == "Có", "CSV, %s", rec[0])
			}

			sum, err := stats.New(e.pool, e.clock.Now).Summary(ctx, agency)
			require.NoError(t, err)
			require.Equal(t, running, sum.Overdue, "dashboard: running cases that are late")

			desk := helpdesk.New(e.pool, audit.New(e.pool, e.clock.Now), e.clock.Now)
			mine, err := e.cases.List(ctx, e.an.CitizenID)
			require.NoError(t, err)
			require.Len(t, mine, len(want))
			for _, s := range mine {
				require.Equal(t, want[s.Code], s.Overdue, "citizen's list, %s", s.Code)
				v, found, err := desk.ByCode(ctx, helpdesk.Agent{Login: "hotro", Name: "Tổng đài viên"}, helpdesk.Reasons[0], "", s.Code)
				require.NoError(t, err)
				require.True(t, found)
				require.Equal(t, want[s.Code], v.Overdue, "helpdesk, %s", s.Code)
				p, found, err := desk.Track(ctx, s.Code, anPID[8:])
				require.NoError(t, err)
				require.True(t, found)
				require.Equal(t, want[s.Code], p.Overdue, "public tracking, %s", s.Code)
			}
		})
	}
}

// byID reads a case as its owner package stores it.
func (e *env) byID(t testing.TB, id int64) cases.Case {
	t.Helper()
	c, err := e.cases.Get(context.Background(), e.pool, id)
	require.NoError(t, err)
	return c
}
