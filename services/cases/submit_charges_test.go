package cases_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/payment"
)

// scheduleFees is a residence registration's fee schedule as the catalogue gives it, recording
// what it was asked.
type scheduleFees struct {
	mu    sync.Mutex
	asked []string
}

func (f *scheduleFees) Fees(_ context.Context, code, province, channel string, on time.Time) ([]catalogue.Fee, error) {
	f.mu.Lock()
	f.asked = append(f.asked, code+"|"+province+"|"+channel+"|"+on.UTC().Format(time.RFC3339))
	f.mu.Unlock()
	amount, zero := int64(10000), int64(0)
	return []catalogue.Fee{
		{Item: "residence_registration", Kind: catalogue.FeeLePhi, Channel: channel, AmountVND: &amount,
			Name:       forms.Text{VI: "Lệ phí đăng ký cư trú (đăng ký thường trú)", EN: "Residence registration fee"},
			Recipient:  forms.Text{VI: "Công an cấp xã nơi đăng ký thường trú", EN: "Commune police"},
			LegalBasis: forms.Text{VI: "Thông tư số 75/2022/TT-BTC", EN: "Circular 75/2022/TT-BTC"}},
		{Item: "personal_income_tax", Kind: catalogue.FeeThue, Channel: channel, Name: forms.Text{VI: "Thuế", EN: "Tax"}},
		{Item: "copy", Kind: catalogue.FeePhi, Channel: channel, AmountVND: &zero, Name: forms.Text{VI: "Phí bản sao", EN: "Copy"}},
		{Item: "exempt", Kind: catalogue.FeeLePhi, Channel: channel, AmountVND: &zero, Exempt: true, Name: forms.Text{VI: "Miễn", EN: "Exempt"}},
	}, nil
}

// failingCharges refuses to record anything.
type failingCharges struct{}

func (failingCharges) DueWithApplicationTx(context.Context, pgx.Tx, string, string, time.Time) ([]catalogue.Fee, error) {
	amount := int64(10000)
	return []catalogue.Fee{{Item: "fee", Kind: catalogue.FeeLePhi, AmountVND: &amount}}, nil
}

func (failingCharges) RecordTx(context.Context, pgx.Tx, int64, []catalogue.Fee) error {
	return errors.New("payments down")
}

// TestSubmitCharges: a residence registration submitted online owes its 10.000 đồng fee from
// the moment it is submitted, once however often it is submitted; taxes, charges of nothing
// and exemptions are not due with it; a charge that cannot be recorded undoes the submission.
func TestSubmitCharges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		fees := &scheduleFees{}
		pay := payment.New(e.pool, payment.Deps{Cases: e.cases, Fees: fees}, payment.Config{Now: e.clock.Now})
		sub := cases.NewSubmitter(e.cases, catalogue.New(e.pool), testCalendar{}, e.notes).WithCharges(pay)
		d := e.draft(t, e.an, true)
		c, err := sub.SubmitDraft(ctx, e.an, d, true, e.rules())
		require.NoError(t, err)
		again, err := sub.SubmitDraft(ctx, e.an, d, true, e.rules())
		require.NoError(t, err)
		require.Equal(t, c, again)
		// The same draft read again after it was submitted: still the one case.
		again, err = sub.SubmitDraft(ctx, e.an, e.get(t, e.an, d.ID), true, e.rules())
		require.NoError(t, err)
		require.Equal(t, c.ID, again.ID)

		// The schedule is read in the transaction, once the draft is locked and found a draft still:
		// the second attempt with the stale draft (not yet known as submitted) reads nothing.
		require.Equal(t, []string{residence + "|01|online|" + c.SubmittedAt.UTC().Format(time.RFC3339)}, fees.asked,
			"the schedule of the case's province, online, on the day it was submitted, read once")
		items, err := pay.Items(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, items, 1, "the fee only: not the tax, not a charge of nothing, not an exemption")
		it := items[0]
		require.Equal(t, 1, it.Seq)
		require.EqualValues(t, 10000, it.AmountVND)
		require.Equal(t, catalogue.FeeLePhi, it.Kind)
		require.Equal(t, payment.SourceSchedule, it.Source)
		require.Equal(t, payment.ItemDue, it.State)
		require.Equal(t, "Lệ phí đăng ký cư trú (đăng ký thường trú)", it.Name.VI)
		require.Equal(t, "Công an cấp xã nơi đăng ký thường trú", it.Recipient.VI)
		require.Equal(t, c.Code, it.CaseCode)

		// Asked again inside another transaction (a retried submission): nothing more.
		due, err := pay.DueWithApplication(ctx, residence, "01", c.SubmittedAt)
		require.NoError(t, err)
		require.Len(t, due, 1)
		require.NoError(t, pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error { return pay.RecordTx(ctx, tx, c.ID, due) }))
		items, err = pay.Items(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, items, 1)
	})

	t.Run("ErrChargesUndoSubmission", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		sub := cases.NewSubmitter(e.cases, catalogue.New(e.pool), testCalendar{}, e.notes).WithCharges(failingCharges{})
		d := e.draft(t, e.an, true)
		_, err := sub.SubmitDraft(ctx, e.an, d, true, e.rules())
		require.Error(t, err)
		require.Empty(t, e.codes(t, e.an), "no case without its charges")
		require.Nil(t, e.get(t, e.an, d.ID).SubmittedAt, "the draft is still a draft")
		require.Empty(t, e.told(t), "nobody was told")
		require.Len(t, e.notes.all(), 1, "the notice was queued in the transaction the charges undid")

		c, err := e.submitter.SubmitDraft(ctx, e.an, d, true, e.rules()) // without charges
		require.NoError(t, err)
		require.Equal(t, "CA-00070-261127-0001", c.Code, "the undone submission took no number")
	})
}
