package feedback_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/feedback"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	hoanKiem = "UBND-00070"
	police   = "CA-00070"
	birth    = "1.001193"
	marriage = "1.000894"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type env struct {
	pool  *pgxpool.Pool
	clock *clock
	svc   *feedback.Service
	n     int
}

func setup(t *testing.T) *env {
	t.Helper()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	require.NoError(t, catalogue.Seed(context.Background(), pool, now))
	clk := &clock{t: now}
	return &env{pool: pool, clock: clk, svc: feedback.New(pool, clk.Now)}
}

// subject inserts a case of the agency and procedure in status st and returns what rating it needs.
func (e *env) subject(t *testing.T, agency, procedure string, st status.Status) feedback.Subject {
	t.Helper()
	ctx := context.Background()
	e.n++
	cit, err := citizens.New(e.pool, nil).SignedIn(ctx, "http://idp", fmt.Sprintf("c%d", e.n), "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	code := fmt.Sprintf("%s-261101-%04d", agency, e.n)
	outcome := ""
	if st == status.Done || st == status.Delivered {
		outcome = "approved"
	}
	id, err := casetest.Insert(ctx, e.pool, casetest.Spec{Code: code, CitizenID: cit.ID, Procedure: procedure, Agency: agency,
		Status: st, Outcome: outcome, NoEvents: true})
	require.NoError(t, err)
	return feedback.Subject{CaseID: id, CaseCode: code, AgencyCode: agency, ProcedureCode: procedure, Status: st}
}

// TestRate: a case with a result is rated once; the rating may be changed for 30 days and then
// stands; a case without a result, a level out of range and a long comment are refused.
func TestRate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	k := e.subject(t, hoanKiem, birth, status.Done)

	t.Run("ErrNotYet", func(t *testing.T) {
		open := e.subject(t, hoanKiem, birth, status.Processing)
		_, err := e.svc.Rate(ctx, open, 5, "")
		require.Equal(t, fault.EFORBIDDEN, fault.Code(err))
		_, found, err := e.svc.ForCase(ctx, open.CaseID)
		require.NoError(t, err)
		require.False(t, found)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, level := range []int{0, 6, -1} {
			_, err := e.svc.Rate(ctx, k, level, "")
			require.Equal(t, feedback.MsgLevel, fault.Message(err))
		}
		long := make([]rune, feedback.MaxComment+1)
		for i := range long {
			long[i] = 'ả'
		}
		_, err := e.svc.Rate(ctx, k, 4, string(long))
		require.Equal(t, feedback.MsgLong, fault.Message(err))
		_, err = e.svc.Rate(ctx, k, 4, string(long[:feedback.MaxComment]))
		require.NoError(t, err, "500 characters are allowed")
	})

	r, err := e.svc.Rate(ctx, k, 5, "  Nhanh, đúng hẹn  ")
	require.NoError(t, err)
	require.Equal(t, 5, r.Level)
	require.Equal(t, "Nhanh, đúng hẹn", r.Comment)
	first := r.CreatedAt

	e.clock.Add(29 * 24 * time.Hour)
	r, err = e.svc.Rate(ctx, k, 2, "Phải đi lại hai lần")
	require.NoError(t, err, "changed within 30 days")
	require.Equal(t, 2, r.Level)
	require.True(t, r.CreatedAt.Equal(first), "the first rating's time stays")
	var rows int
	require.NoError(t, e.pool.QueryRow(ctx, `SELECT count(*) FROM case_ratings WHERE case_id = $1`, k.CaseID).Scan(&rows))
	require.Equal(t, 1, rows, "one rating per case")

	e.clock.Add(2 * 24 * time.Hour)
	_, err = e.svc.Rate(ctx, k, 5, "")
	require.Equal(t, fault.ECONFLICT, fault.Code(err), "after 30 days the rating stands")
	got, found, err := e.svc.ForCase(ctx, k.CaseID)
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, 2, got.Level)
	require.Equal(t, "Phải đi lại hai lần", got.Comment)

	refused := e.subject(t, hoanKiem, birth, status.Refused)
	_, err = e.svc.Rate(ctx, refused, 1, "")
	require.NoError(t, err, "a case refused at intake has its answer too")
}

// TestSatisfactionPerAgency: a supervisor's figures count only their agency's ratings, per
// procedure, with the share satisfied (hài lòng or rất hài lòng); the latest comments carry
// the case code and nothing else of the person.
func TestSatisfactionPerAgency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	rate := func(agency, procedure string, level int, comment string) string {
		k := e.subject(t, agency, procedure, status.Delivered)
		_, err := e.svc.Rate(ctx, k, level, comment)
		require.NoError(t, err)
		e.clock.Add(time.Minute)
		return k.CaseCode
	}
	rate(hoanKiem, birth, 5, "")
	rate(hoanKiem, birth, 4, "Cán bộ hướng dẫn tận tình")
	rate(hoanKiem, birth, 3, "")
	last := rate(hoanKiem, birth, 1, "Quá hạn hai ngày")
	rate(police, marriage, 5, "Của cơ quan khác")

	got, err := e.svc.Satisfaction(ctx, hoanKiem)
	require.NoError(t, err)
	require.Equal(t, []feedback.ProcedureSatisfaction{{ProcedureCode: birth, Ratings: 4, Satisfied: 2}}, got)
	require.InDelta(t, 0.5, got[0].Share(), 1e-9)

	comments, err := e.svc.LatestComments(ctx, hoanKiem, 5)
	require.NoError(t, err)
	require.Len(t, comments, 2, "only ratings with a comment, only this agency's")
	require.Equal(t, last, comments[0].CaseCode, "newest first")
	require.Equal(t, "Quá hạn hai ngày", comments[0].Comment)
	require.Equal(t, 1, comments[0].Level)

	other, err := e.svc.Satisfaction(ctx, police)
	require.NoError(t, err)
	require.Equal(t, []feedback.ProcedureSatisfaction{{ProcedureCode: marriage, Ratings: 1, Satisfied: 1}}, other)

	e.clock.Add((feedback.SummaryWindowDays + 1) * 24 * time.Hour)
	old, err := e.svc.Satisfaction(ctx, hoanKiem)
	require.NoError(t, err)
	require.Empty(t, old, "the figures look back 90 days")
}
