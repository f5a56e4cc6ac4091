package catalogue_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

var lawDay = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)

func date(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

// A database seeded by an older release holds 20 days for the one-time social insurance
// payment; seeding this release gives it the legal 7.
func TestSeedAppliesChangedDeadline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	_, err := pool.Exec(ctx, `UPDATE procedures SET processing_days = 20 WHERE code = '1.014173'`)
	require.NoError(t, err)
	require.NoError(t, catalogue.Seed(ctx, pool, seededAt))
	p, err := svc.Get(ctx, "1.014173")
	require.NoError(t, err)
	require.Equal(t, 7, p.ProcessingDays)
}

// An administrator's deadline survives the seed while releases ship the value it replaced, and
// ends when a release ships another one.
func TestAdministratorsDeadlineSurvivesSeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	days := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT processing_days FROM procedures WHERE code = '1.014748'`).Scan(&n))
		return n
	}
	require.NoError(t, svc.SetProcessingDays(ctx, "1.014748", 10, "Nghị định số 999/2026/NĐ-CP", "quantri.hethong", lawDay))
	p, err := svc.Get(ctx, "1.014748")
	require.NoError(t, err)
	require.Equal(t, 10, p.ProcessingDays, "the cache is cleared")
	law, err := svc.Law(ctx, "1.014748")
	require.NoError(t, err)
	require.Equal(t, &catalogue.DeadlineOverride{ProcessingDays: 10, ReleasedDays: 15, Basis: "Nghị định số 999/2026/NĐ-CP",
		UpdatedBy: "quantri.hethong", UpdatedAt: law.Deadline.UpdatedAt}, law.Deadline)

	require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(time.Hour)))
	require.Equal(t, 10, days(), "the release still ships 15: the administrator's 10 stays")

	t.Run("ChangedAgain", func(t *testing.T) {
		require.NoError(t, svc.SetProcessingDays(ctx, "1.014748", 12, "Nghị định số 1000/2026/NĐ-CP", "quantri.hethong", lawDay))
		law, err := svc.Law(ctx, "1.014748")
		require.NoError(t, err)
		require.Equal(t, 15, law.Deadline.ReleasedDays, "still the release's value it replaced")
	})
	t.Run("ReleaseShipsAnotherValue", func(t *testing.T) {
		// As if the administrator had replaced 14 and this release ships 15.
		_, err := pool.Exec(ctx, `UPDATE procedure_deadline_overrides SET released_days = 14 WHERE procedure_code = '1.014748'`)
		require.NoError(t, err)
		require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(2*time.Hour)))
		require.Equal(t, 15, days())
		law, err := svc.Law(ctx, "1.014748")
		require.NoError(t, err)
		require.Nil(t, law.Deadline)
	})
	t.Run("BackToTheReleasedValue", func(t *testing.T) {
		require.NoError(t, svc.SetProcessingDays(ctx, "1.014748", 9, "Nghị định số 1001/2026/NĐ-CP", "quantri.hethong", lawDay))
		require.NoError(t, svc.SetProcessingDays(ctx, "1.014748", 15, "Nghị định số 1002/2026/NĐ-CP", "quantri.hethong", lawDay))
		law, err := svc.Law(ctx, "1.014748")
		require.NoError(t, err)
		require.Nil(t, law.Deadline, "no override left")
		require.Equal(t, 15, law.Procedure.ProcessingDays)
	})
	t.Run("Errors", func(t *testing.T) {
		require.Equal(t, "admin.law.error.days", fault.Message(svc.SetProcessingDays(ctx, "1.014748", 0, "x", "a", lawDay)))
		require.Equal(t, "admin.law.error.daysbasis", fault.Message(svc.SetProcessingDays(ctx, "1.014748", 5, " ", "a", lawDay)))
		require.Equal(t, fault.ENOTFOUND, fault.Code(svc.SetProcessingDays(ctx, "9.999999", 5, "x", "a", lawDay)))
	})
}

func TestAdministratorsLegalBases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	bases, err := svc.LegalBases(ctx, "1.014748")
	require.NoError(t, err)
	require.Len(t, bases, 2)
	decree := bases[1]
	require.Equal(t, "374/2025/NĐ-CP", decree.Number)
	require.True(t, decree.Seeded)
	require.Equal(t, date("2026-01-01"), decree.EffectiveFrom)
	require.True(t, decree.InForce(lawDay))

	// The administrator corrects a shipped document and adds one.
	decree.Part = forms.Text{VI: "Điều 3; Mẫu số 10", EN: "Article 3; Form 10"}
	_, err = svc.SaveLegalBasis(ctx, decree)
	require.NoError(t, err)
	added := catalogue.LegalBasis{ProcedureCode: "1.014748", Position: 5, Type: catalogue.DocCircular, Number: "01/2026/TT-BNV",
		Title:  forms.Text{VI: "hướng dẫn bảo hiểm thất nghiệp", EN: "guidance on unemployment insurance"},
		Issuer: forms.Text{VI: "Bộ Nội vụ", EN: "Ministry of Home Affairs"}, EffectiveFrom: date("2026-03-01")}
	id, err := svc.SaveLegalBasis(ctx, added)
	require.NoError(t, err)

	require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(time.Hour)))
	bases, err = svc.LegalBases(ctx, "1.014748")
	require.NoError(t, err)
	require.Len(t, bases, 3, "the administrator's document stays")
	require.Equal(t, "Điều 3; Mẫu số 10", bases[1].Part.VI, "the administrator's correction stays")
	require.False(t, bases[2].Seeded)

	t.Run("ReleaseChangesTheDocument", func(t *testing.T) {
		// As if the document had been shipped differently before: this release's record wins.
		_, err := pool.Exec(ctx, `UPDATE procedure_legal_bases SET seeded = '{"older": true}' WHERE number = '374/2025/NĐ-CP'`)
		require.NoError(t, err)
		require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(2*time.Hour)))
		bases, err := svc.LegalBases(ctx, "1.014748")
		require.NoError(t, err)
		require.Equal(t, "Mẫu số 10 – Đề nghị hưởng trợ cấp thất nghiệp", bases[1].Part.VI)
	})
	t.Run("ReleaseDropsADocument", func(t *testing.T) {
		_, err := pool.Exec(ctx, `INSERT INTO procedure_legal_bases (procedure_code, position, doc_type, number, title_vi,
			title_en, issuer_vi, issuer_en, seeded) VALUES ('1.014748', 9, 'decree', '28/2015/NĐ-CP', 'cũ', 'old',
			'Chính phủ', 'Government', '{}')`)
		require.NoError(t, err)
		require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(3*time.Hour)))
		bases, err := svc.LegalBases(ctx, "1.014748")
		require.NoError(t, err)
		require.Len(t, bases, 3, "a shipped document a release no longer lists is gone; the administrator's stays")
	})
	t.Run("Delete", func(t *testing.T) {
		require.Equal(t, "admin.law.error.seeded", fault.Message(svc.DeleteLegalBasis(ctx, "1.014748", decree.ID)),
			"a shipped document is ended, not deleted")
		require.Equal(t, fault.ENOTFOUND, fault.Code(svc.DeleteLegalBasis(ctx, "1.014173", id)), "another procedure's")
		require.NoError(t, svc.DeleteLegalBasis(ctx, "1.014748", id))
		bases, err := svc.LegalBases(ctx, "1.014748")
		require.NoError(t, err)
		require.Len(t, bases, 2)
	})
	t.Run("Errors", func(t *testing.T) {
		dup := added
		dup.Number = "74/2025/QH15"
		_, err := svc.SaveLegalBasis(ctx, dup)
		require.Equal(t, "admin.law.error.duplicate", fault.Message(err))
		bad := added
		bad.EffectiveUntil = date("2026-02-01")
		_, err = svc.SaveLegalBasis(ctx, bad)
		require.Equal(t, "admin.law.error.dates", fault.Message(err))
		bad = added
		bad.ID = 999999
		_, err = svc.SaveLegalBasis(ctx, bad)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
		bad = added
		bad.ProcedureCode = "9.999999"
		_, err = svc.SaveLegalBasis(ctx, bad)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
}

func TestAdministratorsFees(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	fees, err := svc.Fees(ctx, "1.001612", "01", catalogue.ChannelOnline, lawDay)
	require.NoError(t, err)
	require.Len(t, fees, 1)
	require.Equal(t, "Theo quy định của Hội đồng nhân dân tỉnh", fees[0].Amount().VI)

	// Hà Nội's People's Council sets its fee; online it charges nothing from 2026.
	amount, zero := int64(100000), int64(0)
	hanoi := catalogue.Fee{ProcedureCode: "1.001612", Item: fees[0].Item, ProvinceCode: "01", Channel: catalogue.ChannelInPerson,
		Kind: catalogue.FeeLePhi, Name: fees[0].Name, AmountVND: &amount, CouncilSet: true, Recipient: fees[0].Recipient,
		LegalBasis: forms.Text{VI: "Nghị quyết của Hội đồng nhân dân thành phố Hà Nội", EN: "Resolution of the Hà Nội People's Council"}}
	_, err = svc.SaveFee(ctx, hanoi)
	require.NoError(t, err)
	online := hanoi
	online.Channel, online.AmountVND, online.EffectiveFrom = catalogue.ChannelOnline, &zero, date("2026-01-01")
	onlineID, err := svc.SaveFee(ctx, online)
	require.NoError(t, err)

	require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(time.Hour)))
	sch, err := svc.FeeSchedule(ctx, "1.001612", "01", lawDay)
	require.NoError(t, err)
	require.Equal(t, "100.000 đồng (theo quy định của Hội đồng nhân dân tỉnh)", sch.InPerson[0].Amount().VI)
	require.Equal(t, "Không thu", sch.Online[0].Amount().VI, "no charge, which is no exemption")
	require.Equal(t, "Không thu phí, lệ phí khi nộp trực tuyến; 100.000 đồng khi nộp trực tiếp", catalogue.FeeSummary(sch).VI)

	before, err := svc.Fees(ctx, "1.001612", "01", catalogue.ChannelOnline, time.Date(2025, 12, 31, 3, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.True(t, before[0].CouncilSet && before[0].AmountVND == nil, "before 2026 the national row applies")
	elsewhere, err := svc.Fees(ctx, "1.001612", "79", catalogue.ChannelInPerson, lawDay)
	require.NoError(t, err)
	require.Equal(t, "", elsewhere[0].ProvinceCode)

	all, err := svc.FeeSchedules(ctx, "01", lawDay)
	require.NoError(t, err)
	require.Equal(t, sch, all["1.001612"])
	for _, code := range []string{"1.000894", "1.001193", "1.001612", "1.004222", "1.013831", "1.014173", "1.014748"} {
		require.True(t, all[code].Known(), code)
	}

	t.Run("EditOfAShippedFeeSurvivesSeed", func(t *testing.T) {
		law, err := svc.Law(ctx, "1.004222")
		require.NoError(t, err)
		f := law.Fees[0]
		require.True(t, f.Seeded)
		f.Note = "Đã đối chiếu Thông tư 75/2022/TT-BTC."
		_, err = svc.SaveFee(ctx, f)
		require.NoError(t, err)
		require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(2*time.Hour)))
		law, err = svc.Law(ctx, "1.004222")
		require.NoError(t, err)
		require.Equal(t, "Đã đối chiếu Thông tư 75/2022/TT-BTC.", law.Fees[0].Note)
		require.Equal(t, "admin.law.error.seeded", fault.Message(svc.DeleteFee(ctx, "1.004222", f.ID)))
	})
	t.Run("Errors", func(t *testing.T) {
		_, err := svc.SaveFee(ctx, online)
		require.Equal(t, "admin.law.error.duplicate", fault.Message(err), "the same item, province, channel and start")
		bad := online
		bad.ID, bad.Exempt = onlineID, true
		_, err = svc.SaveFee(ctx, bad)
		require.Equal(t, "admin.law.error.exempt", fault.Message(err), "an exemption names its basis")
		bad = online
		bad.ProvinceCode = "1"
		_, err = svc.SaveFee(ctx, bad)
		require.Equal(t, "admin.law.error.province", fault.Message(err))
	})
	t.Run("Delete", func(t *testing.T) {
		require.NoError(t, svc.DeleteFee(ctx, "1.001612", onlineID))
		require.Equal(t, fault.ENOTFOUND, fault.Code(svc.DeleteFee(ctx, "1.001612", onlineID)))
	})
}
