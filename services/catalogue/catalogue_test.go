package catalogue_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var seededAt = time.Date(2026, 7, 1, 1, 0, 0, 0, time.UTC)

func setup(t *testing.T) (*catalogue.Service, *pgxpool.Pool) {
	t.Helper()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(context.Background(), pool, seededAt))
	return catalogue.New(pool), pool
}

func codes(ps []catalogue.Procedure) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

func TestList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _ := setup(t)

	all, err := svc.List(ctx, catalogue.Filter{})
	require.NoError(t, err)
	require.Equal(t, listed, codes(all), "every procedure in force, sorted by code")

	t.Run("Search", func(t *testing.T) {
		for _, q := range []string{"đăng ký khai sinh", "dang ky khai sinh", "DANG KY KHAI SINH", "Đăng  ký   KHAI sinh", "birth registration", "Birth Registration", "khai sinh", "1.001193", "giấy khai sinh", "newborn"} {
			got, err := svc.List(ctx, catalogue.Filter{Query: q})
			require.NoError(t, err)
			require.Contains(t, codes(got), "1.001193", "query %q", q)
		}
	})
	t.Run("SearchEveryWordMustMatch", func(t *testing.T) {
		for q, want := range map[string][]string{
			"kết hôn":           {"1.000894"},
			"ket hon":           {"1.000894"},
			"marriage":          {"1.000894"},
			"khai sinh kết hôn": nil,
			"thuong tru":        {"1.004222", "3.000722"},
			"sổ đỏ":             {"1.013831"},
			"land transfer":     {"1.013831"},
			"bhxh mot lan":      {"1.014173"},
			"unemployment":      {"1.014748"},
			"ho kinh doanh":     {"1.001612"},
			"khai sinh xyzzy":   nil,
			"sinh%":             {"1.001193", "3.000722"},
			"_ ; !":             listed, // no word to search for
			"   ":               listed,
		} {
			got, err := svc.List(ctx, catalogue.Filter{Query: q})
			require.NoError(t, err)
			require.Equal(t, want, nilIfEmpty(codes(got)), "query %q", q)
		}
	})
	t.Run("WordPrefix", func(t *testing.T) {
		got, err := svc.List(ctx, catalogue.Filter{Query: "dang ky khai s"})
		require.NoError(t, err)
		require.Equal(t, []string{"1.001193", "3.000722"}, codes(got), "the last word may be unfinished")
		got, err = svc.List(ctx, catalogue.Filter{Query: "dang k khai sinh"})
		require.NoError(t, err)
		require.Empty(t, got, "only the last word may be unfinished")
		got, err = svc.List(ctx, catalogue.Filter{Query: "regis"})
		require.NoError(t, err)
		require.Equal(t, []string{"1.000894", "1.001193", "1.001612", "1.004222", "1.013831", "3.000722"}, codes(got))
		got, err = svc.List(ctx, catalogue.Filter{Query: "egistration"})
		require.NoError(t, err)
		require.Empty(t, got, "a word matches from its start, not in its middle")
	})
	t.Run("Topic", func(t *testing.T) {
		got, err := svc.List(ctx, catalogue.Filter{Topic: "civil-status"})
		require.NoError(t, err)
		require.Equal(t, []string{"1.000894", "1.001193", "3.000722"}, codes(got))
		got, err = svc.List(ctx, catalogue.Filter{Topic: "land"})
		require.NoError(t, err)
		require.Equal(t, []string{"1.013831"}, codes(got))
		got, err = svc.List(ctx, catalogue.Filter{Topic: "civil-status", Query: "kết hôn"})
		require.NoError(t, err)
		require.Equal(t, []string{"1.000894"}, codes(got))
		got, err = svc.List(ctx, catalogue.Filter{Topic: "land", Query: "khai sinh"})
		require.NoError(t, err)
		require.Empty(t, got)
	})
	t.Run("AgencyKind", func(t *testing.T) {
		got, err := svc.List(ctx, catalogue.Filter{AgencyKind: catalogue.KindCommunePolice})
		require.NoError(t, err)
		require.Equal(t, []string{"1.004222"}, codes(got))
		got, err = svc.List(ctx, catalogue.Filter{AgencyKind: catalogue.KindCommuneCommittee})
		require.NoError(t, err)
		require.Equal(t, []string{"1.000894", "1.001193", "1.001612", "3.000722"}, codes(got))
		got, err = svc.List(ctx, catalogue.Filter{AgencyKind: "tax_office"})
		require.NoError(t, err)
		require.Empty(t, got)
	})
	t.Run("TopicsAndKinds", func(t *testing.T) {
		topics := svc.Topics()
		require.Len(t, topics, 6)
		for _, p := range all {
			require.Contains(t, topics, p.Topic)
			require.Contains(t, svc.AgencyKinds(), p.AgencyKind)
		}
		require.Equal(t, "Đất đai", catalogue.TopicName("land").VI)
		require.Equal(t, "Commune police", catalogue.AgencyKindName(catalogue.KindCommunePolice).EN)
	})
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestGet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _ := setup(t)

	t.Run("OK", func(t *testing.T) {
		p, err := svc.Get(ctx, "1.004222")
		require.NoError(t, err)
		require.Equal(t, "Đăng ký thường trú", p.NameVI)
		require.Equal(t, "Permanent residence registration", p.NameEN)
		require.Equal(t, catalogue.KindCommunePolice, p.AgencyKind)
		require.Equal(t, catalogue.LevelCommune, p.AgencyLevel)
		require.Equal(t, 7, p.ProcessingDays)
		require.Equal(t, catalogue.LoA2, p.RequiredACR)
		require.Equal(t, 1, p.CurrentVersion)
		bases, err := svc.LegalBases(ctx, p.Code)
		require.NoError(t, err)
		require.Equal(t, "Luật Cư trú", bases[0].Title.VI)
		require.Equal(t, "Law on Residence", bases[0].Title.EN)
		fees, err := svc.Fees(ctx, p.Code, "01", catalogue.ChannelOnline, seededAt)
		require.NoError(t, err)
		require.Equal(t, int64(10000), *fees[0].AmountVND)
		require.NotEmpty(t, p.Details.Summary.EN)
		require.NotEmpty(t, p.Details.Inputs)
		require.Contains(t, p.Details.Keywords, "hộ khẩu")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.Get(ctx, "9.999999")
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
		require.Equal(t, "procedure.notfound", fault.Message(err))
	})
	t.Run("Version", func(t *testing.T) {
		v, err := svc.Version(ctx, "1.013831", 1)
		require.NoError(t, err)
		require.Equal(t, "1.013831", v.ProcedureCode)
		require.Equal(t, 1, v.Version)
		require.True(t, seededAt.Equal(v.PublishedAt))
		require.Equal(t, []string{"parcel", "transaction", "documents"}, stepIDs(v))
		f, _, ok := v.Schema.Field("parcel")
		require.True(t, ok)
		require.Equal(t, "land.parcels", f.Prefill)

		s, err := svc.Schema(ctx, "1.001193", 1)
		require.NoError(t, err)
		require.Equal(t, "mother", mustField(t, s.Steps[1].Fields, "mother_full_name").Party)
	})
	t.Run("ErrVersionNotFound", func(t *testing.T) {
		_, err := svc.Version(ctx, "1.013831", 2)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
		_, err = svc.Version(ctx, "9.999999", 1)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
	t.Run("Agency", func(t *testing.T) {
		a, err := svc.Agency(ctx, "BHXH-48")
		require.NoError(t, err)
		require.Equal(t, catalogue.Agency{
			Code: "BHXH-48", Kind: catalogue.KindSocialInsurance, Level: catalogue.LevelProvince,
			NameVI: "Bảo hiểm xã hội thành phố Đà Nẵng", NameEN: "Social Insurance of Đà Nẵng City",
			ProvinceCode: "48",
		}, a)
		_, err = svc.Agency(ctx, "UBND-99999")
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
		require.Equal(t, "agency.notfound", fault.Message(err))
	})
}

func stepIDs(v catalogue.Version) []string {
	var out []string
	for _, st := range v.Schema.Steps {
		out = append(out, st.ID)
	}
	return out
}

func TestRoute(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _ := setup(t)
	get := func(code string) catalogue.Procedure {
		p, err := svc.Get(ctx, code)
		require.NoError(t, err)
		return p
	}
	birth, residence, land := get("1.001193"), get("1.004222"), get("1.013831")
	homeAffairs := catalogue.Procedure{Code: "9.999999", AgencyKind: catalogue.KindHomeAffairs, AgencyLevel: catalogue.LevelProvince}

	for _, c := range []struct {
		name              string
		p                 catalogue.Procedure
		province, commune string
		want              string
	}{
		{"BirthToCommuneCommittee", birth, "01", "00070", "UBND-00070"},
		{"ResidenceToCommunePolice", residence, "01", "00070", "CA-00070"},
		{"LandToBranchOfArea", land, "79", "26737", "VPDKDD-79"},
		{"LandWithoutCommuneToProvinceBranch", land, "79", "", "VPDKDD-79"},
		{"CommuneWithoutProvince", birth, "", "00070", "UBND-00070"},
		{"LandAnyProvinceOfArea", land, "", "26737", "VPDKDD-79"},
		{"OneTimeInsurance", get("1.014173"), "48", "20242", "BHXH-48"},
		{"Unemployment", get("1.014748"), "48", "20242", "DVVL-48"},
		{"HouseholdBusiness", get("1.001612"), "79", "26824", "UBND-26824"},
		{"HomeAffairs", homeAffairs, "46", "", "SNV-46"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := svc.Route(ctx, c.p, c.province, c.commune)
			require.NoError(t, err)
			require.Equal(t, c.want, a.Code)
			require.Equal(t, c.p.AgencyKind, a.Kind)
		})
	}
	for _, c := range []struct {
		name              string
		p                 catalogue.Procedure
		province, commune string
	}{
		{"ErrUnknownCommune", birth, "01", "99999"},
		{"ErrCommuneOfAnotherProvince", birth, "79", "00070"},
		{"ErrNoCommune", residence, "01", ""},
		{"ErrUnknownProvince", land, "03", ""},
		{"ErrLandCommuneOfAnotherProvince", land, "01", "26737"},
		{"ErrLandUnknownCommune", land, "79", "99999"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := svc.Route(ctx, c.p, c.province, c.commune)
			require.Equal(t, fault.ENOTFOUND, fault.Code(err))
			require.Equal(t, "agency.notfound", fault.Message(err))
		})
	}
}

func TestSeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)

	count := func(table string) int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n))
		return n
	}
	agencies, procedures, versions := count("agencies"), count("procedures"), count("procedure_versions")
	communes := 0
	for _, p := range catalogue.Provinces() {
		communes += len(p.Communes)
	}
	require.Equal(t, 2*communes+4*34, agencies)
	areas := count("agency_areas")
	require.Equal(t, communes, areas, "every commune in its land office branch's area")
	require.Equal(t, len(seeded), procedures)
	require.Equal(t, len(seeded), versions)

	t.Run("Idempotent", func(t *testing.T) {
		require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(time.Hour)))
		require.Equal(t, agencies, count("agencies"))
		require.Equal(t, areas, count("agency_areas"))
		require.Equal(t, procedures, count("procedures"))
		require.Equal(t, versions, count("procedure_versions"))
		v, err := svc.Version(ctx, "1.001193", 1)
		require.NoError(t, err)
		require.True(t, seededAt.Equal(v.PublishedAt), "version 1 is not republished")
	})
	t.Run("NeverOverwritesAVersion", func(t *testing.T) {
		// An administrator's edit of a published schema (or an older schema) stays as it is.
		const edited = `{"steps": [{"id": "only", "title": {"vi": "Bước", "en": "Step"}, "fields": [
			{"name": "note", "type": "text", "label": {"vi": "Ghi chú", "en": "Note"}}]}],
			"declaration": {"vi": "Tôi cam đoan.", "en": "I declare."}}`
		_, err := pool.Exec(ctx, `UPDATE procedure_versions SET schema = $1 WHERE procedure_code = '1.013831' AND version = 1`, edited)
		require.NoError(t, err)
		// A procedure that already has a later version gets no version 1 back.
		_, err = pool.Exec(ctx, `
			INSERT INTO procedure_versions SELECT procedure_code, 2, schema, published_at FROM procedure_versions
			WHERE procedure_code = '1.014748' AND version = 1;
			UPDATE procedures SET current_version = 2, fee_vnd = 5 WHERE code = '1.014748';
			DELETE FROM procedure_versions WHERE procedure_code = '1.014748' AND version = 1`)
		require.NoError(t, err)

		require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(2*time.Hour)))

		v, err := svc.Version(ctx, "1.013831", 1)
		require.NoError(t, err)
		require.Equal(t, []string{"only"}, stepIDs(v))
		p, err := svc.Get(ctx, "1.014748")
		require.NoError(t, err)
		require.Equal(t, 2, p.CurrentVersion, "the current version is kept")
		require.Equal(t, int64(0), p.FeeVND, "the facts are refreshed from the data")
		_, err = svc.Version(ctx, "1.014748", 1)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
	t.Run("Concurrent", func(t *testing.T) {
		errs := make(chan error, 3)
		for range 3 {
			go func() { errs <- catalogue.Seed(ctx, pool, seededAt) }()
		}
		for range 3 {
			require.NoError(t, <-errs)
		}
		require.Equal(t, agencies, count("agencies"))
	})
}

func mustField(t *testing.T, fs []forms.Field, name string) forms.Field {
	t.Helper()
	i := slices.IndexFunc(fs, func(f forms.Field) bool { return f.Name == name })
	require.GreaterOrEqual(t, i, 0, name)
	return fs[i]
}

// Every commune of the map routes to exactly one agency of each kind procedures use: 200
// communes drawn with a fixed seed, against the seeded database.
func TestRouteAllOverTheMap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, _ := setup(t)
	pairs := []struct{ kind, level string }{
		{catalogue.KindCommuneCommittee, catalogue.LevelCommune},
		{catalogue.KindCommunePolice, catalogue.LevelCommune},
		{catalogue.KindLandOffice, catalogue.LevelProvince},
		{catalogue.KindSocialInsurance, catalogue.LevelProvince},
		{catalogue.KindEmploymentCentre, catalogue.LevelProvince},
		{catalogue.KindHomeAffairs, catalogue.LevelProvince},
	}
	all, err := svc.List(ctx, catalogue.Filter{})
	require.NoError(t, err)
	for _, p := range all {
		require.Contains(t, pairs, struct{ kind, level string }{p.AgencyKind, p.AgencyLevel}, "procedure %s's agency is tested here", p.Code)
	}

	type commune struct{ province, code string }
	var communes []commune
	for _, p := range catalogue.Provinces() {
		for _, c := range p.Communes {
			communes = append(communes, commune{p.Code, c.Code})
		}
	}
	r := rand.New(rand.NewPCG(2025, 7))
	for range 200 {
		c := communes[r.IntN(len(communes))]
		for _, pair := range pairs {
			p := catalogue.Procedure{Code: "9.000000", AgencyKind: pair.kind, AgencyLevel: pair.level}
			for _, province := range []string{c.province, ""} {
				if province == "" && pair.level == catalogue.LevelProvince && pair.kind != catalogue.KindLandOffice {
					continue // a province-level agency other than a land office is found by province alone
				}
				a, err := svc.Route(ctx, p, province, c.code)
				require.NoError(t, err, "%s at %s/%s", pair.kind, province, c.code)
				require.Equal(t, pair.kind, a.Kind)
				require.Equal(t, pair.level, a.Level)
				require.Equal(t, c.province, a.ProvinceCode, "%s of %s", a.Code, c.code)
				if pair.level == catalogue.LevelCommune {
					require.Equal(t, c.code, a.CommuneCode)
				}
			}
		}
	}
}

// Areas loaded from official data win over the seed's default: a second land office branch of
// Hà Nội that covers Hoàn Kiếm gets its land cases, and seeding again leaves it so.
func TestRouteLandBranchAreas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	land, err := svc.Get(ctx, "1.013831")
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code)
		VALUES ('VPDKDD-01-HK', 'land_office', 'province', 'Chi nhánh Văn phòng đăng ký đất đai khu vực Hoàn Kiếm',
			'Land Registration Office, Hoàn Kiếm branch', '01');
		DELETE FROM agency_areas WHERE commune_code = '00070';
		INSERT INTO agency_areas (agency_code, commune_code) VALUES ('VPDKDD-01-HK', '00070')`)
	require.NoError(t, err)
	require.NoError(t, catalogue.Seed(ctx, pool, seededAt))

	for commune, want := range map[string]string{"00070": "VPDKDD-01-HK", "00004": "VPDKDD-01"} {
		a, err := svc.Route(ctx, land, "01", commune)
		require.NoError(t, err, commune)
		require.Equal(t, want, a.Code, commune)
	}
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM agency_areas WHERE commune_code = '00070'`).Scan(&n))
	require.Equal(t, 1, n, "the seed does not put Hoàn Kiếm back into the default branch")

	_, err = svc.Route(ctx, land, "01", "")
	require.Error(t, err, "without a commune, two branches are ambiguous")
}
