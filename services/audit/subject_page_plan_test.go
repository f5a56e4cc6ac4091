package audit_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
)

// generatedQuery is the SQL that sqlc generated for the named query name (its Go constant
// in internal/auditdb), so a plan is taken of the statement the portal runs.
func generatedQuery(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile("internal/auditdb/data_access_log.sql.go")
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(src), "const "+name+" = `")
	require.True(t, ok, "no generated query %s", name)
	q, _, ok := strings.Cut(rest, "`")
	require.True(t, ok)
	return q
}

// logPlanNode is the part of EXPLAIN (ANALYZE, FORMAT JSON) TestLogPageReadsAPage reads.
type logPlanNode struct {
	NodeType      string        `json:"Node Type"`
	Relation      string        `json:"Relation Name"`
	ActualRows    float64       `json:"Actual Rows"`
	ActualLoops   float64       `json:"Actual Loops"`
	RemovedFilter float64       `json:"Rows Removed by Filter"`
	Plans         []logPlanNode `json:"Plans"`
}

// logRowsRead is how many rows the plan's scans read from the log's partitions, and the
// kinds of scan of them that are not an index scan.
func logRowsRead(n logPlanNode) (rows float64, other []string) {
	if strings.HasPrefix(n.Relation, "data_access_log") {
		rows += (n.ActualRows + n.RemovedFilter) * n.ActualLoops // rows a filter removed were read too
		if n.NodeType != "Index Scan" {
			other = append(other, n.NodeType+" on "+n.Relation)
		}
	}
	for _, c := range n.Plans {
		r, o := logRowsRead(c)
		rows += r
		other = append(other, o...)
	}
	return rows, other
}

// TestLogPageReadsAPage: An has 300 rows over six monthly partitions among 60,000 of other
// citizens. A page of his log deep in his history reads the page and at most one row more from
// each partition, by the (subject_personal_id, seq DESC) index: never his whole log, nor other
// citizens' rows.
func TestLogPageReadsAPage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	const an, rows, every, page = "001088012345", 60000, 200, 51 // An's is one row in every, 300 in all
	from := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	_, err := pool.Exec(ctx, `SELECT ensure_monthly_partitions('data_access_log'::regclass, $1, 6)`, from)
	require.NoError(t, err)
	// Rows in seq order spread evenly over the six months; one in every is An's, the others
	// belong to 997 other citizens.
	_, err = pool.Exec(ctx, `
		INSERT INTO data_access_log (chain, subject_seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role,
			purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash)
		SELECT 2, CASE WHEN i % $4::int = 0 THEN i / $4::int ELSE i END,
			CASE WHEN i % $4::int = 0 THEN $1 ELSE lpad((100000 + i % 997)::text, 12, '0') END,
			'staff', 'staff:7', 'Trần Thị Hoa', 'officer', '1.001193', 'HS-' || i, '{population}', '{population.identity}', 'ok',
			$2::timestamptz + (i * interval '1 second' * (180 * 86400 / $3::int)),
			sha256(('p' || i)::bytea), sha256(('h' || i)::bytea)
		FROM generate_series(1, $3::int) AS i`, an, from, rows, every)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `ANALYZE data_access_log`)
	require.NoError(t, err)
	var parts int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT tableoid) FROM data_access_log WHERE subject_personal_id = $1`, an).Scan(&parts))
	require.Equal(t, 6, parts)

	var cursor int64 // An's row a third of the way back from his newest
	require.NoError(t, pool.QueryRow(ctx, `SELECT seq FROM data_access_log WHERE subject_personal_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1`,
		an, rows/every/3).Scan(&cursor))
	var out []byte
	require.NoError(t, pool.QueryRow(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+generatedQuery(t, "entriesOfSubjectBefore"),
		an, cursor, page).Scan(&out))
	var plans []struct {
		Plan logPlanNode `json:"Plan"`
	}
	require.NoError(t, json.Unmarshal(out, &plans))
	require.Len(t, plans, 1)
	read, other := logRowsRead(plans[0].Plan)
	require.Empty(t, other, "every partition read by an index: %s", out)
	// The Merge Append of the partitions' scans reads the page and at most one row ahead in each.
	require.LessOrEqual(t, read, float64(page+parts), "a page, not An's whole log nor others' rows: %s", out)
	require.GreaterOrEqual(t, read, float64(page), "the page itself")
}
