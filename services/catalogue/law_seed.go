package catalogue

import (
	"context"

	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
)

// seedProcedureLaw writes a procedure file's law after its facts (upsertProcedure), in the same
// transaction, so that what an administrator changed survives the seed:
//
//   - the deadline: upsertProcedure wrote the release's processing days; an administrator's
//     override is written again while the release ships the value it replaced, and ends when a
//     release ships another (the law changed again, and the release says so);
//   - legal bases and fees: a row is inserted when new and rewritten only when the release ships
//     a record other than the one the row was last written from, so an administrator's edit of a
//     shipped row stays until a release changes that row; shipped rows a release no longer lists
//     are removed, rows an administrator added are never touched.
//
// A file not yet converted to legal_bases and fees (the older free-text legal_basis and fee_vnd)
// leaves the procedure's rows as they are.
func seedProcedureLaw(ctx context.Context, q *cataloguedb.Queries, code string, releasedDays int, law seedLaw) error {
	if err := q.DeadlineOverrideLapse(ctx, code, releasedDays); err != nil {
		return err
	}
	if err := q.DeadlineOverrideApply(ctx, code, releasedDays); err != nil {
		return err
	}
	if law.Converted {
		numbers := make([]string, len(law.Bases))
		for i, b := range law.Bases {
			numbers[i] = b.Number
			err := q.LegalBasisSeed(ctx, cataloguedb.LegalBasisSeedParams{ProcedureCode: code, Position: b.Position,
				DocType: b.Type, Number: b.Number, TitleVi: b.Title.VI, TitleEn: b.Title.EN, IssuerVi: b.Issuer.VI,
				IssuerEn: b.Issuer.EN, PartVi: b.Part.VI, PartEn: b.Part.EN, IssuedOn: b.IssuedOn,
				EffectiveFrom: b.EffectiveFrom, EffectiveUntil: b.EffectiveUntil, Note: b.Note, Seeded: law.BasesFrom[i]})
			if err != nil {
				return err
			}
		}
		if err := q.LegalBasesPrune(ctx, code, numbers); err != nil {
			return err
		}
		if err := citeBases(ctx, q, code); err != nil {
			return err
		}
	}
	if law.HasFeeData {
		keys := make([]string, len(law.Fees))
		for i, f := range law.Fees {
			keys[i] = f.key()
			err := q.FeeSeed(ctx, cataloguedb.FeeSeedParams{ProcedureCode: code, Item: f.Item, ProvinceCode: f.ProvinceCode,
				Channel: f.Channel, Kind: f.Kind, NameVi: f.Name.VI, NameEn: f.Name.EN, AmountVnd: f.AmountVND,
				AmountNoteVi: f.AmountNote.VI, AmountNoteEn: f.AmountNote.EN, Exempt: f.Exempt,
				ExemptionBasisVi: f.ExemptionBasis.VI, ExemptionBasisEn: f.ExemptionBasis.EN, CouncilSet: f.CouncilSet,
				RecipientVi: f.Recipient.VI, RecipientEn: f.Recipient.EN, LegalBasisVi: f.LegalBasis.VI,
				LegalBasisEn: f.LegalBasis.EN, EffectiveFrom: f.EffectiveFrom, EffectiveUntil: f.EffectiveUntil,
				Note: f.Note, Seeded: law.FeesFrom[i]})
			if err != nil {
				return err
			}
		}
		if err := q.FeesPrune(ctx, code, keys); err != nil {
			return err
		}
	}
	return nil
}

// citeBases writes the one-line citation of a procedure's documents beside them
// (Procedure.LegalBasis), after they changed.
func citeBases(ctx context.Context, q *cataloguedb.Queries, code string) error {
	rows, err := q.LegalBasesOf(ctx, code)
	if err != nil {
		return err
	}
	bases := make([]LegalBasis, len(rows))
	for i, r := range rows {
		bases[i] = legalBasisOf(r)
	}
	t := citations(bases)
	return q.ProcedureSetBasisText(ctx, t.VI, t.EN, code)
}
