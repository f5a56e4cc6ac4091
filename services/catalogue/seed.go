package catalogue

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/adminunits"
	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
)

// Seed writes the embedded catalogue to the database: it creates or updates every agency (about
// 6,800, in one statement), gives each land office branch its default area (agency_areas) and
// creates or updates every procedure's facts, and publishes a procedure's embedded schema as its
// next version when no version is that schema yet. A published version is never overwritten,
// since drafts and cases refer to it; a changed schema is published as a new version. It writes
// each procedure's law (legal bases, fees, deadline) keeping what an administrator changed
// (seedProcedureLaw). Running Seed again is harmless.
func Seed(ctx context.Context, pool *pgxpool.Pool, now time.Time) error {
	procs, err := loadProcedures()
	if err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	laws, err := loadLaw()
	if err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	m, err := adminunits.Load()
	if err != nil {
		return fmt.Errorf("catalogue: seed: units: %w", err)
	}
	u := unitsOf(m)
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	defer tx.Rollback(ctx)
	q := cataloguedb.New(tx)
	if err := upsertAgencies(ctx, q, agenciesOf(u)); err != nil {
		return fmt.Errorf("catalogue: seed: agencies: %w", err)
	}
	branches, communes := landAreasOf(u)
	if err := q.AgencyAreasFill(ctx, branches, communes); err != nil {
		return fmt.Errorf("catalogue: seed: agency areas: %w", err)
	}
	for _, p := range procs {
		if err := upsertProcedure(ctx, q, p, now); err != nil {
			return fmt.Errorf("catalogue: seed: procedure %s: %w", p.Code, err)
		}
		if err := seedProcedureLaw(ctx, q, p.Code, p.ProcessingDays, laws[p.Code]); err != nil {
			return fmt.Errorf("catalogue: seed: law of %s: %w", p.Code, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	return nil
}

// agenciesOf derives the agencies from the administrative map: in every commune its People's
// Committee and its police; in every province a branch of the land registration office, the
// social insurance, the employment service centre and the Department of Home Affairs.
//
// The land registration office itself (Văn phòng đăng ký đất đai of the province) is not an
// agency here: the procedures citizens file go to its branches, and no procedure is decided by
// the office itself. A province's office has branches by area (several former districts each);
// there is no official data on those areas here, so each province gets one branch, VPDKDD-<p>,
// whose area (agency_areas, see landAreasOf) is the whole province.
func agenciesOf(u *Units) []Agency {
	out := make([]Agency, 0, 2*len(u.commune)+4*len(u.provinces))
	for _, p := range u.provinces {
		for _, c := range p.Communes {
			out = append(out,
				Agency{
					Code: "UBND-" + c.Code, Kind: KindCommuneCommittee, Level: LevelCommune,
					NameVI:       "Ủy ban nhân dân " + inSentence(c.Name),
					NameEN:       "People's Committee of " + c.NameEN(),
					ProvinceCode: p.Code, CommuneCode: c.Code,
				},
				Agency{
					Code: "CA-" + c.Code, Kind: KindCommunePolice, Level: LevelCommune,
					NameVI:       "Công an " + inSentence(c.Name),
					NameEN:       "Police of " + c.NameEN(),
					ProvinceCode: p.Code, CommuneCode: c.Code,
				})
		}
		out = append(out,
			Agency{
				Code: landBranch(p.Code), Kind: KindLandOffice, Level: LevelProvince,
				NameVI:       "Chi nhánh Văn phòng đăng ký đất đai " + inSentence(p.NameVI),
				NameEN:       "Land Registration Office, " + p.NameEN + " branch",
				ProvinceCode: p.Code,
			},
			Agency{
				Code: "BHXH-" + p.Code, Kind: KindSocialInsurance, Level: LevelProvince,
				NameVI:       "Bảo hiểm xã hội " + inSentence(p.NameVI),
				NameEN:       "Social Insurance of " + p.NameEN,
				ProvinceCode: p.Code,
			},
			Agency{
				Code: "DVVL-" + p.Code, Kind: KindEmploymentCentre, Level: LevelProvince,
				NameVI:       "Trung tâm Dịch vụ việc làm " + inSentence(p.NameVI),
				NameEN:       "Employment Service Centre of " + p.NameEN,
				ProvinceCode: p.Code,
			},
			Agency{
				Code: "SNV-" + p.Code, Kind: KindHomeAffairs, Level: LevelProvince,
				NameVI:       "Sở Nội vụ " + inSentence(p.NameVI),
				NameEN:       "Department of Home Affairs of " + p.NameEN,
				ProvinceCode: p.Code,
			})
	}
	return out
}

// landBranch is the code of a province's default land office branch.
func landBranch(province string) string { return "VPDKDD-" + province }

// landAreasOf is the default area of each province's land office branch: all its communes.
// Seed adds a commune only when no land office branch has it yet, so areas loaded from official
// data (several branches a province) are kept.
func landAreasOf(u *Units) (agencies, communes []string) {
	agencies, communes = make([]string, 0, len(u.commune)), make([]string, 0, len(u.commune))
	for _, p := range u.provinces {
		for _, c := range p.Communes {
			agencies, communes = append(agencies, landBranch(p.Code)), append(communes, c.Code)
		}
	}
	return agencies, communes
}

func upsertAgencies(ctx context.Context, q *cataloguedb.Queries, as []Agency) error {
	n := len(as)
	arg := cataloguedb.AgenciesUpsertParams{Codes: make([]string, n), Kinds: make([]string, n),
		Levels: make([]string, n), NamesVi: make([]string, n), NamesEn: make([]string, n),
		ProvinceCodes: make([]string, n), CommuneCodes: make([]string, n)}
	for i, a := range as {
		arg.Codes[i], arg.Kinds[i], arg.Levels[i] = a.Code, a.Kind, a.Level
		arg.NamesVi[i], arg.NamesEn[i] = a.NameVI, a.NameEN
		arg.ProvinceCodes[i], arg.CommuneCodes[i] = a.ProvinceCode, a.CommuneCode
	}
	return q.AgenciesUpsert(ctx, arg)
}

// upsertProcedure updates a procedure's facts and publishes its embedded schema as the next
// version when no version is that schema yet (a new procedure's is version 1).
func upsertProcedure(ctx context.Context, q *cataloguedb.Queries, p seedProcedure, now time.Time) error {
	details, err := json.Marshal(p.Details)
	if err != nil {
		return err
	}
	schema, err := json.Marshal(p.Schema)
	if err != nil {
		return err
	}
	parts, err := json.Marshal(append([]Part{}, p.Parts...)) // [] when not linked
	if err != nil {
		return err
	}
	err = q.ProcedureUpsert(ctx, cataloguedb.ProcedureUpsertParams{Code: p.Code, NameVi: p.NameVI, NameEn: p.NameEN,
		Topic: p.Topic, AgencyKind: p.AgencyKind, AgencyLevel: p.AgencyLevel, LegalBasisVi: p.LegalBasisVI,
		LegalBasisEn: p.LegalBasisEN, ProcessingDays: p.ProcessingDays, FeeVnd: p.FeeVND, RequiredAcr: p.RequiredACR,
		Details: details, SearchText: searchText(p.Procedure), Status: p.Status, ReplacedBy: p.ReplacedBy, Parts: parts})
	if err != nil {
		return err
	}
	return q.VersionSeed(ctx, p.Code, schema, now.UTC())
}
