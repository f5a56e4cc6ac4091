package drafts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

func TestGet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("ErrNotOwner", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		_, err := e.svc.Get(ctx, e.binh.CitizenID, id)
		require.ErrorIs(t, err, drafts.ErrNotFound, "someone else's draft looks like no draft")
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		_, err := e.svc.Get(ctx, e.an.CitizenID, uuid.New())
		require.ErrorIs(t, err, drafts.ErrNotFound)
	})

	t.Run("Expiry", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.clock.Add(ttl - time.Second)
		e.get(t, e.an, id)
		e.clock.Add(time.Second)
		_, err := e.svc.Get(ctx, e.an.CitizenID, id)
		require.ErrorIs(t, err, drafts.ErrNotFound, "an expired draft is gone")
	})

	t.Run("SubmittedOutlivesExpiry", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.markSubmitted(t, id)
		e.clock.Add(2 * ttl)
		d := e.get(t, e.an, id) // the submission stays idempotent on it
		require.NotNil(t, d.SubmittedAt)
	})

	// A draft keeps the form version it started on when a new one is published.
	t.Run("KeepsItsSchemaVersion", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		v2 := residenceSchema()
		v2.Steps[0].Fields = append(v2.Steps[0].Fields, forms.Field{Name: "email", Type: forms.TypeText, Required: true, Label: text("Thư điện tử", "Email")})
		version, err := e.cat.Publish(ctx, residence, v2, e.clock.Now())
		require.NoError(t, err)
		require.Equal(t, 2, version)

		d := e.get(t, e.an, id)
		require.Equal(t, 1, d.Version)
		_, _, ok := d.Schema.Field("email")
		require.False(t, ok, "the draft is read with its own version's form")
		res := e.save(t, e.an, id, applicantPost(t, d, "0912345678"))
		require.Empty(t, res.Errors, "and validated against it")
	})
}

func TestList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)

	older := e.start(t, e.an, residence)
	e.clock.Add(time.Minute)
	newer := e.start(t, e.an, landDeal)
	e.clock.Add(time.Minute)
	submitted := e.start(t, e.an, residence)
	e.markSubmitted(t, submitted)
	e.start(t, e.binh, residence)
	e.clock.Add(time.Minute)
	// Saving the older draft makes it the most recent.
	e.save(t, e.an, older, applicantPost(t, e.get(t, e.an, older), "0912345678"))

	list, err := e.svc.List(ctx, e.an.CitizenID)
	require.NoError(t, err)
	require.Len(t, list, 2, "only the citizen's own unsubmitted drafts")
	require.Equal(t, older, list[0].ID, "most recently saved first")
	require.Equal(t, newer, list[1].ID)
	require.Equal(t, residence, list[0].ProcedureCode)
	require.Equal(t, 1, list[0].Step)
	require.Equal(t, 2, list[0].Steps)
	require.True(t, list[0].ExpiresAt.Equal(e.clock.Now().Add(ttl)))

	e.clock.Add(ttl - time.Minute)
	list, err = e.svc.List(ctx, e.an.CitizenID)
	require.NoError(t, err)
	require.Len(t, list, 1, "expired drafts are not listed")
	require.Equal(t, older, list[0].ID)
}

func TestDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.upload(t, e.an, id, "proof")
		require.NoError(t, e.svc.Report(ctx, e.an.CitizenID, id, "birth_date", "sai"))
		require.NoError(t, e.svc.Delete(ctx, e.an.CitizenID, id), "with its files and reports")
		_, err := e.svc.Get(ctx, e.an.CitizenID, id)
		require.ErrorIs(t, err, drafts.ErrNotFound)
		require.Empty(t, e.files(t, e.an, id), "its files go with it")
		require.ErrorIs(t, e.svc.Delete(ctx, e.an.CitizenID, id), drafts.ErrNotFound, "twice")
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		require.ErrorIs(t, e.svc.Delete(ctx, e.binh.CitizenID, id), drafts.ErrNotFound)
		e.get(t, e.an, id)
	})

	t.Run("ErrSubmitted", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.markSubmitted(t, id)
		require.ErrorIs(t, e.svc.Delete(ctx, e.an.CitizenID, id), drafts.ErrNotFound, "a submitted draft belongs to its case")
		e.get(t, e.an, id)
	})
}

func TestPurge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	start := e.clock.Now()

	stale := e.start(t, e.an, residence)
	e.upload(t, e.an, stale, "proof")
	resumed := e.start(t, e.an, residence)
	submitted := e.start(t, e.an, residence)
	e.markSubmitted(t, submitted)
	e.clock.Add(ttl / 2)
	fresh := e.start(t, e.binh, residence)
	e.save(t, e.an, resumed, applicantPost(t, e.get(t, e.an, resumed), "0912345678")) // a save extends its life
	e.clock.Set(start.Add(ttl))

	n, err := e.svc.Purge(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "only the expired, unsubmitted draft")

	// Back before the expiry, the purged draft is gone from the table, not merely hidden.
	e.clock.Set(start)
	_, err = e.svc.Get(ctx, e.an.CitizenID, stale)
	require.ErrorIs(t, err, drafts.ErrNotFound)
	require.Empty(t, e.files(t, e.an, stale))
	e.get(t, e.an, resumed)
	e.get(t, e.an, submitted)
	e.get(t, e.binh, fresh)

	n, err = e.svc.Purge(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "nothing left to purge")
}

// Check is the submission's re-check of a whole draft, whatever the step posts said.
func TestCheck(t *testing.T) {
	t.Parallel()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := completeResidence(t, e)
		p := e.get(t, e.an, id).Check(e.rules())
		require.True(t, p.OK(), "%+v", p)
		require.Equal(t, -1, p.Step)
	})

	t.Run("ErrTampered", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := completeResidence(t, e)
		d := e.get(t, e.an, id)
		d.Answers["applicant_name"] = "Nguyễn Văn Ân"
		d.Answers["residence"] = forms.Address{Province: "01", Commune: "00071", Line: "12 Phố Huế"}
		p := d.Check(e.rules())
		require.False(t, p.OK())
		require.ElementsMatch(t, []string{"applicant_name", "residence"}, p.Tampered)
	})

	t.Run("ErrTamperedProvenance", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := completeResidence(t, e)
		d := e.get(t, e.an, id)
		// Whoever edits the stored answers and the fetched value apart is caught too.
		f := d.Prefill.Fields["birth_date"]
		f.Value.Value = "1999-01-01"
		d.Prefill.Fields["birth_date"] = f
		require.Equal(t, []string{"birth_date"}, d.Check(e.rules()).Tampered)
	})

	t.Run("ErrIncomplete", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678"))
		p := e.get(t, e.an, id).Check(e.rules())
		require.False(t, p.OK())
		require.Empty(t, p.Tampered)
		require.Equal(t, 1, p.Step)
		require.Equal(t, []forms.FieldError{{Field: "reason", Message: "validation.required"}}, p.Errors)
	})

	t.Run("ErrNotDone", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		// Valid answers, but step 0 was only ever saved through a group action: it is not done.
		in := applicantPost(t, e.get(t, e.an, id), "0912345678")
		in.Action = "add:household"
		e.save(t, e.an, id, in)
		d := e.get(t, e.an, id)
		d.Answers["reason"] = "Chuyển nhà"
		p := d.Check(e.rules())
		require.False(t, p.OK())
		require.Equal(t, 0, p.Step)
		require.Empty(t, p.Errors)
	})

	t.Run("ErrInvalidLater", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := completeResidence(t, e)
		d := e.get(t, e.an, id)
		d.Answers["phone"] = strings.Repeat("9", 16)
		p := d.Check(e.rules())
		require.Equal(t, 0, p.Step, "every step is validated again, done or not")
		require.Equal(t, "phone", p.Errors[0].Field)
	})
}

func TestReport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		require.NoError(t, e.svc.Report(ctx, e.an.CitizenID, id, "birth_date", "Ngày sinh đúng là 16/03/1988"))
		require.Equal(t, 1, e.discrepancyReports(t, id))
		d := e.get(t, e.an, id)
		require.True(t, d.Prefill.Fields["birth_date"].Locked, "the value stays locked: it is corrected at the source")
		require.Equal(t, "1988-03-15", d.Answers.String("birth_date"))
	})

	t.Run("ErrComment", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		for _, c := range []string{"", "   ", strings.Repeat("x", 1001)} {
			requireFault(t, e.svc.Report(ctx, e.an.CitizenID, id, "birth_date", c), fault.EINVALID, drafts.MsgReportComment)
		}
		require.Zero(t, e.discrepancyReports(t, id))
	})

	t.Run("ErrNotPrefilled", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		requireFault(t, e.svc.Report(ctx, e.an.CitizenID, id, "phone", "sai"), fault.ENOTFOUND, "")
		require.Zero(t, e.discrepancyReports(t, id))
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		require.ErrorIs(t, e.svc.Report(ctx, e.binh.CitizenID, id, "birth_date", "sai"), drafts.ErrNotFound)
		require.Zero(t, e.discrepancyReports(t, id))
	})
}

// completeResidence starts An's residence draft and completes both steps.
func completeResidence(t *testing.T, e *env) uuid.UUID {
	t.Helper()
	id := e.start(t, e.an, residence)
	res := e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678"))
	require.Empty(t, res.Errors)
	res = e.save(t, e.an, id, post(t, e.get(t, e.an, id), 1, drafts.ActionContinue, "reason", "Chuyển về nhà mới"))
	require.Empty(t, res.Errors)
	return id
}

// LockForSubmission and MarkSubmitted are the submission's hold on the draft, inside its transaction.
func TestLockForSubmission(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.markSubmitted(t, id) // locks (not yet submitted), marks, commits
		require.True(t, e.get(t, e.an, id).SubmittedAt.Equal(e.clock.Now()))
		err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			submitted, err := drafts.LockForSubmission(ctx, tx, e.an.CitizenID, id)
			require.True(t, submitted, "a second submission finds it submitted")
			return err
		})
		require.NoError(t, err)
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		lock := func(citizenID int64, id uuid.UUID) error {
			return pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
				_, err := drafts.LockForSubmission(ctx, tx, citizenID, id)
				return err
			})
		}
		require.ErrorIs(t, lock(e.binh.CitizenID, id), drafts.ErrNotFound, "someone else's draft")
		require.ErrorIs(t, lock(e.an.CitizenID, uuid.New()), drafts.ErrNotFound, "no draft")
		require.Nil(t, e.get(t, e.an, id).SubmittedAt)
	})

	// A second submission waits for the first to commit, then sees the draft submitted.
	t.Run("Race", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		first, err := e.pool.Begin(ctx)
		require.NoError(t, err)
		defer func() { _ = first.Rollback(ctx) }()
		submitted, err := drafts.LockForSubmission(ctx, first, e.an.CitizenID, id)
		require.NoError(t, err)
		require.False(t, submitted)

		second := make(chan bool, 1)
		go func() {
			var seen bool
			_ = pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
				var err error
				seen, err = drafts.LockForSubmission(ctx, tx, e.an.CitizenID, id)
				return err
			})
			second <- seen
		}()
		// The second waits on the first's row lock before the first commits.
		require.Eventually(t, func() bool {
			var waiting int
			err := e.pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`).Scan(&waiting)
			return err == nil && waiting == 1
		}, 30*time.Second, 5*time.Millisecond, "the second submission waits for the draft's row")
		require.NoError(t, drafts.MarkSubmitted(ctx, first, id, e.clock.Now()))
		require.NoError(t, first.Commit(ctx))
		require.True(t, <-second, "the second submission saw the draft before the first committed")
	})
}
