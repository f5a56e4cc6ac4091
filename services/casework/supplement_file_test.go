package casework_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
)

// TestAnswerSupplementWithFile: the citizen's answer and its document commit together; a refused
// document leaves the case waiting, with no answer and no file.
func TestAnswerSupplementWithFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	files := attachments.New(e.pool, attachments.PGBlobs{Pool: e.pool}, cases.New(e.pool, e.clock.Now, nil), 1024, e.clock.Now)
	svc := casework.New(e.pool, casework.Deps{
		Calendars: fixedCalendar{e.cal}, Procedures: processingDays{procedure: 7}, Files: files, Now: e.clock.Now,
	})
	stored := func(id int64) int {
		got, err := files.ForCase(ctx, e.owner.CitizenID, id)
		require.NoError(t, err)
		return len(got)
	}

	t.Run("ErrRefusedFileUndoesAnswer", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, matrixSpec(5))
		_, err := svc.Do(ctx, e.owner, id, 1, casework.AnswerSupplement, casework.Input{Reason: "Gửi kèm bản sao",
			File: &casework.File{Name: "virus.pdf", Content: strings.NewReader("MZ\x90 not a document")}})
		require.Equal(t, fault.EINVALID, fault.Code(err), "%v", err)
		require.Equal(t, attachments.MsgType, fault.Message(err))
		c := e.get(t, id)
		require.Equal(t, status.Supplement, c.Status, "still waiting for the supplement")
		require.Equal(t, 1, c.Version)
		require.Zero(t, stored(id))
	})

	t.Run("ErrFailedAnswerKeepsNoFile", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, matrixSpec(5))
		_, err := svc.Do(ctx, e.owner, id, 7, casework.AnswerSupplement, casework.Input{Reason: "Gửi kèm bản sao",
			File: &casework.File{Name: "so-bhxh.pdf", Content: strings.NewReader("%PDF-1.7 bản sao")}})
		require.ErrorIs(t, err, casework.ErrConflict, "a stale page")
		require.Zero(t, stored(id), "the document went with the failed answer")
	})

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, matrixSpec(5))
		c, err := svc.Do(ctx, e.owner, id, 1, casework.AnswerSupplement, casework.Input{Reason: "Gửi kèm bản sao",
			File: &casework.File{Name: "so-bhxh.pdf", Content: strings.NewReader("%PDF-1.7 bản sao")}})
		require.NoError(t, err)
		require.Equal(t, status.Processing, c.Status)
		got, err := files.ForCase(ctx, e.owner.CitizenID, id)
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, casework.SupplementField, got[0].Field)
	})

	t.Run("ErrCaseFilesFull", func(t *testing.T) {
		t.Parallel()
		capped := attachments.New(e.pool, attachments.PGBlobs{Pool: e.pool}, cases.New(e.pool, e.clock.Now, nil), 1024, e.clock.Now).
			WithLimits(attachments.Limits{CaseFiles: 1})
		svc := casework.New(e.pool, casework.Deps{
			Calendars: fixedCalendar{e.cal}, Procedures: processingDays{procedure: 7}, Files: capped, Now: e.clock.Now,
		})
		id := e.newCase(t, matrixSpec(5))
		_, err := capped.UploadToCase(ctx, e.owner.CitizenID, id, "birth_certificate", "giay-chung-sinh.pdf", strings.NewReader("%PDF-1.7 bản chính"))
		require.NoError(t, err, "the application's own file")
		_, err = svc.Do(ctx, e.owner, id, 1, casework.AnswerSupplement, casework.Input{Reason: "Gửi kèm bản sao",
			File: &casework.File{Name: "so-bhxh.pdf", Content: strings.NewReader("%PDF-1.7 bản sao")}})
		require.Equal(t, fault.EINVALID, fault.Code(err), "%v", err)
		require.Equal(t, attachments.MsgCaseFiles, fault.Message(err))
		require.Equal(t, 1, stored(id), "no file past the cap")
		c := e.get(t, id)
		require.Equal(t, status.Supplement, c.Status, "the answer went with its refused file")
		_, err = svc.Do(ctx, e.owner, id, 1, casework.AnswerSupplement, casework.Input{Reason: "Gửi lại không kèm tệp"})
		require.NoError(t, err, "an answer without a file still goes")
	})

	t.Run("ErrFileOnOtherStep", func(t *testing.T) {
		t.Parallel()
		id := e.newCase(t, matrixSpec(6))
		_, err := svc.Do(ctx, system, id, 1, casework.ConfirmPayment, casework.Input{
			File: &casework.File{Name: "a.pdf", Content: strings.NewReader("%PDF-1.7")}})
		require.Equal(t, fault.EINVALID, fault.Code(err))
		require.Zero(t, stored(id))
	})
}
