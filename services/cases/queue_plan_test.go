package cases_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
)

// loadCases is how many cases TestQueueReadsAPage puts in one agency: enough that reading the
// agency's open cases (about 18,000 of them) is far from reading a page.
const loadCases = 30_000

// loadAgency adds loadCases cases to bookAgency in one statement: every status, due dates from
// 200 days before today to 200 after, one in 7 flagged late, the awaiting ones paused.
func loadAgency(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	_, err := pool.Exec(ctx, `
		WITH d AS (
			INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
			SELECT gen_random_uuid(), (SELECT min(id) FROM citizens), '1.001193', 1, $2, $2, $2, $2 FROM generate_series(1, $1)
			RETURNING id),
		n AS (SELECT id, row_number() OVER () AS i FROM d),
		s AS (SELECT id, i, (ARRAY[1, 2, 4, 5, 6, 7, 3, 8, 9, 10])[1 + i % 10]::smallint AS st,
			($3::date + ((i * 7919) % 401 - 200)::int) AS due FROM n)
		INSERT INTO cases (code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
			agency_code, status, submitted_at, received_at, expected_due_on, due_on, data, provenance, overdue, paused_at)
		SELECT 'UBND-00070-261030-' || lpad(i::text, 6, '0'), id, (SELECT min(id) FROM citizens), '001088012345', 'Nguyễn Văn An',
			'1.001193', 1, 'UBND-00070', st, $2, CASE WHEN st <> 1 THEN $2 END, due, CASE WHEN st <> 1 THEN due END, '{}', '{}',
			i % 7 = 0, CASE WHEN st = 5 THEN $2 END
		FROM s`, loadCases, bookNow, calendar.Date(bookNow))
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `ANALYZE cases`)
	require.NoError(t, err)
}

// planNode is the part of EXPLAIN (ANALYZE, FORMAT JSON) a test reads.
type planNode struct {
	NodeType      string     `json:"Node Type"`
	Relation      string     `json:"Relation Name"`
	ActualRows    float64    `json:"Actual Rows"`
	ActualLoops   float64    `json:"Actual Loops"`
	RemovedFilter float64    `json:"Rows Removed by Filter"`
	Plans         []planNode `json:"Plans"`
}

// rowsRead is how many rows the scans of the plan read from the cases table, those a filter
// removed included, and the scans of it that do not read an index in order.
func rowsRead(n planNode) (rows float64, other []string) {
	if n.Relation == "cases" {
		rows += (n.ActualRows + n.RemovedFilter) * n.ActualLoops
		if n.NodeType != "Index Scan" {
			other = append(other, n.NodeType)
		}
	}
	for _, c := range n.Plans {
		r, o := rowsRead(c)
		rows += r
		other = append(other, o...)
	}
	return rows, other
}

// explainPage runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) on the statement of a page of the
// queue, planned as Queue plans it (the generic plan when cases.GenericPlan, else a custom one),
// and returns the rows it read. The statement is PREPAREd and EXPLAIN EXECUTEd with its
// arguments written as literals, so that plan_cache_mode chooses the plan.
func explainPage(t *testing.T, pool *pgxpool.Pool, f cases.QueueFilter, n int) float64 {
	t.Helper()
	ctx := context.Background()
	q, args := cases.QueuePageSQL(bookAgency, f, calendar.Date(bookNow), n)
	require.NotEmpty(t, q)
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	mode := "force_custom_plan"
	if cases.GenericPlan(f) {
		mode = "force_generic_plan"
	}
	_, err = conn.Exec(ctx, "SET plan_cache_mode = "+mode)
	require.NoError(t, err)
	defer func() { _, _ = conn.Exec(ctx, "RESET plan_cache_mode; DEALLOCATE queue_page") }()
	_, err = conn.Exec(ctx, "PREPARE queue_page AS "+q)
	require.NoError(t, err)
	lits := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			lits[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		case time.Time:
			lits[i] = "'" + v.Format(time.DateOnly) + "'"
		case []int16:
			codes := make([]string, len(v))
			for k, c := range v {
				codes[k] = strconv.Itoa(int(c))
			}
			lits[i] = "'{" + strings.Join(codes, ",") + "}'"
		default:
			lits[i] = fmt.Sprint(v)
		}
	}
	var out []byte
	require.NoError(t, conn.QueryRow(ctx, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE queue_page("+strings.Join(lits, ", ")+")").Scan(&out))
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	require.NoError(t, json.Unmarshal(out, &plans))
	require.Len(t, plans, 1)
	rows, other := rowsRead(plans[0].Plan)
	require.Empty(t, other, "%s plan: every scan reads an index in order: %s", mode, out)
	return rows
}

// TestQueueReadsAPage: a page of the queue, the first or one deep in either part, reads about a
// page of rows from the index (a few ranges of at most a page each), not the agency's cases;
// paging through the whole queue gives every case in the order of (late, due date, id).
func TestQueueReadsAPage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, s, _ := bookSetup(t)
	loadAgency(t, pool)
	const limit = 50
	// Seven ranges in all (three late, four on time), each cut at a page; with a status
	// filter, a range also reads the cases of the other statuses of its lane (up to six).
	budget := func(f cases.QueueFilter) float64 {
		if f.Status != 0 {
			return 6 * 7 * (limit + 1)
		}
		return 7 * (limit + 1)
	}

	for _, f := range []cases.QueueFilter{{Open: true}, {}, {Status: status.Processing}, {Overdue: true}} {
		// Page through the whole queue; each page is checked against the next one's start.
		var pages []cases.QueuePage
		var all []cases.QueueItem
		g := f
		for {
			p, err := s.Queue(ctx, bookAgency, g, 200)
			require.NoError(t, err)
			pages = append(pages, p)
			all = append(all, p.Items...)
			if p.Next == nil {
				break
			}
			g.After = p.Next
		}
		require.Greater(t, len(all), 1000, "%+v: the load is in the queue", f)
		for i := 1; i < len(all); i++ {
			a, b := all[i-1], all[i]
			inOrder := (a.Overdue && !b.Overdue) || (a.Overdue == b.Overdue && (a.Due.Before(b.Due) || a.Due.Equal(b.Due) && a.ID < b.ID))
			require.True(t, inOrder, "%+v: %s before %s", f, a.Code, b.Code)
		}

		// The first page, a page deep in the late part, the one where the late part ends, and one
		// deep in the part on time.
		var lateKeys, onTimeKeys []*cases.QueueKey
		for _, p := range pages[:len(pages)-1] {
			if p.Next.Late {
				lateKeys = append(lateKeys, p.Next)
			} else {
				onTimeKeys = append(onTimeKeys, p.Next)
			}
		}
		var lateKey, boundaryKey, onTimeKey *cases.QueueKey
		if len(lateKeys) > 0 {
			lateKey = lateKeys[len(lateKeys)/2]
			boundaryKey = lateKeys[len(lateKeys)-1] // its page ends in the part on time
		}
		if len(onTimeKeys) > 0 {
			onTimeKey = onTimeKeys[len(onTimeKeys)/2]
		}
		for name, key := range map[string]*cases.QueueKey{"first": nil, "late": lateKey, "boundary": boundaryKey, "onTime": onTimeKey} {
			if key == nil && name != "first" {
				continue
			}
			h := f
			h.After = key
			read := explainPage(t, pool, h, limit+1)
			require.LessOrEqual(t, read, budget(f), "%+v, %s page: rows read", f, name)
			if (name == "first" || name == "late") && f.Status == 0 {
				// The late part fills these pages: the part on time is not read at all, and the
				// late part's three ranges read at most a page each.
				require.LessOrEqual(t, read, float64(3*(limit+1)), "%+v, %s page: rows read", f, name)
			}
			t.Logf("%+v, %s page: %.0f rows read", f, name, read)
		}
	}
}

// TestQueueLanesAgree: the lanes of migration 00033 and case_is_overdue are the same rule of
// lateness on every boundary: a case in lane 0 or 3 is late, one in lane 1 is late exactly when
// its sort_due is before today, one in lanes 2, 4 or 5 is not. It evaluates the column's own
// generation expression, as the database stores it, over every status, flag, pause and due date.
func TestQueueLanesAgree(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, _, _ := bookSetup(t)
	var expr string
	require.NoError(t, pool.QueryRow(ctx, `SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
		JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
		WHERE d.adrelid = 'cases'::regclass AND a.attname = 'queue_lane'`).Scan(&expr))
	today := calendar.Date(bookNow)
	var checked int
	rows, err := pool.Query(ctx, `SELECT status, overdue, paused_at IS NOT NULL, due_on, `+expr+` AS lane,
			coalesce(due_on, expected_due_on) AS sort_due, case_is_overdue(overdue, status, due_on, paused_at, $1::date)
		FROM (SELECT s::smallint AS status FROM generate_series(1, 10) AS s) AS g, (VALUES (false), (true)) AS f(overdue),
			(VALUES (NULL::timestamptz), (now())) AS p(paused_at),
			(VALUES (NULL::date), ($1::date - 1), ($1::date), ($1::date + 1)) AS d(due_on),
			(VALUES ($1::date - 5), ($1::date + 5)) AS e(expected_due_on)
		WHERE paused_at IS NULL OR status IN (5, 7)`, today)
	require.NoError(t, err)
	for rows.Next() {
		var st, lane int16
		var flagged, paused, late bool
		var due *time.Time
		var sortDue time.Time
		require.NoError(t, rows.Scan(&st, &flagged, &paused, &due, &lane, &sortDue, &late))
		byLane := lane == 0 || lane == 3 || lane == 1 && sortDue.Before(today)
		require.Equal(t, late, byLane, "status %d, flagged %v, paused %v, due %v: lane %d", st, flagged, paused, due, lane)
		require.Equal(t, status.Finished.Has(status.Status(st)), lane == 3 || lane == 4, "status %d: lane %d", st, lane)
		checked++
	}
	require.NoError(t, rows.Err())
	require.Equal(t, 10*2*4*2+2*2*4*2, checked, "every status unpaused, and paused those that can be")
}
