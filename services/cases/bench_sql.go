package cases

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/database/pipeline"
)

// Statement is one SQL statement as the portal sends it to PostgreSQL, with its $n parameters.
type Statement struct {
	Name string // the named query (queries/*.sql)
	SQL  string
}

// SubmissionStatements returns the statements SubmitDraft runs on the case tables, in the order
// it runs them: CaseCodeTimeline and CaseNextCode (codes.next; its CaseCodeTimelineBegin and
// CaseCodeEpoch run once per process and timeline), then CaseInsert and EventInsertReserved, the
// first two statements of the pipeline that follows the counter. They are the text the portal
// sends: each is recorded from its generated query method, run against a recorder instead of a
// database. cmd/bench replays them in its pgbench reference script, with pgbench variables in
// place of the parameters. The submission's other statements belong to drafts, notify and
// attachments.
func SubmissionStatements() []Statement {
	ctx := context.Background()
	rec := &sqlRecorder{}
	q := casedb.New(rec)
	_, _ = q.CaseCodeTimeline(ctx)
	_, _ = q.CaseNextCode(ctx, casedb.CaseNextCodeParams{})
	q.CaseInsert(ctx, []casedb.CaseInsertParams{{}})
	q.EventInsertReserved(ctx, []casedb.EventInsertReservedParams{{}})
	names := []string{"CaseCodeTimeline", "CaseNextCode", "CaseInsert", "EventInsertReserved"}
	out := make([]Statement, len(rec.sql))
	for i, sql := range rec.sql {
		out[i] = Statement{Name: names[i], SQL: sql}
	}
	return out
}

var errRecorded = errors.New("cases: statement recorded, not run")

// sqlRecorder is a casedb.DBTX that keeps the SQL it is given and runs nothing.
type sqlRecorder struct{ sql []string }

func (r *sqlRecorder) Exec(_ context.Context, sql string, _ ...any) (pgconn.CommandTag, error) {
	r.sql = append(r.sql, sql)
	return pgconn.CommandTag{}, errRecorded
}

func (r *sqlRecorder) Query(_ context.Context, sql string, _ ...any) (pgx.Rows, error) {
	r.sql = append(r.sql, sql)
	return nil, errRecorded
}

func (r *sqlRecorder) QueryRow(_ context.Context, sql string, _ ...any) pgx.Row {
	r.sql = append(r.sql, sql)
	return recordedRow{}
}

// SendBatch records the batch's statements and runs none of them.
func (r *sqlRecorder) SendBatch(_ context.Context, b *pgx.Batch) pgx.BatchResults {
	for _, q := range b.QueuedQueries {
		r.sql = append(r.sql, q.SQL)
	}
	return pipeline.Unsent() // its reads fail
}

type recordedRow struct{}

func (recordedRow) Scan(...any) error { return errRecorded }
