package cases_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
)

// services/attachments asks the owner of the case tables who a case is for.
var _ attachments.Cases = (*cases.Service)(nil)

// move moves a case to a new state as a casework step would: the row, then the timeline.
func (e *env) move(t testing.TB, id int64, change func(*cases.Case)) cases.Case {
	t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		c, err := e.cases.Lock(ctx, tx, id)
		if err != nil {
			return err
		}
		from, version := c.Status, c.Version
		change(&c)
		if err := e.cases.Save(ctx, tx, version, c); err != nil {
			return err
		}
		_, _, err = e.cases.AppendEvent(ctx, tx, cases.NewEvent{CaseID: id, At: e.clock.Now(), ActorKind: cases.KindStaff,
			ActorID: "staff:officer", ActorName: "Cán bộ", Role: "officer", Action: "step", FromStatus: from, ToStatus: c.Status})
		return err
	})
	require.NoError(t, err)
	c, err := e.cases.Get(ctx, e.pool, id)
	require.NoError(t, err)
	return c
}

// TestLookup checks the helpdesk's lookups and public tracking, lateness above all: both say
// what case_is_overdue says, which is what Case.Overdue says, on each side of the due date
// (a Vietnam date), paused for a supplement, and once flagged.
func TestLookup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	_, err := citizens.New(e.pool, e.clock.Now).SignedInBorn(ctx, "http://idp", anPID, anPID, "Nguyễn Văn An", "1988-03-15")
	require.NoError(t, err)

	older := e.submit(t, e.an, e.draft(t, e.an, true))
	e.clock.Add(time.Hour)
	k := e.submit(t, e.an, e.draft(t, e.an, true))
	theirs := e.submit(t, e.binh, e.draft(t, e.binh, true))
	due := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	e.clock.Add(time.Hour)
	k = e.move(t, k.ID, func(c *cases.Case) {
		now := e.clock.Now()
		c.Status, c.ReceivedAt, c.DueOn = status.Received, &now, &due
	})

	// agree checks every reader of lateness against Case.Overdue at the clock's time.
	agree := func(t *testing.T, want bool) {
		t.Helper()
		c, err := e.cases.Get(ctx, e.pool, k.ID)
		require.NoError(t, err)
		require.Equal(t, want, c.Overdue(e.clock.Now()), "Case.Overdue")
		l, err := e.cases.LookupByCode(ctx, k.Code)
		require.NoError(t, err)
		require.Equal(t, want, l.Overdue, "LookupByCode")
		byPerson, err := e.cases.LookupByPerson(ctx, anPID, time.Date(1988, 3, 15, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Len(t, byPerson, 2)
		require.Equal(t, want, byPerson[0].Overdue, "LookupByPerson")
		tr, err := e.cases.Track(ctx, k.Code)
		require.NoError(t, err)
		require.Equal(t, want, tr.Overdue, "Track")
	}

	t.Run("ByCode", func(t *testing.T) {
		l, err := e.cases.LookupByCode(ctx, k.Code)
		require.NoError(t, err)
		require.Equal(t, k.Code, l.Code)
		require.Equal(t, residence, l.ProcedureCode)
		require.Equal(t, "CA-00070", l.AgencyCode)
		require.Equal(t, status.Received, l.Status)
		require.True(t, l.SubmittedAt.Equal(k.SubmittedAt))
		require.Equal(t, &due, l.DueOn)
		require.True(t, l.ExpectedDueOn.Equal(k.ExpectedDueOn))
		require.Equal(t, "Nguyễn Văn An", l.ApplicantName)
		require.Equal(t, anPID, l.ApplicantPID)
		require.Len(t, l.Timeline, 2)
		require.Equal(t, status.New, l.Timeline[0].Status)
		require.True(t, l.Timeline[0].At.Equal(k.SubmittedAt))
		require.Equal(t, status.Received, l.Timeline[1].Status)
		require.True(t, l.Timeline[1].At.Equal(*k.ReceivedAt))
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := e.cases.LookupByCode(ctx, "CA-00070-261127-9999")
		require.ErrorIs(t, err, cases.ErrNotFound)
		_, err = e.cases.Track(ctx, "CA-00070-261127-9999")
		require.ErrorIs(t, err, cases.ErrNotFound)
		_, err = e.cases.CitizenOf(ctx, -1)
		require.ErrorIs(t, err, cases.ErrNotFound)
		_, err = e.cases.AgencyOf(ctx, -1)
		require.ErrorIs(t, err, cases.ErrNotFound)
	})
	t.Run("ByPerson", func(t *testing.T) {
		got, err := e.cases.LookupByPerson(ctx, anPID, time.Date(1988, 3, 15, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Len(t, got, 2)
		require.Equal(t, k.Code, got[0].Code, "newest first")
		require.Equal(t, older.Code, got[1].Code)
		require.Len(t, got[1].Timeline, 1)

		got, err = e.cases.LookupByPerson(ctx, anPID, time.Date(1988, 3, 16, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Empty(t, got, "the date of birth must match too")
		got, err = e.cases.LookupByPerson(ctx, binhPID, time.Date(1988, 3, 15, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Empty(t, got, "Bình's citizen record has no date of birth")
	})
	t.Run("Track", func(t *testing.T) {
		tr, err := e.cases.Track(ctx, k.Code)
		require.NoError(t, err)
		require.Equal(t, cases.Tracked{Status: status.Received, DueOn: &due, ExpectedDueOn: tr.ExpectedDueOn, ApplicantPID: anPID}, tr)
		require.True(t, tr.ExpectedDueOn.Equal(k.ExpectedDueOn))
	})
	t.Run("Attachments", func(t *testing.T) {
		pdf := "%PDF-1.7 supplement"
		a, err := e.files.UploadToCase(ctx, e.an.CitizenID, k.ID, "supplement", "bo-sung.pdf", strings.NewReader(pdf))
		require.NoError(t, err)
		_, err = e.files.UploadToCase(ctx, e.binh.CitizenID, k.ID, "supplement", "x.pdf", strings.NewReader(pdf))
		require.Equal(t, fault.ENOTFOUND, fault.Code(err), "not into someone else's case")
		_, err = e.files.UploadToCase(ctx, e.an.CitizenID, -1, "supplement", "x.pdf", strings.NewReader(pdf))
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))

		got, content, err := e.files.OpenForAgency(ctx, "CA-00070", a.ID)
		require.NoError(t, err)
		require.Equal(t, a.ID, got.ID)
		require.Equal(t, pdf, string(content))
		_, _, err = e.files.OpenForAgency(ctx, "CA-00071", a.ID)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err), "another agency's staff")
		_, _, err = e.files.OpenForAgency(ctx, "CA-00071", uuid.New())
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))

		d := e.draft(t, e.binh, false)
		var draftFile attachments.Attachment
		require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			var err error
			draftFile, err = e.files.UploadTx(ctx, tx, e.binh.CitizenID, d.ID, "proof", "p.pdf", strings.NewReader(pdf))
			return err
		}))
		_, _, err = e.files.OpenForAgency(ctx, "CA-00071", draftFile.ID)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err), "a draft's file is no agency's")
	})
	t.Run("Parties", func(t *testing.T) {
		citizen, err := e.cases.CitizenOf(ctx, theirs.ID)
		require.NoError(t, err)
		require.Equal(t, e.binh.CitizenID, citizen)
		agency, err := e.cases.AgencyOf(ctx, theirs.ID)
		require.NoError(t, err)
		require.Equal(t, "CA-00071", agency)
	})

	// Lateness moves with the clock: the subtests above ran before it does.
	t.Run("Overdue", func(t *testing.T) {
		e.clock.Set(at("2026-12-08 23:59"))
		agree(t, false)
		e.clock.Set(at("2026-12-09 00:00"))
		agree(t, true)
		k = e.move(t, k.ID, func(c *cases.Case) {
			now := e.clock.Now()
			c.Status, c.PausedAt = status.Supplement, &now
		})
		agree(t, false) // the clock is paused
		k = e.move(t, k.ID, func(c *cases.Case) { c.OverdueFlag = true })
		agree(t, true) // found late before, kept
	})
}
