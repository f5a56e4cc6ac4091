package cases_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/registry"
)

// codePattern is <agency code>-<yyMMdd>-<NNNN>.
var codePattern = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*-[0-9]{6}-[0-9]{4}$`)

func TestSubmitDraft(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		started := e.clock.Now()
		d := e.draft(t, e.an, true)
		e.clock.Set(at("2026-11-27 10:15"))
		now := e.clock.Now()
		c := e.submit(t, e.an, d)

		require.Regexp(t, codePattern, c.Code)
		require.Equal(t, "CA-00070-261127-0001", c.Code, "routed to the police of the applicant's residence")
		require.Equal(t, "CA-00070", c.AgencyCode)
		require.EqualValues(t, statusNew, c.Status)
		require.Equal(t, d.ID.String(), c.DraftID)
		require.Equal(t, e.an.CitizenID, c.CitizenID)
		require.Equal(t, anPID, c.ApplicantPID)
		require.Equal(t, "Nguyễn Văn An", c.ApplicantName)
		require.Equal(t, residence, c.ProcedureCode)
		require.Equal(t, 1, c.ProcedureVersion)
		require.True(t, c.SubmittedAt.Equal(now), "submitted at %v", c.SubmittedAt)
		require.Nil(t, c.ReceivedAt)
		require.Nil(t, c.DueOn, "the due date is set at receipt")
		// Received by Monday 30 November 10:15 (8 office hours), then 7 working days over the
		// holiday of Wednesday 2 December.
		require.Equal(t, "2026-12-10", c.ExpectedDueOn.Format(time.DateOnly))

		// The snapshot is the draft's answers, each with where it came from.
		require.Equal(t, d.Answers, c.Data)
		require.Len(t, c.Provenance, len(d.Answers), "every answered field has its provenance")
		for _, field := range []string{"applicant_name", "birth_date", "residence"} {
			p := c.Provenance[field]
			require.Equal(t, registry.Population, p.Source, field)
			require.Equal(t, "POP-"+anPID, p.RecordRef, field)
			require.True(t, p.RetrievedAt.Equal(started), "%s retrieved at %v", field, p.RetrievedAt)
		}
		for _, field := range []string{"phone", "reason", "proof"} {
			require.Equal(t, cases.Provenance{Source: "citizen"}, c.Provenance[field], field)
		}

		// What the citizen reads back is what was returned.
		got, err := e.cases.ForCitizen(ctx, e.an.CitizenID, c.Code)
		require.NoError(t, err)
		require.Equal(t, c, got)

		// The first event of the timeline: the citizen's submission, status 1.
		events, err := e.cases.Events(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, events, 1)
		require.EqualValues(t, statusNew, events[0].ToStatus)
		require.Equal(t, "citizen", events[0].ActorKind)
		require.Equal(t, "Nguyễn Văn An", events[0].ActorName)
		require.True(t, events[0].At.Equal(now))

		// In the same transaction: the citizen is told, the files follow the case, the draft is marked.
		changes := e.notes.all()
		require.Len(t, changes, 1)
		require.Equal(t, c.ID, changes[0].CaseID)
		require.Equal(t, c.Code, changes[0].CaseCode)
		require.Equal(t, e.an.CitizenID, changes[0].CitizenID)
		require.EqualValues(t, statusNew, changes[0].ToStatus)
		require.Positive(t, changes[0].EventID)
		require.NotNil(t, changes[0].DueOn)
		require.Equal(t, "2026-12-10", changes[0].DueOn.Format(time.DateOnly))

		files, err := e.files.ForCase(ctx, e.an.CitizenID, c.ID)
		require.NoError(t, err)
		require.Len(t, files, 1)
		require.Equal(t, "proof", files[0].Field)
		require.Equal(t, c.Data.String("proof"), files[0].ID.String())

		after := e.get(t, e.an, d.ID)
		require.NotNil(t, after.SubmittedAt)
		require.True(t, after.SubmittedAt.Equal(now))
		open, err := e.drafts.List(ctx, e.an.CitizenID)
		require.NoError(t, err)
		require.Empty(t, open, "a submitted draft leaves the list of drafts")
	})

	// The draft is the idempotency key: a double click, a retry or a second tab get the same case.
	t.Run("Idempotent", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		first := e.submit(t, e.an, d)
		e.clock.Add(time.Minute)

		again := e.submit(t, e.an, d) // the same page posted twice: the draft as read before the first
		require.Equal(t, first, again)

		reread := e.get(t, e.an, d.ID) // a retry reads the submitted draft
		require.NotNil(t, reread.SubmittedAt)
		retried, err := e.submitter.SubmitDraft(ctx, e.an, reread, false, e.rules())
		require.NoError(t, err, "a submitted draft gives its case back without asking again")
		require.Equal(t, first, retried)

		require.Equal(t, []string{first.Code}, e.codes(t, e.an))
		events, err := e.cases.Events(ctx, first.ID)
		require.NoError(t, err)
		require.Len(t, events, 1, "one first event")
		require.Len(t, e.notes.all(), 1, "the citizen is told once")

		// The repeats took no number: the next case of the day is the second.
		next := e.submit(t, e.an, e.draft(t, e.an, true))
		require.Equal(t, "CA-00070-261127-0002", next.Code)
	})

	t.Run("Concurrent", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		const tabs = 8
		got := make([]cases.Case, tabs)
		errs := make([]error, tabs)
		var wg sync.WaitGroup
		for i := range tabs {
			wg.Go(func() { got[i], errs[i] = e.submitter.SubmitDraft(ctx, e.an, d, true, e.rules()) })
		}
		wg.Wait()
		for i := range tabs {
			require.NoError(t, errs[i])
			require.Equal(t, got[0].Code, got[i].Code)
			require.Equal(t, got[0].ID, got[i].ID)
		}
		require.Equal(t, []string{"CA-00070-261127-0001"}, e.codes(t, e.an))
		require.Len(t, e.notes.all(), 1)
		next := e.submit(t, e.an, e.draft(t, e.an, true))
		require.Equal(t, "CA-00070-261127-0002", next.Code, "the losers took no number")
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		// Bình posts An's draft as her own.
		_, err := e.submitter.SubmitDraft(ctx, e.binh, d, true, e.rules())
		requireNotFound(t, err)
		e.requireNothingSubmitted(t, e.an, d)
	})

	t.Run("ErrNotOwner/Submitted", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		c := e.submit(t, e.an, d)
		_, err := e.submitter.SubmitDraft(ctx, e.binh, e.get(t, e.an, d.ID), true, e.rules())
		requireNotFound(t, err)
		_, err = e.submitter.SubmitDraft(ctx, e.binh, d, true, e.rules())
		requireNotFound(t, err)
		require.Empty(t, e.codes(t, e.binh))
		require.Equal(t, []string{c.Code}, e.codes(t, e.an))
	})

	t.Run("ErrDeclaration", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		_, err := e.submitter.SubmitDraft(ctx, e.an, d, false, e.rules())
		requireFault(t, err, fault.EINVALID, cases.MsgDeclaration)
		e.requireNothingSubmitted(t, e.an, d)
	})

	// The submission re-checks every locked value against what was fetched, whatever the steps said.
	t.Run("ErrTampered", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		d.Answers["applicant_name"] = "Nguyễn Văn Ân"
		_, err := e.submitter.SubmitDraft(ctx, e.an, d, true, e.rules())
		requireFault(t, err, fault.EINVALID, cases.MsgTampered)
		e.requireNothingSubmitted(t, e.an, d)
	})

	t.Run("ErrIncomplete", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, false)
		_, err := e.submitter.SubmitDraft(ctx, e.an, d, true, e.rules())
		var incomplete cases.ErrIncomplete
		require.ErrorAs(t, err, &incomplete)
		require.Equal(t, 1, incomplete.Problem.Step, "back to the first step not done")
		require.Equal(t, "reason", incomplete.Problem.Errors[0].Field)
		e.requireNothingSubmitted(t, e.an, d)
	})

	t.Run("ErrNoAgency", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.cuong, true)
		_, err := e.submitter.SubmitDraft(ctx, e.cuong, d, true, e.rules())
		requireFault(t, err, fault.ENOTFOUND, "agency.notfound")
		e.requireNothingSubmitted(t, e.cuong, d)
	})

	// Everything commits in one transaction: when the notification cannot be written, there is
	// no case, no event, no number taken, and the draft stays open for a retry.
	t.Run("AllOrNothing", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.draft(t, e.an, true)
		e.notes.setFail(true)
		_, err := e.submitter.SubmitDraft(ctx, e.an, d, true, e.rules())
		require.Error(t, err)
		e.requireNothingSubmitted(t, e.an, d)

		e.notes.setFail(false)
		c := e.submit(t, e.an, d)
		require.Equal(t, "CA-00070-261127-0001", c.Code)
		events, err := e.cases.Events(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, events, 1)
	})

	t.Run("SelfDeclared", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.reg.setDown(registry.Population, true)
		d := e.draft(t, e.an, true)
		require.Equal(t, []string{registry.Population}, d.Unavailable)
		c := e.submit(t, e.an, d)
		for _, field := range []string{"applicant_name", "birth_date", "residence"} {
			require.Equal(t, cases.Provenance{Source: "self_declared"}, c.Provenance[field], field)
		}
		require.Equal(t, cases.Provenance{Source: "citizen"}, c.Provenance["phone"])
		require.Equal(t, "CA-00070", c.AgencyCode, "routed by the residence the citizen typed")
	})

	t.Run("RoutedByResidence", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		c := e.submit(t, e.binh, e.draft(t, e.binh, true))
		require.Equal(t, "CA-00071-261127-0001", c.Code, "each agency numbers its own cases")
		require.Equal(t, "CA-00071", c.AgencyCode)
	})

	t.Run("RoutedByParcel", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		d := e.landDraft(t, e.an)
		c := e.submit(t, e.an, d)
		require.Equal(t, "VPDKDD-79-261127-0001", c.Code, "the land office of the parcel's province, not of the applicant's")
		require.Equal(t, cases.Provenance{Source: registry.Land, RecordRef: "LAND-79-26734-05-67", RetrievedAt: c.Provenance["area"].RetrievedAt}, c.Provenance["area"])
		require.False(t, c.Provenance["area"].RetrievedAt.IsZero())
		require.Equal(t, "citizen", c.Provenance["parcel"].Source)
		require.Equal(t, "citizen", c.Provenance["price"].Source)
		// 18 working days from Monday 30 November, over the holiday of 2 December.
		require.Equal(t, "2026-12-25", c.ExpectedDueOn.Format(time.DateOnly))
	})
}

// Case codes read <agency code>-<yyMMdd>-<NNNN>: the agency's sequence of the Vietnamese day.
func TestCaseCode(t *testing.T) {
	t.Parallel()
	e := setup(t)
	submitAt := func(a drafts.Applicant, when string) string {
		t.Helper()
		d := e.draft(t, a, true)
		e.clock.Set(at(when))
		return e.submit(t, a, d).Code
	}

	require.Equal(t, "CA-00070-261127-0001", submitAt(e.an, "2026-11-27 09:00"))
	require.Equal(t, "CA-00070-261127-0002", submitAt(e.an, "2026-11-27 14:00"))
	require.Equal(t, "CA-00071-261127-0001", submitAt(e.binh, "2026-11-27 15:00"))
	// 23:59 in Hà Nội is still the 27th, though it is 16:59 UTC; one minute later is the 28th.
	require.Equal(t, "CA-00070-261127-0003", submitAt(e.an, "2026-11-27 23:59"))
	require.Equal(t, "CA-00070-261128-0001", submitAt(e.an, "2026-11-28 00:00"))
	require.Equal(t, "CA-00070-261128-0002", submitAt(e.an, "2026-11-28 06:59"), "the 28th in Vietnam, the 27th in UTC")
	require.Equal(t, "CA-00071-261128-0001", submitAt(e.binh, "2026-11-28 08:00"))
}

// Parallel submissions of different drafts to one unit on one day get distinct numbers: the
// day's counter of the unit is locked by each submission's upsert, and a number once given is
// never given again (a gap, should a submission roll back, is tolerated).
func TestCaseCodeParallel(t *testing.T) {
	t.Parallel()
	e := setup(t)
	const n = 12
	ds := make([]drafts.Draft, n)
	for i := range n {
		ds[i] = e.draft(t, e.an, true)
	}
	e.clock.Set(at("2026-11-27 10:00"))
	got := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c, err := e.submitter.SubmitDraft(context.Background(), e.an, ds[i], true, e.rules())
			got[i], errs[i] = c.Code, err
		})
	}
	wg.Wait()
	want := make([]string, n)
	for i := range n {
		require.NoError(t, errs[i])
		want[i] = fmt.Sprintf("CA-00070-261127-%04d", i+1)
	}
	slices.Sort(got)
	require.Equal(t, want, got, "every number of the day once, none twice")
}

// requireNotFound checks that a submission refused someone else's draft as not found.
func requireNotFound(t testing.TB, err error) {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, cases.ErrNotFound) || errors.Is(err, drafts.ErrNotFound), "%v", err)
}

// requireFault checks an error's code and, when given, its message key.
func requireFault(t testing.TB, err error, code, message string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, fault.Code(err), "%v", err)
	if message != "" {
		require.Equal(t, message, fault.Message(err), "%v", err)
	}
}
