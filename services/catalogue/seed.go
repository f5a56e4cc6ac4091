package catalogue

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
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
	if err := upsertAgencies(ctx, tx, agenciesOf(u)); err != nil {
		return fmt.Errorf("catalogue: seed: agencies: %w", err)
	}
	for _, p := range procs {
		if err := upsertProcedure(ctx, tx, p, now); err != nil {
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

func upsertAgencies(ctx context.Context, tx pgx.Tx, as []Agency) error {
	n := len(as)
	codes, kinds, levels := make([]string, n), make([]string, n), make([]string, n)
	namesVI, namesEN := make([]string, n), make([]string, n)
	provinces, communes := make([]string, n), make([]string, n)
	for i, a := range as {
		codes[i], kinds[i], levels[i] = a.Code, a.Kind, a.Level
		namesVI[i], namesEN[i] = a.NameVI, a.NameEN
		provinces[i], communes[i] = a.ProvinceCode, a.CommuneCode
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code)
		SELECT code, kind, level, name_vi, name_en, province_code, nullif(commune_code, '')
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
			AS a (code, kind, level, name_vi, name_en, province_code, commune_code)
		ON CONFLICT (code) DO UPDATE SET
			kind = excluded.kind, level = excluded.level, name_vi = excluded.name_vi,
			name_en = excluded.name_en, province_code = excluded.province_code,
			commune_code = excluded.commune_code`,
		codes, kinds, levels, namesVI, namesEN, provinces, communes)
	return err
}

// upsertProcedure updates a procedure's facts (never its current version) and publishes its
// schema as version 1 when it has no version at all.
func upsertProcedure(ctx context.Context, tx pgx.Tx, p seedProcedure, now time.Time) error {
	details, err := json.Marshal(p.Details)
	if err != nil {
		return err
	}
	schema, err := json.Marshal(p.Schema)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level,
			legal_basis_vi, legal_basis_en, processing_days, fee_vnd, required_acr, details,
			search_text, current_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)
		ON CONFLICT (code) DO UPDATE SET
			name_vi = excluded.name_vi, name_en = excluded.name_en, topic = excluded.topic,
			agency_kind = excluded.agency_kind, agency_level = excluded.agency_level,
			legal_basis_vi = excluded.legal_basis_vi, legal_basis_en = excluded.legal_basis_en,
			processing_days = excluded.processing_days, fee_vnd = excluded.fee_vnd,
			required_acr = excluded.required_acr, details = excluded.details,
			search_text = excluded.search_text`,
		p.Code, p.NameVI, p.NameEN, p.Topic, p.AgencyKind, p.AgencyLevel,
		p.LegalBasisVI, p.LegalBasisEN, p.ProcessingDays, p.FeeVND, p.RequiredACR, details,
		searchText(p.Procedure))
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO procedure_versions (procedure_code, version, schema, published_at)
		SELECT $1::text, 1, $2::jsonb, $3::timestamptz
		WHERE NOT EXISTS (SELECT 1 FROM procedure_versions WHERE procedure_code = $1::text)
		ON CONFLICT DO NOTHING`,
		p.Code, schema, now.UTC())
	return err
}
