package notify_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/notify"
)

const jobsFor = `SELECT count(*) FROM river_job WHERE kind = 'send_email' AND (args->>'outbox_id')::bigint = $1`

func TestCaseChanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	an := b.citizen(t, "an", "Nguyễn Văn An", "an@example.vn")
	caseID := b.newCase(t, an, "UBND-00004-261127-0001")
	due := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)

	t.Run("OK", func(t *testing.T) {
		c := b.change(t, an, caseID, "UBND-00004-261127-0001", 2)
		c.DueOn = &due
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })

		list, err := b.svc.ForCitizen(ctx, an, 0)
		require.NoError(t, err)
		require.Len(t, list, 1)
		n := list[0]
		require.Equal(t, "case_received", n.Kind)
		require.Equal(t, "/cases/UBND-00004-261127-0001", n.Link)
		require.Equal(t, caseID, *n.CaseID)
		require.Contains(t, n.BodyVI, "02/12/2026")
		require.Contains(t, n.BodyEN, "2 December 2026")
		require.True(t, n.CreatedAt.Equal(now))
		require.False(t, n.Read())

		var id int64
		var to, subject, body string
		err = b.pool.QueryRow(ctx, `SELECT id, to_address, subject, body_text FROM email_outbox WHERE dedupe_key = $1`,
			"case:"+itoa(caseID)+":event:"+itoa(c.EventID)).Scan(&id, &to, &subject, &body)
		require.NoError(t, err, "an outbox row keyed by case and event")
		require.Equal(t, "an@example.vn", to)
		require.Contains(t, subject, n.TitleVI)
		require.Contains(t, subject, n.TitleEN)
		vi, en := strings.Index(body, n.TitleVI), strings.Index(body, n.TitleEN)
		require.True(t, vi >= 0 && en > vi, "Vietnamese first, English second:\n%s", body)
		require.Contains(t, body, "Kính gửi Nguyễn Văn An")
		require.Contains(t, body, "https://motlan.example/cases/UBND-00004-261127-0001")
		require.Equal(t, 1, b.count(t, jobsFor, id), "a send_email job for the row")

		t.Run("SameEventAgainAddsNothing", func(t *testing.T) {
			b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
			require.Equal(t, 1, b.count(t, `SELECT count(*) FROM notifications WHERE citizen_id = $1`, an))
			require.Equal(t, 1, b.count(t, `SELECT count(*) FROM email_outbox WHERE to_address = 'an@example.vn'`))
			require.Equal(t, 1, b.count(t, jobsFor, id))
		})
	})

	t.Run("RolledBackLeavesNothing", func(t *testing.T) {
		binh := b.citizen(t, "binh", "Trần Thị Bình", "binh@example.vn")
		bc := b.newCase(t, binh, "UBND-00004-261127-0002")
		c := b.change(t, binh, bc, "UBND-00004-261127-0002", 3)
		jobs := b.count(t, `SELECT count(*) FROM river_job`)
		b.inTx(t, false, func(tx pgx.Tx) error {
			require.NoError(t, b.svc.CaseChanged(ctx, tx, c))
			var n int
			require.NoError(t, tx.QueryRow(ctx, `SELECT count(*) FROM river_job`).Scan(&n))
			require.Equal(t, jobs+1, n, "the job is inserted in the caller's transaction")
			return nil
		})
		require.Zero(t, b.count(t, `SELECT count(*) FROM notifications WHERE citizen_id = $1`, binh))
		require.Zero(t, b.count(t, `SELECT count(*) FROM email_outbox WHERE to_address = 'binh@example.vn'`))
		require.Equal(t, jobs, b.count(t, `SELECT count(*) FROM river_job`))
	})

	t.Run("NoEmailInAppOnly", func(t *testing.T) {
		jobs := b.count(t, `SELECT count(*) FROM river_job`)
		outbox := b.count(t, `SELECT count(*) FROM email_outbox`)
		cuong := b.citizen(t, "cuong", "Lê Văn Cường", "")
		cc := b.newCase(t, cuong, "UBND-00004-261127-0003")
		c := b.change(t, cuong, cc, "UBND-00004-261127-0003", 5)
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
		n, err := b.svc.Unread(ctx, cuong)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Equal(t, outbox, b.count(t, `SELECT count(*) FROM email_outbox`))
		require.Equal(t, jobs, b.count(t, `SELECT count(*) FROM river_job`))
	})

	t.Run("ErrNoInserter", func(t *testing.T) {
		require.Panics(t, func() { notify.New(b.pool, nil, "https://motlan.example", nil) },
			"a service that could never send an email fails at start-up, not at the first email")
	})

	t.Run("ErrBadStatus", func(t *testing.T) {
		for _, status := range []int{0, 11} {
			c := b.change(t, an, caseID, "UBND-00004-261127-0001", 4)
			c.ToStatus = status
			tx, err := b.pool.Begin(ctx)
			require.NoError(t, err)
			require.Equal(t, fault.EINVALID, fault.Code(b.svc.CaseChanged(ctx, tx, c)))
			require.NoError(t, tx.Rollback(ctx))
		}
	})
}

// TestTexts checks every status 1–10 has its own notification in both languages, with the reason
// and the due date where the status calls for them.
func TestTexts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	an := b.citizen(t, "an", "Nguyễn Văn An", "")
	const code = "UBND-00004-261127-0009"
	caseID := b.newCase(t, an, code)
	due := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for status := 1; status <= 10; status++ {
		c := b.change(t, an, caseID, code, status)
		c.Reason = "Thiếu giấy chứng sinh"
		c.DueOn = &due
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
	}
	list, err := b.svc.ForCitizen(ctx, an, 50)
	require.NoError(t, err)
	require.Len(t, list, 10)
	kinds := map[string]bool{}
	for i, n := range list {
		status := 10 - i // newest first: same created_at, higher id first
		for _, s := range []string{n.TitleVI, n.TitleEN, n.BodyVI, n.BodyEN} {
			require.NotEmpty(t, s, "status %d", status)
			require.NotContains(t, s, "{", "status %d: placeholder left: %s", status, s)
		}
		require.NotEqual(t, n.TitleVI, n.TitleEN, "status %d", status)
		require.NotEqual(t, n.BodyVI, n.BodyEN, "status %d", status)
		// Without the (Vietnamese) reason and name, English has no diacritics and Vietnamese has.
		strip := strings.NewReplacer("Thiếu giấy chứng sinh", "", "Đăng ký khai sinh", "", "“", "", "”", "")
		require.True(t, isASCII(strip.Replace(n.TitleEN+n.BodyEN)), "status %d: English text: %s %s", status, n.TitleEN, n.BodyEN)
		require.False(t, isASCII(strip.Replace(n.TitleVI)), "status %d: Vietnamese title: %s", status, n.TitleVI)
		require.False(t, isASCII(strip.Replace(n.BodyVI)), "status %d: Vietnamese body: %s", status, n.BodyVI)
		require.Contains(t, n.TitleVI, code)
		require.Contains(t, n.TitleEN, code)
		require.Contains(t, n.BodyVI, "Đăng ký khai sinh")
		require.Contains(t, n.BodyEN, "Birth registration")
		require.False(t, kinds[n.Kind], "status %d: kind %s used twice", status, n.Kind)
		kinds[n.Kind] = true
		switch status {
		case 3, 5, 8: // refused, supplement, stopped: the citizen must see why
			require.Contains(t, n.BodyVI, "Thiếu giấy chứng sinh", "status %d", status)
			require.Contains(t, n.BodyEN, "Thiếu giấy chứng sinh", "status %d", status)
		case 2: // received: the due date runs from here
			require.Contains(t, n.BodyVI, "02/12/2026")
			require.Contains(t, n.BodyEN, "2 December 2026")
		}
	}
	require.Equal(t, "case_delivered", list[0].Kind)
	require.Equal(t, "case_submitted", list[9].Kind)

	t.Run("Apology", func(t *testing.T) {
		c := b.change(t, an, caseID, code, 4)
		c.FromStatus = 4 // same status: the agency apologises with a new due date
		late := time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)
		c.DueOn = &late
		c.Reason = "Hồ sơ cần xác minh thêm."
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
		list, err := b.svc.ForCitizen(ctx, an, 1)
		require.NoError(t, err)
		n := list[0]
		require.Equal(t, "case_apology", n.Kind)
		require.Contains(t, n.BodyVI, "09/12/2026")
		require.Contains(t, n.BodyEN, "9 December 2026")
		require.Contains(t, n.BodyVI, "Hồ sơ cần xác minh thêm.")
		require.NotEqual(t, n.TitleVI, n.TitleEN)
	})
	t.Run("DraftSent", func(t *testing.T) {
		c := b.change(t, an, caseID, code, 4)
		c.FromStatus = 4 // same status: a draft of the result to confirm, not an apology
		by := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
		c.DraftDueAt = &by
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
		list, err := b.svc.ForCitizen(ctx, an, 1)
		require.NoError(t, err)
		n := list[0]
		require.Equal(t, "case_draft_sent", n.Kind)
		require.Contains(t, n.TitleVI, "dự thảo")
		require.Contains(t, n.BodyVI, "09:00 30/11/2026", "the time to answer by, in Vietnam")
		require.Contains(t, n.BodyEN, "09:00, 30 November 2026")
		require.NotContains(t, n.BodyVI, "xin lỗi")
	})
}

func TestMarkRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	an := b.citizen(t, "an", "Nguyễn Văn An", "")
	binh := b.citizen(t, "binh", "Trần Thị Bình", "")
	caseID := b.newCase(t, an, "UBND-00004-261127-0001")
	for _, status := range []int{2, 4} {
		c := b.change(t, an, caseID, "UBND-00004-261127-0001", status)
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
	}
	list, err := b.svc.ForCitizen(ctx, an, 10)
	require.NoError(t, err)
	require.Len(t, list, 2)
	id := list[0].ID

	t.Run("ErrNotOwner", func(t *testing.T) {
		require.Equal(t, fault.ENOTFOUND, fault.Code(b.svc.MarkRead(ctx, binh, id)))
		n, err := b.svc.Unread(ctx, an)
		require.NoError(t, err)
		require.Equal(t, 2, n, "someone else cannot mark it read")
	})
	t.Run("ErrMissing", func(t *testing.T) {
		require.Equal(t, fault.ENOTFOUND, fault.Code(b.svc.MarkRead(ctx, an, id+1000)))
	})
	t.Run("OK", func(t *testing.T) {
		require.NoError(t, b.svc.MarkRead(ctx, an, id))
		require.NoError(t, b.svc.MarkRead(ctx, an, id), "again is fine")
		n, err := b.svc.Unread(ctx, an)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		list, err := b.svc.ForCitizen(ctx, an, 10)
		require.NoError(t, err)
		require.True(t, list[0].Read())
		require.False(t, list[1].Read())
	})
	t.Run("OthersListIsEmpty", func(t *testing.T) {
		list, err := b.svc.ForCitizen(ctx, binh, 10)
		require.NoError(t, err)
		require.Empty(t, list)
	})
}

func TestRemindStaff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	to := []string{"officer@ubnd.example.vn", "Giám sát <Supervisor@ubnd.example.vn>"}
	remind := func(tx pgx.Tx) error {
		return b.svc.RemindStaff(ctx, tx, to, "Hồ sơ sắp đến hạn / Cases due soon", "3 hồ sơ đến hạn ngày 02/12/2026.", "due:UBND-00004:2026-12-01")
	}

	b.inTx(t, true, remind)
	require.Equal(t, 2, b.count(t, `SELECT count(*) FROM email_outbox WHERE dedupe_key LIKE 'due:UBND-00004:2026-12-01:%'`))
	require.Equal(t, 1, b.count(t, `SELECT count(*) FROM email_outbox WHERE to_address = 'Supervisor@ubnd.example.vn'`))
	require.Equal(t, 2, b.count(t, `SELECT count(*) FROM river_job WHERE kind = 'send_email'`))

	t.Run("AgainSendsNothingMore", func(t *testing.T) {
		b.inTx(t, true, remind)
		require.Equal(t, 2, b.count(t, `SELECT count(*) FROM email_outbox`))
		require.Equal(t, 2, b.count(t, `SELECT count(*) FROM river_job WHERE kind = 'send_email'`))
	})
	t.Run("ErrBadAddress", func(t *testing.T) {
		tx, err := b.pool.Begin(ctx)
		require.NoError(t, err)
		defer tx.Rollback(ctx)
		err = b.svc.RemindStaff(ctx, tx, []string{"not an address"}, "s", "b", "k")
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
