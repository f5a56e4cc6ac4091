package cases_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
)

// appendAt appends a step to a case's timeline at at.
func appendAt(t *testing.T, pool *pgxpool.Pool, s *cases.Service, caseID int64, at time.Time, note string) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, _, err := s.AppendEvent(ctx, tx, cases.NewEvent{CaseID: caseID, At: at, ActorKind: cases.KindStaff, ActorID: "canbo1",
			ActorName: "Cán bộ Một", Role: "officer", Action: "note", FromStatus: status.Processing, ToStatus: status.Processing, Note: note})
		return err
	}))
}

// chainOK checks a case's attached chain from its anchor, as casework.VerifyEvents does.
func chainOK(t *testing.T, pool *pgxpool.Pool, s *cases.Service, caseID int64) (first int) {
	t.Helper()
	ctx := context.Background()
	start, prev, err := s.EventAnchor(ctx, pool, caseID)
	require.NoError(t, err)
	evs, err := s.Events(ctx, caseID)
	require.NoError(t, err)
	require.NotEmpty(t, evs)
	for i, e := range evs {
		require.Equal(t, start+i+1, e.Seq, "case %d", caseID)
		require.Equal(t, prev, e.PrevHash, "case %d seq %d", caseID, e.Seq)
		require.Equal(t, cases.EventHash(prev, caseID, e), e.Hash, "case %d seq %d", caseID, e.Seq)
		prev = e.Hash
	}
	return evs[0].Seq
}

// TestEventArchive: a month of the timeline exports as an archive whose chains check out
// offline and whose changed copy does not; the month detaches only once exported, and each
// case's chain goes on from its anchor afterwards.
func TestEventArchive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, _, ids := bookSetup(t)
	dec3 := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	s := cases.New(pool, func() time.Time { return dec3 }, nil)
	_, err := s.EnsurePartitions(ctx, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), 1)
	require.NoError(t, err)
	a, b := ids["dueToday"], ids["late"]
	nov := func(day int) time.Time { return time.Date(2026, 11, day, 3, 0, 0, 0, time.UTC) }
	appendAt(t, pool, s, a, nov(10), "một")
	appendAt(t, pool, s, a, nov(11), "hai")
	appendAt(t, pool, s, b, nov(15), "ba")
	appendAt(t, pool, s, a, nov(30).Add(20*time.Hour), "bốn") // 1 December, 06:00 in Vietnam: a November event (UTC)
	appendAt(t, pool, s, a, time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC), "năm")

	var archive bytes.Buffer
	res, err := s.ExportEvents(ctx, "2026-11", &archive)
	require.NoError(t, err)
	require.EqualValues(t, 4, res.Rows)
	rep, err := cases.VerifyEventArchive(bytes.NewReader(archive.Bytes()))
	require.NoError(t, err)
	require.Equal(t, cases.EventArchiveReport{Month: "2026-11", Rows: 4, Cases: 2}, rep)

	t.Run("ErrTampered", func(t *testing.T) {
		changed := bytes.Replace(archive.Bytes(), []byte(`"note":"ba"`), []byte(`"note":"bà"`), 1)
		require.NotEqual(t, archive.Bytes(), changed)
		_, err := cases.VerifyEventArchive(bytes.NewReader(changed))
		require.ErrorContains(t, err, "does not match its hash")
	})
	t.Run("ErrReordered", func(t *testing.T) {
		lines := bytes.SplitAfter(archive.Bytes(), []byte("\n"))
		lines[2], lines[3] = lines[3], lines[2] // case a's first two events
		_, err := cases.VerifyEventArchive(bytes.NewReader(bytes.Join(lines, nil)))
		require.ErrorContains(t, err, "does not follow")
	})

	_, err = s.DetachEvents(ctx, "2026-12")
	require.ErrorIs(t, err, cases.ErrNotDetachable, "December has not ended")
	_, err = s.DetachEvents(ctx, "2026-11")
	require.ErrorIs(t, err, cases.ErrNotDetachable, "never exported")
	require.NoError(t, s.RecordEventExport(ctx, "2026-11", res, "SHA256:test"))
	appendAt(t, pool, s, b, nov(29), "sáu") // after the export
	_, err = s.DetachEvents(ctx, "2026-11")
	require.ErrorContains(t, err, "export it again")

	archive.Reset()
	res, err = s.ExportEvents(ctx, "2026-11", &archive)
	require.NoError(t, err)
	require.NoError(t, s.RecordEventExport(ctx, "2026-11", res, "SHA256:test"))
	part, err := s.DetachEvents(ctx, "2026-11")
	require.NoError(t, err)
	require.Equal(t, "case_events_2026_11", part)
	require.ErrorContains(t, s.RecordEventExport(ctx, "2026-11", res, "SHA256:test"), "detached already")

	require.Equal(t, 4, chainOK(t, pool, s, a), "case a goes on from its December event, linked to its anchor")
	appendAt(t, pool, s, b, dec3, "bảy") // none of b's events is attached: the trigger links to its anchor
	require.Equal(t, 3, chainOK(t, pool, s, b))
}
