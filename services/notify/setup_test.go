package notify_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/notify"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var now = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

// bundle is what most tests need: a database with one agency and procedure, a service wired
// to an insert-only River client, the River client that works its jobs (not started) and a
// clock.
type bundle struct {
	pool   *pgxpool.Pool
	svc    *notify.Service
	client *river.Client[pgx.Tx] // works the jobs; the service never sees it
}

func setup(t *testing.T, mailer notify.Mailer) bundle {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	_, err := pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code)
		VALUES ('UBND-00004', 'commune_committee', 'commune', 'UBND phường Ba Đình', 'Ba Dinh Ward People''s Committee', '01', '00004');
		INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
			processing_days, fee_vnd, required_acr, details, search_text, current_version)
		VALUES ('1.001193', 'Đăng ký khai sinh', 'Birth registration', 'civil-status', 'commune_committee', 'commune', 'x', 'x', 1, 0, 'LoA1', '{}', 'x', 1);
		INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ('1.001193', 1, '{}', now())`)
	require.NoError(t, err)
	if mailer == nil {
		mailer = &fakeMailer{}
	}
	// As in the portal (jobs.NewInserter): the service enqueues through an insert-only client,
	// built first; the client that works the jobs is another, built after it with the workers.
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: quiet})
	require.NoError(t, err)
	svc := notify.New(pool, inserter, "https://motlan.example/", func() time.Time { return now })
	workers := river.NewWorkers()
	require.NoError(t, river.AddWorkerSafely(workers, &notify.SendEmailWorker{Pool: pool, Mailer: mailer, Now: func() time.Time { return now }}))
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger:   quiet,
		Queues:   map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}},
		Workers:  workers,
		TestOnly: true,
	})
	require.NoError(t, err)
	return bundle{pool: pool, svc: svc, client: client}
}

// citizen inserts a citizen; email "" leaves the address unset.
func (b bundle) citizen(t *testing.T, subject, name, email string) int64 {
	t.Helper()
	var id int64
	err := b.pool.QueryRow(context.Background(), `
		INSERT INTO citizens (issuer, subject, full_name, created_at, last_login_at, email)
		VALUES ('http://idp', $1, $2, now(), now(), nullif($3, '')) RETURNING id`, subject, name, email).Scan(&id)
	require.NoError(t, err)
	return id
}

// newCase inserts a draft and its case for the citizen and returns the case's id and code.
func (b bundle) newCase(t *testing.T, citizenID int64, code string) int64 {
	t.Helper()
	var id int64
	err := b.pool.QueryRow(context.Background(), `
		WITH d AS (
			INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at)
			VALUES (gen_random_uuid(), $1, '1.001193', 1, now(), now(), now() + interval '1 day') RETURNING id)
		INSERT INTO cases (code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
			agency_code, status, submitted_at, expected_due_on, data, provenance)
		SELECT $2, d.id, $1, '001088012345', 'Nguyễn Văn An', '1.001193', 1, 'UBND-00004', 1, now(), '2026-12-02', '{}', '{}'
		FROM d RETURNING id`, citizenID, code).Scan(&id)
	require.NoError(t, err)
	return id
}

// event inserts a case event and returns its id.
func (b bundle) event(t *testing.T, caseID int64, to int) int64 {
	t.Helper()
	var id int64
	err := b.pool.QueryRow(context.Background(), `
		INSERT INTO case_events (case_id, at, actor_kind, actor_id, actor_name, to_status)
		VALUES ($1, now(), 'staff', 'o1', 'Cán bộ', $2) RETURNING id`, caseID, to).Scan(&id)
	require.NoError(t, err)
	return id
}

// change is a Change of the case to status to, with a fresh event.
func (b bundle) change(t *testing.T, citizenID, caseID int64, code string, to int) notify.Change {
	t.Helper()
	return notify.Change{
		CaseID: caseID, CaseCode: code, CitizenID: citizenID,
		ProcedureCode: "1.001193", ProcedureNameVI: "Đăng ký khai sinh", ProcedureNameEN: "Birth registration",
		FromStatus: to - 1, ToStatus: to, EventID: b.event(t, caseID, to),
	}
}

// inTx runs CaseChanged in a transaction that is committed, or rolled back when commit is false.
func (b bundle) inTx(t *testing.T, commit bool, f func(tx pgx.Tx) error) {
	t.Helper()
	ctx := context.Background()
	tx, err := b.pool.Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	require.NoError(t, f(tx))
	if commit {
		require.NoError(t, tx.Commit(ctx))
	}
}

func (b bundle) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), query, args...).Scan(&n))
	return n
}

// fakeMailer records what it sends; with fail set it refuses everything.
type fakeMailer struct {
	mu   sync.Mutex
	sent []notify.Message
	fail error
	done chan notify.Message // receives each sent message when set
}

func (f *fakeMailer) Send(ctx context.Context, m notify.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.sent = append(f.sent, m)
	if f.done != nil {
		select {
		case f.done <- m:
		default:
		}
	}
	return nil
}

func (f *fakeMailer) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sent)
}

var errRefused = errors.New("550 mailbox unavailable")
