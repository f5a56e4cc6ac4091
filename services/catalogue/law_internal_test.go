package catalogue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// converted are the procedure files whose law is data (legal_bases, fees); the others still
// carry the older free-text legal_basis and fee_vnd.
var converted = []string{"1.000894", "1.001193", "1.001612", "1.004222", "1.013831", "1.014173", "1.014748", "3.000722"}

func vnd(n int64) *int64 { return &n }

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d.Add(5 * time.Hour) // a working hour in Vietnam
}

func TestLoadLaw(t *testing.T) {
	t.Parallel()
	laws, err := loadLaw()
	require.NoError(t, err)
	for _, code := range converted {
		law := laws[code]
		require.True(t, law.Converted, code)
		require.True(t, law.HasFeeData, code)
		require.NotEmpty(t, law.Bases, code)
		for i, b := range law.Bases {
			require.Equal(t, i, b.Position, code)
			require.True(t, b.Seeded)
		}
	}
}

// A 0 amount is "no charge"; only an exemption by law, with its basis, is "Miễn phí".
func TestZeroFeeIsFreeOnlyWhenExempt(t *testing.T) {
	t.Parallel()
	none := Fee{Item: "fee", Kind: FeeLePhi, Name: forms.Text{VI: "Phí, lệ phí", EN: "Fees"}, AmountVND: vnd(0)}
	require.Equal(t, "Không thu", none.Amount().VI)
	require.NotContains(t, FeeSummary(FeeSchedule{Online: []Fee{none}}).VI, "Miễn phí")
	require.Equal(t, "Không thu phí, lệ phí", FeeSummary(FeeSchedule{Online: []Fee{none}}).VI)

	exempt := Fee{Item: "birth", Kind: FeeLePhi, Name: forms.Text{VI: "Lệ phí", EN: "Fee"}, Exempt: true,
		ExemptionBasis: forms.Text{VI: "Luật Hộ tịch, Điều 11", EN: "Law on Civil Status, art. 11"}, Channel: ChannelOnline}
	require.NoError(t, exempt.check())
	require.Equal(t, "Miễn phí", exempt.Amount().VI)
	require.Equal(t, "Miễn phí", FeeSummary(FeeSchedule{Online: []Fee{exempt}}).VI)

	t.Run("ErrExemptWithoutBasis", func(t *testing.T) {
		bad := exempt
		bad.ExemptionBasis = forms.Text{}
		require.Equal(t, "admin.law.error.exempt", fault.Message(bad.check()))
		bad = exempt
		bad.AmountVND = vnd(10000)
		require.Equal(t, fault.EINVALID, fault.Code(bad.check()))
	})
	t.Run("UnknownIsNotFree", func(t *testing.T) {
		require.Equal(t, "Chưa có thông tin về phí, lệ phí", FeeSummary(FeeSchedule{}).VI)
		unknown := Fee{Item: "x", Kind: FeeLePhi, Name: forms.Text{VI: "Lệ phí", EN: "Fee"}}
		require.Equal(t, "Chưa có thông tin", unknown.Amount().VI)
	})
	t.Run("SeededData", func(t *testing.T) {
		// Of the shipped fees, only the civil status ones the law exempts say "Miễn phí".
		laws, err := loadLaw()
		require.NoError(t, err)
		for code, law := range laws {
			for _, f := range law.Fees {
				free := f.Amount().VI == "Miễn phí"
				require.Equal(t, f.Exempt, free, "%s %s", code, f.Item)
				if free {
					require.Contains(t, []string{"1.001193", "1.000894", "3.000722"}, code)
					require.Contains(t, f.ExemptionBasis.VI, "Luật Hộ tịch")
				}
			}
		}
	})
}

func TestProvincialFeeSaysSetByPeoplesCouncil(t *testing.T) {
	t.Parallel()
	national := Fee{Item: "business", ProvinceCode: "", Channel: ChannelOnline, Kind: FeeLePhi,
		Name: forms.Text{VI: "Lệ phí đăng ký hộ kinh doanh", EN: "Fee"}, CouncilSet: true}
	require.Equal(t, "Theo quy định của Hội đồng nhân dân tỉnh", national.Amount().VI)
	require.Equal(t, "Set by the provincial People's Council", national.Amount().EN)
	require.Equal(t, "Phí, lệ phí theo quy định của Hội đồng nhân dân tỉnh", FeeSummary(FeeSchedule{Online: []Fee{national}}).VI)

	hanoi := national
	hanoi.ProvinceCode, hanoi.AmountVND = "01", vnd(100000)
	rows := []Fee{national, hanoi}
	got := applicable(rows, "01", ChannelOnline)
	require.Len(t, got, 1, "the province's row replaces the national one")
	require.Equal(t, "100.000 đồng (theo quy định của Hội đồng nhân dân tỉnh)", got[0].Amount().VI)
	require.Equal(t, "VND 100,000 (set by the provincial People's Council)", got[0].Amount().EN)
	other := applicable(rows, "79", ChannelOnline)
	require.Equal(t, []Fee{national}, other, "another province keeps the national row")
	require.Empty(t, applicable(rows, "01", ChannelInPerson))

	laws, err := loadLaw()
	require.NoError(t, err)
	for _, code := range []string{"1.013831", "1.001612"} {
		var council int
		for _, f := range laws[code].Fees {
			if f.CouncilSet {
				council++
				require.Equal(t, "Theo quy định của Hội đồng nhân dân tỉnh", f.Amount().VI, code)
			}
		}
		require.Positive(t, council, code)
	}
}

func TestLandTransferListsTaxesSeparately(t *testing.T) {
	t.Parallel()
	laws, err := loadLaw()
	require.NoError(t, err)
	var online []Fee
	for _, f := range laws["1.013831"].Fees {
		if f.InForce(day("2026-11-27")) {
			online = append(online, f)
		}
	}
	s := FeeSchedule{Online: applicable(online, "", ChannelOnline), InPerson: applicable(online, "", ChannelInPerson)}
	var taxes, charges []string
	for _, f := range s.Online {
		if f.Tax() {
			taxes = append(taxes, f.Kind)
			require.Equal(t, "Theo thông báo của cơ quan thuế", f.Amount().VI, f.Item)
			require.NotEmpty(t, f.AmountNote.VI, f.Item)
		} else {
			charges = append(charges, f.Kind)
		}
	}
	require.ElementsMatch(t, []string{FeeThue, FeeLePhiTruocBa}, taxes, "personal income tax and the registration fee")
	require.ElementsMatch(t, []string{FeeLePhi, FeePhi}, charges)
	require.Equal(t, "Phí, lệ phí theo quy định của Hội đồng nhân dân tỉnh; thuế và lệ phí trước bạ tính riêng", FeeSummary(s).VI)
	line := FeeLine(s.Online).VI
	require.Contains(t, line, "Thuế thu nhập cá nhân từ chuyển nhượng, nhận thừa kế, quà tặng là bất động sản: theo thông báo của cơ quan thuế")
	require.Contains(t, line, "Lệ phí trước bạ nhà, đất: theo thông báo của cơ quan thuế")

	// The personal income tax row changed with the new law on 1 July 2026.
	var pit []string
	for _, f := range laws["1.013831"].Fees {
		if f.Item == "personal_income_tax" && f.Channel == ChannelOnline {
			if f.InForce(day("2026-06-30")) {
				pit = append(pit, "before:"+f.LegalBasis.VI)
			}
			if f.InForce(day("2026-07-01")) {
				pit = append(pit, "after:"+f.LegalBasis.VI)
			}
		}
	}
	require.Equal(t, []string{"before:Luật Thuế thu nhập cá nhân số 04/2007/QH12 (được sửa đổi, bổ sung)",
		"after:Luật Thuế thu nhập cá nhân số 109/2025/QH15"}, pit)
}

func TestResidenceFeeOnlineTenThousand(t *testing.T) {
	t.Parallel()
	laws, err := loadLaw()
	require.NoError(t, err)
	rows := laws["1.004222"].Fees
	online, inPerson := applicable(rows, "01", ChannelOnline), applicable(rows, "01", ChannelInPerson)
	require.Len(t, online, 1)
	require.Len(t, inPerson, 1)
	require.Equal(t, int64(10000), *online[0].AmountVND)
	require.Equal(t, int64(20000), *inPerson[0].AmountVND)
	require.Equal(t, "10.000 đồng", online[0].Amount().VI)
	require.Contains(t, online[0].LegalBasis.VI, "75/2022/TT-BTC")
	require.Equal(t, "10.000 đồng khi nộp trực tuyến; 20.000 đồng khi nộp trực tiếp",
		FeeSummary(FeeSchedule{Online: online, InPerson: inPerson}).VI)
	require.Equal(t, "10.000 đồng", FeeLine(online).VI)
}

func TestLegalBasesHaveEffectiveDates(t *testing.T) {
	t.Parallel()
	laws, err := loadLaw()
	require.NoError(t, err)
	// What the sources read for DOMAIN-CHECK did not date is flagged for an administrator to
	// verify, never left blank silently; everything else has its date of effect.
	unverified := map[string]bool{"04/2024/TT-BTP": true, "01/2022/TT-BTP": true, "18/2026/NĐ-CP": true, "75/2022/TT-BTC": true,
		"63/2024/NĐ-CP": true, "296/QĐ-VPCP": true}
	for code, law := range laws {
		for _, b := range law.Bases {
			if b.EffectiveFrom == nil {
				require.True(t, unverified[b.Number], "%s: %s has no date of effect", code, b.Number)
				require.NotEmpty(t, b.Note, "%s: %s says what to verify", code, b.Number)
				continue
			}
			require.False(t, b.EffectiveFrom.IsZero())
			if b.IssuedOn != nil {
				require.False(t, b.IssuedOn.After(*b.EffectiveFrom), b.Number)
			}
		}
	}
	numbers := func(code string) []string {
		var out []string
		for _, b := range laws[code].Bases {
			out = append(out, b.Number)
		}
		return out
	}
	for _, code := range []string{"1.001193", "1.000894"} {
		require.Subset(t, numbers(code), []string{"120/2025/NĐ-CP", "18/2026/NĐ-CP", "04/2024/TT-BTP", "66.7/2025/NQ-CP",
			"08/2025/TT-BTP", "01/2022/TT-BTP", "60/2014/QH13", "123/2015/NĐ-CP"}, code)
	}
	require.Subset(t, numbers("1.004222"), []string{"53/2025/TT-BCA", "54/2025/TT-BCA", "66.7/2025/NQ-CP", "68/2020/QH14"})
	require.Subset(t, numbers("1.013831"), []string{"31/2024/QH15", "101/2024/NĐ-CP", "151/2025/NĐ-CP", "118/2025/NĐ-CP", "226/2025/NĐ-CP"})
	require.Equal(t, []string{"74/2025/QH15", "374/2025/NĐ-CP"}, numbers("1.014748"))

	nq := laws["1.001193"].Bases[len(laws["1.001193"].Bases)-1]
	require.Equal(t, "66.7/2025/NQ-CP", nq.Number)
	require.Equal(t, DocResolution, nq.Type)
	require.False(t, nq.InForce(day("2025-12-31")), "in force from 1 January 2026")
	require.True(t, nq.Upcoming(day("2025-12-31")))
	require.True(t, nq.InForce(day("2026-01-01")))
	repealed := nq
	until := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	repealed.EffectiveUntil = &until
	require.False(t, repealed.InForce(day("2026-03-01")))
	require.True(t, repealed.InForce(day("2026-02-28")))
}

func TestOneTimeSocialInsuranceIsSevenWorkingDays(t *testing.T) {
	t.Parallel()
	procs, err := loadProcedures()
	require.NoError(t, err)
	for _, p := range procs {
		if p.Code == "1.014173" {
			require.Equal(t, 7, p.ProcessingDays, "7 working days from a complete dossier (NPD 1.014173)")
			return
		}
	}
	t.Fatal("no 1.014173")
}

func TestOfficialNames(t *testing.T) {
	t.Parallel()
	procs, err := loadProcedures()
	require.NoError(t, err)
	names := map[string]Procedure{}
	for _, p := range procs {
		names[p.Code] = p.Procedure
	}
	require.Equal(t, "Hưởng bảo hiểm xã hội một lần", names["1.014173"].NameVI)
	require.Equal(t, "Hưởng trợ cấp thất nghiệp", names["1.014748"].NameVI)
	land := names["1.013831"]
	require.NotEmpty(t, land.Details.OfficialName.VI, "the shortened name is marked by the full one")
	require.True(t, len(land.Details.OfficialName.VI) > len(land.NameVI))
	require.Contains(t, land.Details.OfficialName.VI, "chuyển nhượng, thừa kế, tặng cho quyền sử dụng đất")
	for _, code := range []string{"1.014173", "1.014748", "1.001193", "1.000894"} {
		require.Empty(t, names[code].Details.OfficialName, "%s's name is the official one", code)
	}
}

func TestParseLawRejects(t *testing.T) {
	t.Parallel()
	good := basisFile{Type: DocLaw, Number: "60/2014/QH13", Title: forms.Text{VI: "Luật Hộ tịch", EN: "Law on Civil Status"},
		Issuer: forms.Text{VI: "Quốc hội", EN: "National Assembly"}, IssuedOn: "2014-11-20", EffectiveFrom: "2016-01-01"}
	fee := feeFile{Item: "fee", Kind: FeeLePhi, Name: forms.Text{VI: "Lệ phí", EN: "Fee"}, AmountVND: vnd(1000),
		Recipient: forms.Text{VI: "UBND", EN: "Committee"}, LegalBasis: forms.Text{VI: "Thông tư", EN: "Circular"}}
	_, err := parseLaw("1.000001", lawFile{LegalBases: []basisFile{good}, Fees: []feeFile{fee}})
	require.NoError(t, err)
	for name, f := range map[string]lawFile{
		"NoDateNoVerify":    {LegalBases: []basisFile{func() basisFile { b := good; b.EffectiveFrom = ""; return b }()}},
		"IssuedAfterEffect": {LegalBases: []basisFile{func() basisFile { b := good; b.IssuedOn = "2017-01-01"; return b }()}},
		"UnknownType":       {LegalBases: []basisFile{func() basisFile { b := good; b.Type = "letter"; return b }()}},
		"OneLanguage":       {LegalBases: []basisFile{func() basisFile { b := good; b.Title.EN = ""; return b }()}},
		"Twice":             {LegalBases: []basisFile{good, good}},
		"BadDate":           {LegalBases: []basisFile{func() basisFile { b := good; b.EffectiveFrom = "1/1/2016"; return b }()}},
		"FeeNoBasis":        {Fees: []feeFile{func() feeFile { f := fee; f.LegalBasis = forms.Text{}; return f }()}},
		"FeeNoRecipient":    {Fees: []feeFile{func() feeFile { f := fee; f.Recipient = forms.Text{}; return f }()}},
		"FeeChannel":        {Fees: []feeFile{func() feeFile { f := fee; f.Channels = []string{"post"}; return f }()}},
		"FeeTwice":          {Fees: []feeFile{fee, fee}},
		"ExemptCosts":       {Fees: []feeFile{func() feeFile { f := fee; f.Exempt = true; f.ExemptionBasis = f.LegalBasis; return f }()}},
	} {
		_, err := parseLaw("1.000001", f)
		require.Error(t, err, name)
	}
}
