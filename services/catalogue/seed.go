package catalogue

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
)

// Seed writes the embedded catalogue to the database: it creates or updates every agency and
// every procedure's facts, and publishes a procedure's schema as version 1 only when the
// procedure has no version yet. A published version is never overwritten, since drafts and
// cases refer to it; a changed schema is published as a new version. Running Seed again is
// harmless.
func Seed(ctx context.Context, pool *pgxpool.Pool, now time.Time) error {
	procs, err := loadProcedures()
	if err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	u, err := parseUnits(unitsJSON)
	if err != nil {
		return fmt.Errorf("catalogue: seed: units: %w", err)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	defer tx.Rollback(ctx)
	q := cataloguedb.New(tx)
	if err := upsertAgencies(ctx, q, agenciesOf(u)); err != nil {
		return fmt.Errorf("catalogue: seed: agencies: %w", err)
	}
	for _, p := range procs {
		if err := upsertProcedure(ctx, q, p, now); err != nil {
			return fmt.Errorf("catalogue: seed: procedure %s: %w", p.Code, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("catalogue: seed: %w", err)
	}
	return nil
}

// agenciesOf derives the agencies from the administrative map: in every commune its People's
// Committee and its police; in every province the land registration office, the social
// insurance and the employment service centre.
//
// A simplification: a province's land registration office has branches by area (several
// former districts each), which this map does not describe, so the portal routes every land
// application of a province to one branch named for the province.
func agenciesOf(u *Units) []Agency {
	var out []Agency
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
				Code: "VPDKDD-" + p.Code, Kind: KindLandOffice, Level: LevelProvince,
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
			})
	}
	return out
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

// upsertProcedure updates a procedure's facts (never its current version) and publishes its
// schema as version 1 when it has no version at all.
func upsertProcedure(ctx context.Context, q *cataloguedb.Queries, p seedProcedure, now time.Time) error {
	details, err := json.Marshal(p.Details)
	if err != nil {
		return err
	}
	schema, err := json.Marshal(p.Schema)
	if err != nil {
		return err
	}
	err = q.ProcedureUpsert(ctx, cataloguedb.ProcedureUpsertParams{Code: p.Code, NameVi: p.NameVI, NameEn: p.NameEN,
		Topic: p.Topic, AgencyKind: p.AgencyKind, AgencyLevel: p.AgencyLevel, LegalBasisVi: p.LegalBasisVI,
		LegalBasisEn: p.LegalBasisEN, ProcessingDays: p.ProcessingDays, FeeVnd: p.FeeVND, RequiredAcr: p.RequiredACR,
		Details: details, SearchText: searchText(p.Procedure)})
	if err != nil {
		return err
	}
	return q.VersionSeedFirst(ctx, p.Code, schema, now.UTC())
}
