package drafts_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/registry"
)

func TestSaveStep(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.clock.Add(time.Hour)
		res := e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912 345 678"))
		require.False(t, res.Tampered)
		require.Empty(t, res.Errors)
		require.Equal(t, 1, res.Next)

		d := e.get(t, e.an, id)
		require.Equal(t, "0912 345 678", d.Answers.String("phone"))
		require.Equal(t, []int{0}, d.Completed)
		require.Equal(t, 1, d.Step)
		require.True(t, d.UpdatedAt.Equal(e.clock.Now()))
		require.True(t, d.ExpiresAt.Equal(e.clock.Now().Add(ttl)), "a save extends the draft's life")
		// The locked values are still the fetched ones, group items whole (not only the posted sub-fields).
		require.Equal(t, "Nguyễn Văn An", d.Answers.String("applicant_name"))
		require.Equal(t, "1990-07-01", d.Answers.Items("household")[1]["birth_date"])
		require.True(t, d.Prefill.Fields["applicant_name"].Locked)

		res = e.save(t, e.an, id, post(t, d, 1, drafts.ActionContinue, "reason", "Chuyển về nhà mới"))
		require.Empty(t, res.Errors)
		require.Equal(t, 2, res.Next, "all steps done: the check page is next")
		require.True(t, e.get(t, e.an, id).Done())
	})

	// Any locked (verified) value that comes back changed refuses the whole post: nothing of it
	// is saved, not even the fields the citizen may change.
	tampered := []struct {
		name      string
		field     string
		overrides []string
	}{
		{"Text", "applicant_name", []string{"applicant_name", "Nguyễn Văn Ân"}},
		{"Date", "birth_date", []string{"birth_date", "1998-03-15"}},
		{"AddressCommune", "residence", []string{"residence.commune", "00071"}},
		{"AddressLine", "residence", []string{"residence.line", "99 Phố Huế"}},
		{"GroupItem", "household", []string{"household.1.personal_id", "001190099999"}},
		{"GroupExtraItem", "household", []string{"household.2.full_name", "Người lạ", "household.2.personal_id", "079175001234"}},
	}
	for _, tc := range tampered {
		t.Run("ErrTampered/"+tc.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			id := e.start(t, e.an, residence)
			before := e.get(t, e.an, id)
			e.clock.Add(time.Hour)
			res := e.save(t, e.an, id, applicantPost(t, before, "0912345678", tc.overrides...))
			require.True(t, res.Tampered)
			require.Equal(t, 0, res.Next)
			require.Equal(t, []forms.FieldError{{Field: tc.field, Message: "validation.locked"}}, res.Errors)

			after := e.get(t, e.an, id)
			require.Equal(t, before.Answers, after.Answers, "nothing of a tampered post is saved")
			require.NotContains(t, after.Answers, "phone")
			require.Empty(t, after.Completed)
			require.Equal(t, before.Prefill, after.Prefill, "provenance is untouched")
			require.True(t, after.UpdatedAt.Equal(before.UpdatedAt), "not even the save time changes")
		})
	}

	t.Run("LockedEquivalentValues", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		d := e.get(t, e.an, id)
		// Extra spaces are cleaned from a post; a group posted with only its shown sub-fields matches.
		res := e.save(t, e.an, id, applicantPost(t, d, "0912345678", "applicant_name", "  Nguyễn Văn An "))
		require.False(t, res.Tampered, "%v", res.Errors)
		require.Empty(t, res.Errors)
	})

	t.Run("LockedNotPosted", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		// A form that posts only the phone: the locked values were shown read-only, and stand.
		in := drafts.StepInput{Step: 0, Answers: forms.Answers{"phone": "0912345678"}, Action: drafts.ActionContinue}
		res := e.save(t, e.an, id, in)
		require.False(t, res.Tampered)
		require.Empty(t, res.Errors)
		d := e.get(t, e.an, id)
		require.Equal(t, "Nguyễn Văn An", d.Answers.String("applicant_name"))
		require.Equal(t, []int{0}, d.Completed)
	})

	t.Run("SelfDeclaredIsEditable", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.reg.setDown(registry.Population, true)
		id := e.start(t, e.an, residence)
		res := e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678", "applicant_name", "Nguyễn Văn Ân"))
		require.False(t, res.Tampered, "nothing was fetched, so nothing is locked")
		require.Empty(t, res.Errors)
		require.Equal(t, "Nguyễn Văn Ân", e.get(t, e.an, id).Answers.String("applicant_name"))
	})

	// Validation errors lose nothing: everything typed is saved, and the step is not done.
	t.Run("InvalidIsSaved", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		res := e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912 345 678 ext. 12345"))
		require.False(t, res.Tampered)
		require.Equal(t, []forms.FieldError{{Field: "phone", Message: "validation.too_long", Args: []any{15}}}, res.Errors)
		require.Equal(t, 0, res.Next)
		d := e.get(t, e.an, id)
		require.Equal(t, "0912 345 678 ext. 12345", d.Answers.String("phone"), "what was typed is kept")
		require.Empty(t, d.Completed)
	})

	t.Run("InvalidUndoesDone", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678"))
		require.Equal(t, []int{0}, e.get(t, e.an, id).Completed)
		res := e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), ""))
		require.Equal(t, []forms.FieldError{{Field: "phone", Message: "validation.required"}}, res.Errors)
		d := e.get(t, e.an, id)
		require.Empty(t, d.Completed, "a step made invalid is no longer done")
		require.Equal(t, "", d.Answers.String("phone"))
	})

	t.Run("ActionSave", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		in := applicantPost(t, e.get(t, e.an, id), "0912345678")
		in.Action = drafts.ActionSave
		res := e.save(t, e.an, id, in)
		require.Equal(t, 0, res.Next, "save and come back later stays on the step")
		d := e.get(t, e.an, id)
		require.Equal(t, []int{0}, d.Completed)
		require.Equal(t, 0, d.Step)
	})

	t.Run("GroupAddRemove", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678"))
		d := e.get(t, e.an, id)
		// Each post carries the items the page showed, as a browser does.
		e.save(t, e.an, id, post(t, d, 1, "add:movers", "reason", "Chuyển nhà"))
		require.Len(t, e.get(t, e.an, id).Answers.Items("movers"), 1)
		e.save(t, e.an, id, post(t, d, 1, "add:movers", "reason", "Chuyển nhà", "movers.0.name", "Hoa"))
		require.Len(t, e.get(t, e.an, id).Answers.Items("movers"), 2)
		e.save(t, e.an, id, post(t, d, 1, "add:movers", "reason", "Chuyển nhà", "movers.0.name", "Hoa", "movers.1.name", ""))
		d = e.get(t, e.an, id)
		require.Len(t, d.Answers.Items("movers"), 2, "no more items than max_items")
		require.Equal(t, "Hoa", d.Answers.Items("movers")[0]["name"], "what was typed is kept across an add")
		require.Equal(t, "Chuyển nhà", d.Answers.String("reason"), "the rest of the post is saved with the action")
		require.Equal(t, []int{0}, d.Completed, "an add does not complete the step")

		res := e.save(t, e.an, id, post(t, d, 1, "remove:movers:0", "reason", "Chuyển nhà", "movers.0.name", "Hoa", "movers.1.name", "Bình"))
		require.Empty(t, res.Errors, "an add or remove does not validate")
		require.Equal(t, 1, res.Next)
		items := e.get(t, e.an, id).Answers.Items("movers")
		require.Len(t, items, 1)
		require.Equal(t, "Bình", items[0]["name"])
	})

	t.Run("LockedGroupCannotGrow", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		in := applicantPost(t, e.get(t, e.an, id), "0912345678")
		in.Action = "add:household"
		res := e.save(t, e.an, id, in)
		require.False(t, res.Tampered)
		require.Len(t, e.get(t, e.an, id).Answers.Items("household"), 2)
	})

	t.Run("EvidenceFile", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.reg.setDown(registry.Population, true)
		id := e.start(t, e.an, residence)
		e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678"))
		d := e.get(t, e.an, id)
		res := e.save(t, e.an, id, post(t, d, 1, drafts.ActionContinue, "reason", "Chuyển nhà"))
		require.Equal(t, []forms.FieldError{{Field: "proof", Message: "validation.file.required"}}, res.Errors,
			"a self-declared value needs its evidence")

		// A file of another type is that field's error; the answers of the post are still saved.
		in := post(t, d, 1, drafts.ActionContinue, "reason", "Chuyển nhà")
		in.Files["proof"] = drafts.Upload{Name: "virus.pdf", Content: strings.NewReader("MZ\x90\x00 not a PDF")}
		res = e.save(t, e.an, id, in)
		require.Equal(t, []forms.FieldError{{Field: "proof", Message: attachments.MsgType}}, res.FileErrors)
		require.Equal(t, "Chuyển nhà", e.get(t, e.an, id).Answers.String("reason"))
		require.Empty(t, e.get(t, e.an, id).Answers.String("proof"))

		in = post(t, d, 1, drafts.ActionContinue, "reason", "Chuyển nhà")
		in.Files["proof"] = drafts.Upload{Name: "giay-to.pdf", Content: strings.NewReader("%PDF-1.7 bằng chứng")}
		res = e.save(t, e.an, id, in)
		require.Empty(t, res.Errors)
		files, err := e.att.ForDraft(ctx, e.an.CitizenID, id)
		require.NoError(t, err)
		require.Equal(t, files["proof"].ID.String(), e.get(t, e.an, id).Answers.String("proof"),
			"the file and the answer that names it were saved together")
	})

	t.Run("ConcurrentSavesLoseNothing", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		e.reg.setDown(registry.Population, true)
		id := e.start(t, e.an, residence)
		e.save(t, e.an, id, applicantPost(t, e.get(t, e.an, id), "0912345678"))
		d := e.get(t, e.an, id)
		// Two tabs post step 1 and a save of step 0 at once, from the same stale page. Another
		// transaction holds the draft's row until both saves wait behind it, then lets go: each save
		// must read the draft under its row lock, or the second writes over the first's answers.
		holder, err := e.pool.Begin(ctx)
		require.NoError(t, err)
		defer func() { _ = holder.Rollback(ctx) }() // after the commit below: a no-op
		var holderPID int
		require.NoError(t, holder.QueryRow(ctx, `SELECT pg_backend_pid() FROM drafts WHERE id = $1 FOR UPDATE`, id).Scan(&holderPID))
		var wg sync.WaitGroup
		for _, in := range []drafts.StepInput{
			post(t, d, 1, drafts.ActionSave, "reason", "Chuyển nhà"),
			applicantPost(t, d, "0987654321"),
		} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := e.svc.SaveStep(ctx, e.an.CitizenID, id, in, e.rules())
				assert.NoError(t, err)
			}()
		}
		require.Eventually(t, func() bool {
			var waiting int
			// The first waits for the holder, the second for the first (the row's lock queue).
			err := e.pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0`, holderPID).Scan(&waiting)
			return err == nil && waiting == 2
		}, 30*time.Second, 5*time.Millisecond, "both saves wait for the draft's row")
		require.NoError(t, holder.Commit(ctx))
		wg.Wait()
		got := e.get(t, e.an, id)
		require.Equal(t, "Chuyển nhà", got.Answers.String("reason"))
		require.Equal(t, "0987654321", got.Answers.String("phone"))
		require.Contains(t, got.Completed, 0)
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		before := e.get(t, e.an, id)
		_, err := e.svc.SaveStep(ctx, e.binh.CitizenID, id, applicantPost(t, before, "0900000000"), e.rules())
		require.ErrorIs(t, err, drafts.ErrNotFound)
		after := e.get(t, e.an, id)
		require.Equal(t, before.Answers, after.Answers)
		require.True(t, after.UpdatedAt.Equal(before.UpdatedAt))
	})

	t.Run("ErrStepNotReachable", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		d := e.get(t, e.an, id)
		_, err := e.svc.SaveStep(ctx, e.an.CitizenID, id, post(t, d, 1, drafts.ActionContinue, "reason", "x"), e.rules())
		requireFault(t, err, fault.ENOTFOUND, "")
		for _, step := range []int{-1, 2} {
			_, err = e.svc.SaveStep(ctx, e.an.CitizenID, id, drafts.StepInput{Step: step, Answers: forms.Answers{}}, e.rules())
			requireFault(t, err, fault.ENOTFOUND, "")
		}
		require.NotContains(t, e.get(t, e.an, id).Answers, "reason")
	})

	t.Run("ErrSubmitted", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		d := e.get(t, e.an, id)
		e.markSubmitted(t, id)
		// A page left open in another tab posts after the submission.
		_, err := e.svc.SaveStep(ctx, e.an.CitizenID, id, applicantPost(t, d, "0912345678"), e.rules())
		require.ErrorIs(t, err, drafts.ErrSubmitted)
		requireFault(t, err, fault.ECONFLICT, "draft.error.submitted")
		require.NotContains(t, e.get(t, e.an, id).Answers, "phone")
	})

	t.Run("ErrExpired", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		d := e.get(t, e.an, id)
		e.clock.Add(ttl)
		_, err := e.svc.SaveStep(ctx, e.an.CitizenID, id, applicantPost(t, d, "0912345678"), e.rules())
		require.ErrorIs(t, err, drafts.ErrNotFound)
	})
}

// The parcel details of a land procedure are filled from the chosen parcel and locked, with
// the land database as their source; a post changing one is refused.
func TestSaveStepParcel(t *testing.T) {
	t.Parallel()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, landDeal)
		d := e.get(t, e.an, id)
		res := e.save(t, e.an, id, post(t, d, 0, drafts.ActionContinue, "parcel", "LAND-01-00070-12-34"))
		require.Empty(t, res.Errors)
		d = e.get(t, e.an, id)
		require.Equal(t, "82.5", d.Answers.String("area"))
		require.Equal(t, "CS 012345", d.Answers.String("certificate"))
		area := d.Prefill.Fields["area"]
		require.True(t, area.Locked)
		require.Equal(t, registry.Land, area.Database)
		require.Equal(t, "LAND-01-00070-12-34", area.RecordRef)

		// Choosing the other parcel replaces the details and their provenance.
		res = e.save(t, e.an, id, post(t, d, 0, drafts.ActionContinue, "parcel", "LAND-79-26734-05-67", "area", "82.5", "certificate", "CS 012345"))
		require.False(t, res.Tampered, "the details shown for the previous choice are accepted")
		d = e.get(t, e.an, id)
		require.Equal(t, "120", d.Answers.String("area"))
		require.Equal(t, "LAND-79-26734-05-67", d.Prefill.Fields["certificate"].RecordRef)
	})

	t.Run("ErrTampered", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, landDeal)
		e.save(t, e.an, id, post(t, e.get(t, e.an, id), 0, drafts.ActionContinue, "parcel", "LAND-01-00070-12-34"))
		d := e.get(t, e.an, id)
		res := e.save(t, e.an, id, post(t, d, 0, drafts.ActionContinue, "parcel", "LAND-01-00070-12-34", "area", "500", "certificate", "CS 012345"))
		require.True(t, res.Tampered)
		require.Equal(t, []forms.FieldError{{Field: "area", Message: "validation.locked"}}, res.Errors)
		require.Equal(t, "82.5", e.get(t, e.an, id).Answers.String("area"))
	})

	t.Run("ErrUnknownParcel", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, landDeal)
		res := e.save(t, e.an, id, post(t, e.get(t, e.an, id), 0, drafts.ActionContinue, "parcel", "LAND-48-00001-01-01"))
		require.Equal(t, []forms.FieldError{{Field: "parcel", Message: "validation.option"}}, res.Errors,
			"only the applicant's own parcels can be chosen")
		d := e.get(t, e.an, id)
		require.Empty(t, d.Prefill.Fields, "no details are locked from a parcel not theirs")
		require.Empty(t, d.Completed)
	})
}
