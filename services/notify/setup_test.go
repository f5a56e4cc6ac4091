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

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
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

// citizen inserts a citizen with a verified address; email "" leaves the address unset.
func (b bundle) citizen(t *testing.T, subject, name, email string) int64 {
	t.Helper()
	return b.contactCitizen(t, subject, name, email, "", true)
}

// contactCitizen inserts a citizen with an address and a mobile number ("" for none), both
// verified or both not.
func (b bundle) contactCitizen(t *testing.T, subject, name, email, phone string, verified bool) int64 {
	t.Helper()
	var id int64
	err := b.pool.QueryRow(context.Background(), `
		INSERT INTO citizens (issuer, subject, full_name, created_at, last_login_at, email, email_source, email_verified_at,
			phone, phone_source, phone_verified_at)
		VALUES ('http://idp', $1, $2, now(), now(),
			nullif($3, ''), CASE WHEN $3 <> '' THEN 'citizen' END, CASE WHEN $3 <> '' AND $5 THEN now() END,
			nullif($4, ''), CASE WHEN $4 <> '' THEN 'vneid' END, CASE WHEN $4 <> '' AND $5 THEN now() END)
		RETURNING id`, subject, name, email, phone, verified).Scan(&id)
	require.NoError(t, err)
	return id
}

// newCase puts a case of the citizen, with its draft and no event, straight into the tables
// (services/cases/casetest) and returns the case's id.
func (b bundle) newCase(t *testing.T, citizenID int64, code string) int64 {
	t.Helper()
	id, err := casetest.Insert(context.Background(), b.pool, casetest.Spec{Code: code, CitizenID: citizenID,
		Procedure: "1.001193", Agency: "UBND-00004", ExpectedDueOn: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), NoEvents: true})
	require.NoError(t, err)
	return id
}

// event appends an officer's event to the case's timeline and returns its id.
func (b bundle) event(t *testing.T, caseID int64, to int) int64 {
	t.Helper()
	id, err := casetest.AddEvent(context.Background(), b.pool, caseID, casetest.Event{
		ActorKind: "staff", ActorID: "o1", ActorName: "Cán bộ", To: status.Status(to)})
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
