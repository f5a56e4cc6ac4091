package stats_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/stats"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	agency = "UBND-00070"
	other  = "CA-00070"
	p1     = "1.001193"
	p2     = "1.000894"
)

// now is Wednesday 18/11/2026, 10:00 in Vietnam: the month began at 2026-10-31T17:00Z and the
// week at 2026-11-15T17:00Z.
var now = at("2026-11-18T03:00:00Z")

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// ev is one step of a case's timeline: at (RFC 3339), from → to. from 0 is the submission.
type ev struct {
	at       string
	from, to int
}

// fixture is a case as it stands now, with the timeline that led there.
type fixture struct {
	name      string // for failure messages
	agency    string
	procedure string
	status    int
	prev      int    // prev_status of a case at 7
	outcome   string // approved, refused or ""
	received  string // RFC 3339 or ""
	due       string // yyyy-mm-dd or "" (not received)
	overdue   bool   // the sweep's flag
	paused    bool   // clock stopped (status 5)
	events    []ev
}

var actions = map[int]string{2: "receive", 3: "refuse_intake", 4: "start_processing", 5: "request_supplement",
	6: "request_payment", 7: "request_withdrawal", 8: "stop", 9: "approve", 10: "deliver"}

// seed inserts the cases directly with their final status (the status trigger only guards
// UPDATEs) and then their events, oldest first (the hash chain trigger numbers them).
func seed(t *testing.T, pool *pgxpool.Pool, cases []fixture) {
	t.Helper()
	ctx := context.Background()
	an, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "an", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	for i, f := range cases {
		submitted := at(f.events[0].at)
		spec := casetest.Spec{Code: fmt.Sprintf("%s-261101-%04d", f.agency, i+1), CitizenID: an.ID,
			Procedure: f.procedure, Agency: f.agency, Status: status.Status(f.status), Submitted: submitted,
			ExpectedDueOn: submitted.AddDate(0, 0, 10), PrevStatus: status.Status(f.prev), Outcome: f.outcome, Overdue: f.overdue}
		if f.received != "" {
			received := at(f.received)
			spec.Received = &received
			if f.paused {
				spec.Paused = &received
			}
		}
		if f.due != "" {
			due := date(f.due)
			spec.DueOn = &due
		}
		for _, e := range f.events {
			ev := casetest.Event{At: at(e.at), ActorKind: "staff", ActorID: "canbo1", ActorName: "Cán bộ Một",
				Action: "submit", From: status.Status(e.from), To: status.Status(e.to)}
			if e.from != 0 {
				ev.Action = actions[e.to]
			}
			if e.from == e.to {
				ev.Action = "assign"
			}
			spec.Events = append(spec.Events, ev)
		}
		_, err := casetest.Insert(ctx, pool, spec)
		require.NoError(t, err, f.name)
	}
}

// cases is the agency's book, with known answers (see the expectations in the tests).
var cases = []fixture{
	{name: "c1 received 01/11 01:00 in Vietnam (31/10 in UTC), due today", agency: agency, procedure: p1, status: 2,
		received: "2026-10-31T18:00:00Z", due: "2026-11-18",
		events: []ev{{"2026-10-31T10:00:00Z", 0, 1}, {"2026-10-31T18:00:00Z", 1, 2}}},
	{name: "c2 received 31/10 23:00 in Vietnam, past due", agency: agency, procedure: p1, status: 4,
		received: "2026-10-31T16:00:00Z", due: "2026-11-10",
		events: []ev{{"2026-10-31T09:00:00Z", 0, 1}, {"2026-10-31T16:00:00Z", 1, 2}, {"2026-11-02T02:00:00Z", 2, 4}}},
	{name: "c3 paused for a supplement, past due", agency: agency, procedure: p1, status: 5, paused: true,
		received: "2026-11-03T02:00:00Z", due: "2026-11-05",
		events: []ev{{"2026-11-02T02:00:00Z", 0, 1}, {"2026-11-03T02:00:00Z", 1, 2}, {"2026-11-04T02:00:00Z", 2, 5}}},
	{name: "c4 flagged overdue by the sweep", agency: agency, procedure: p1, status: 6, overdue: true,
		received: "2026-11-05T02:00:00Z", due: "2026-11-30",
		events: []ev{{"2026-11-04T02:00:00Z", 0, 1}, {"2026-11-05T02:00:00Z", 1, 2}, {"2026-11-06T02:00:00Z", 2, 4}, {"2026-11-07T02:00:00Z", 4, 6}}},
	{name: "c5 approved 09/11 on time after 20 days, reassigned later", agency: agency, procedure: p1, status: 9, outcome: "approved",
		received: "2026-10-20T02:00:00Z", due: "2026-11-10",
		events: []ev{{"2026-10-19T02:00:00Z", 0, 1}, {"2026-10-20T02:00:00Z", 1, 2}, {"2026-10-21T02:00:00Z", 2, 4},
			{"2026-11-09T02:00:00Z", 4, 9}, {"2026-11-17T02:00:00Z", 9, 9}}},
	{name: "c6 refused 13/11 00:30 in Vietnam, a day late, after 10 days; delivered", agency: agency, procedure: p1, status: 10,
		outcome: "refused", overdue: true, received: "2026-11-02T18:00:00Z", due: "2026-11-12",
		events: []ev{{"2026-11-02T10:00:00Z", 0, 1}, {"2026-11-02T18:00:00Z", 1, 2}, {"2026-11-03T02:00:00Z", 2, 4},
			{"2026-11-12T18:00:00Z", 4, 9}, {"2026-11-14T02:00:00Z", 9, 10}}},
	{name: "c7 other procedure, approved 05/11 after 4 days", agency: agency, procedure: p2, status: 9, outcome: "approved",
		received: "2026-11-01T02:00:00Z", due: "2026-11-20",
		events: []ev{{"2026-10-31T20:00:00Z", 0, 1}, {"2026-11-01T02:00:00Z", 1, 2}, {"2026-11-02T02:00:00Z", 2, 4}, {"2026-11-05T02:00:00Z", 4, 9}}},
	{name: "c8 approved 31/10 23:30 in Vietnam (last month) after 10 days", agency: agency, procedure: p1, status: 9, outcome: "approved",
		received: "2026-10-21T16:30:00Z", due: "2026-11-05",
		events: []ev{{"2026-10-21T10:00:00Z", 0, 1}, {"2026-10-21T16:30:00Z", 1, 2}, {"2026-10-22T02:00:00Z", 2, 4}, {"2026-10-31T16:30:00Z", 4, 9}}},
	{name: "c9 refused 01/08, more than 90 days ago", agency: agency, procedure: p1, status: 9, outcome: "refused",
		received: "2026-07-20T02:00:00Z", due: "2026-08-05",
		events: []ev{{"2026-07-19T02:00:00Z", 0, 1}, {"2026-07-20T02:00:00Z", 1, 2}, {"2026-07-21T02:00:00Z", 2, 4}, {"2026-08-01T02:00:00Z", 4, 9}}},
	{name: "c10 not received, 10/11", agency: agency, procedure: p1, status: 3,
		events: []ev{{"2026-11-09T02:00:00Z", 0, 1}, {"2026-11-10T02:00:00Z", 1, 3}}},
	{name: "c11 stopped Monday 16/11 00:30 in Vietnam (Sunday in UTC)", agency: agency, procedure: p1, status: 8,
		received: "2026-11-04T02:00:00Z", due: "2026-11-25",
		events: []ev{{"2026-11-03T02:00:00Z", 0, 1}, {"2026-11-04T02:00:00Z", 1, 2}, {"2026-11-15T17:30:00Z", 2, 8}}},
	{name: "c12 another agency's decision", agency: other, procedure: p1, status: 9, outcome: "approved",
		received: "2026-11-05T02:00:00Z", due: "2026-11-20",
		events: []ev{{"2026-11-04T02:00:00Z", 0, 1}, {"2026-11-05T02:00:00Z", 1, 2}, {"2026-11-05T05:00:00Z", 2, 4}, {"2026-11-06T02:00:00Z", 4, 9}}},
	{name: "c13 received 28/10, back at 2 on 08/11 after a refused withdrawal", agency: agency, procedure: p1, status: 2,
		received: "2026-10-28T02:00:00Z", due: "2026-11-25",
		events: []ev{{"2026-10-27T02:00:00Z", 0, 1}, {"2026-10-28T02:00:00Z", 1, 2}, {"2026-11-07T02:00:00Z", 2, 7}, {"2026-11-08T02:00:00Z", 7, 2}}},
	{name: "c14 withdrawal asked while in progress, past due", agency: agency, procedure: p1, status: 7, prev: 4,
		received: "2026-10-01T02:00:00Z", due: "2026-11-01",
		events: []ev{{"2026-09-30T02:00:00Z", 0, 1}, {"2026-10-01T02:00:00Z", 1, 2}, {"2026-10-02T02:00:00Z", 2, 4}, {"2026-11-15T02:00:00Z", 4, 7}}},
	{name: "c15 not received Monday 26/10 00:00 in Vietnam", agency: agency, procedure: p1, status: 3,
		events: []ev{{"2026-10-25T10:00:00Z", 0, 1}, {"2026-10-25T17:00:00Z", 1, 3}}},
	{name: "c16 not received Sunday 25/10 23:59 in Vietnam", agency: agency, procedure: p1, status: 3,
		events: []ev{{"2026-10-25T10:00:00Z", 0, 1}, {"2026-10-25T16:59:00Z", 1, 3}}},
	{name: "c18 withdrawal asked during a supplement: clock stopped, past due", agency: agency, procedure: p1, status: 7, prev: 5,
		paused: true, received: "2026-11-02T02:00:00Z", due: "2026-11-10",
		events: []ev{{"2026-11-01T02:00:00Z", 0, 1}, {"2026-11-02T02:00:00Z", 1, 2}, {"2026-11-03T02:00:00Z", 2, 5}, {"2026-11-16T02:00:00Z", 5, 7}}},
	{name: "c17 another agency's overdue case", agency: other, procedure: p1, status: 4, overdue: true,
		received: "2026-11-05T02:00:00Z", due: "2026-11-06",
		events: []ev{{"2026-11-04T02:00:00Z", 0, 1}, {"2026-11-05T02:00:00Z", 1, 2}, {"2026-11-05T03:00:00Z", 2, 4}}},
}

func setup(t *testing.T) *stats.Service {
	t.Helper()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(context.Background(), pool, now))
	seed(t, pool, cases)
	return stats.New(pool, func() time.Time { return now })
}

func TestSummary(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t)

	t.Run("OK", func(t *testing.T) {
		sum, err := s.Summary(ctx, agency)
		require.NoError(t, err)
		require.Equal(t, 7, sum.Received, "c1 c3 c4 c6 c7 c11 c18: received in November, Vietnam time; not c13's return from a withdrawal")
		require.Equal(t, 7, sum.InProgress, "c1 c2 c3 c4 c13 c14 c18")
		require.Equal(t, 3, sum.Overdue, "c2 and c14 past due, c4 flagged; not c1 (due today), c3 and c18 (paused), c6 (finished)")
		require.Equal(t, 3, sum.DecidedThisMonth, "c5 c6 c7; not c8 (31/10 in Vietnam) nor c5's reassignment")
		require.InDelta(t, 2.0/3, sum.OnTimeRate, 1e-9, "c6 was decided on 13/11 in Vietnam, after its due date")
		require.Len(t, sum.MeanDays, 2)
		require.Equal(t, stats.ProcedureMean{ProcedureCode: p2, Cases: 1, MeanDays: 4}, sum.MeanDays[0])
		require.Equal(t, p1, sum.MeanDays[1].ProcedureCode)
		require.Equal(t, 3, sum.MeanDays[1].Cases, "c5 c6 c8; not c9, decided more than 90 days ago")
		require.InDelta(t, (20.0+10+10)/3, sum.MeanDays[1].MeanDays, 1e-9)
	})
	t.Run("NoCases", func(t *testing.T) {
		sum, err := s.Summary(ctx, "UBND-00004")
		require.NoError(t, err)
		require.Empty(t, sum.MeanDays)
		sum.MeanDays = nil
		require.Equal(t, stats.Summary{}, sum, "zeros, and a rate of 0, not NaN")
	})
}

func TestWeekly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := setup(t)

	t.Run("OK", func(t *testing.T) {
		weeks, err := s.Weekly(ctx, agency, 4)
		require.NoError(t, err)
		require.Equal(t, []stats.Week{
			{Start: date("2026-10-26"), Approved: 1, Other: 1},             // c8; c15 at the week's first minute
			{Start: date("2026-11-02"), Approved: 1},                       // c7
			{Start: date("2026-11-09"), Approved: 1, Refused: 1, Other: 1}, // c5; c6 (not its delivery); c10
			{Start: date("2026-11-16"), Other: 1},                          // c11; not c5's reassignment
		}, weeks)
	})
	t.Run("ZeroFilled", func(t *testing.T) {
		weeks, err := s.Weekly(ctx, agency, 6)
		require.NoError(t, err)
		require.Len(t, weeks, 6)
		require.Equal(t, stats.Week{Start: date("2026-10-12")}, weeks[0])
		require.Equal(t, stats.Week{Start: date("2026-10-19"), Other: 1}, weeks[1], "c16, a minute before Monday in Vietnam")
		for _, w := range weeks {
			require.Equal(t, time.Monday, w.Start.Weekday())
		}
	})
	t.Run("OtherAgency", func(t *testing.T) {
		weeks, err := s.Weekly(ctx, other, 4)
		require.NoError(t, err)
		require.Equal(t, stats.Week{Start: date("2026-11-02"), Approved: 1}, weeks[1], "c12 only")
	})
	t.Run("Clamped", func(t *testing.T) {
		weeks, err := s.Weekly(ctx, agency, 0)
		require.NoError(t, err)
		require.Equal(t, []stats.Week{{Start: date("2026-11-16"), Other: 1}}, weeks)
	})
}
