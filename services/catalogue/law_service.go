package catalogue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// LegalBases returns the documents a procedure rests on, in order, in force or not: the page
// shows those in force on its day and those about to take effect (LegalBasis.InForce, Upcoming).
func (s *Service) LegalBases(ctx context.Context, code string) ([]LegalBasis, error) {
	rows, err := s.q.LegalBasesOf(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("catalogue: legal bases of %s: %w", code, err)
	}
	out := make([]LegalBasis, len(rows))
	for i, r := range rows {
		out[i] = legalBasisOf(r)
	}
	return out, nil
}

// Fees returns what applying for a procedure costs on a day through a channel in a province:
// the national charges, each replaced by the province's own row of the same item when there is
// one. A province code "" gives the national charges.
func (s *Service) Fees(ctx context.Context, code, province, channel string, on time.Time) ([]Fee, error) {
	sch, err := s.FeeSchedule(ctx, code, province, on)
	if err != nil {
		return nil, err
	}
	return sch.Channel(channel), nil
}

// FeeSchedule returns a procedure's charges on a day in a province, for both channels.
func (s *Service) FeeSchedule(ctx context.Context, code, province string, on time.Time) (FeeSchedule, error) {
	return feeSchedule(ctx, s.q, code, province, on)
}

func feeSchedule(ctx context.Context, q *cataloguedb.Queries, code, province string, on time.Time) (FeeSchedule, error) {
	rows, err := q.FeesInForce(ctx, code, province, civilDay(on))
	if err != nil {
		return FeeSchedule{}, fmt.Errorf("catalogue: fees of %s in %q: %w", code, province, err)
	}
	return scheduleOf(feesOf(rows), province), nil
}

// FeeSchedules returns every procedure's charges on a day in a province (or nationally), by
// procedure code: the catalogue's list, in one query.
func (s *Service) FeeSchedules(ctx context.Context, province string, on time.Time) (map[string]FeeSchedule, error) {
	rows, err := s.q.FeesInForceAll(ctx, province, civilDay(on))
	if err != nil {
		return nil, fmt.Errorf("catalogue: fees in %q: %w", province, err)
	}
	by := map[string][]Fee{}
	for _, f := range feesOf(rows) {
		by[f.ProcedureCode] = append(by[f.ProcedureCode], f)
	}
	out := make(map[string]FeeSchedule, len(by))
	for code, fees := range by {
		out[code] = scheduleOf(fees, province)
	}
	return out, nil
}

func scheduleOf(rows []Fee, province string) FeeSchedule {
	return FeeSchedule{ProvinceCode: province, Online: applicable(rows, province, ChannelOnline),
		InPerson: applicable(rows, province, ChannelInPerson)}
}

// Law returns everything an administrator edits about a procedure's law.
func (s *Service) Law(ctx context.Context, code string) (Law, error) {
	p, err := s.Get(ctx, code)
	if err != nil {
		return Law{}, err
	}
	law := Law{Procedure: p}
	if law.LegalBases, err = s.LegalBases(ctx, code); err != nil {
		return Law{}, err
	}
	rows, err := s.q.FeesOf(ctx, code)
	if err != nil {
		return Law{}, fmt.Errorf("catalogue: fees of %s: %w", code, err)
	}
	law.Fees = feesOf(rows)
	o, err := s.q.DeadlineOverrideOf(ctx, code)
	switch {
	case err == nil:
		law.Deadline = &DeadlineOverride{ProcessingDays: o.ProcessingDays, ReleasedDays: o.ReleasedDays, Basis: o.Basis,
			UpdatedBy: o.UpdatedBy, UpdatedAt: o.UpdatedAt}
	case !errors.Is(err, pgx.ErrNoRows):
		return Law{}, fmt.Errorf("catalogue: deadline of %s: %w", code, err)
	}
	return law, nil
}

// SetProcessingDays sets a procedure's legal deadline in working days, as a new document set it
// (basis). It applies to cases received from now on: a received case keeps the due date it got.
// The value survives the seed until a release ships a deadline other than the one it replaced
// (seedProcedureLaw); setting the release's value again ends the override.
func (s *Service) SetProcessingDays(ctx context.Context, code string, days int, basis, by string, now time.Time) error {
	op := "catalogue.setProcessingDays"
	basis = strings.TrimSpace(basis)
	switch {
	case days <= 0 || days > 365:
		return fault.New(fault.EINVALID, "admin.law.error.days", op)
	case basis == "":
		return fault.New(fault.EINVALID, "admin.law.error.daysbasis", op)
	}
	err := s.inTx(ctx, op, func(q *cataloguedb.Queries) error {
		current, err := q.ProcedureLockDays(ctx, code)
		if errors.Is(err, pgx.ErrNoRows) {
			return fault.New(fault.ENOTFOUND, "procedure.notfound", op)
		}
		if err != nil {
			return err
		}
		released := current
		if o, err := q.DeadlineOverrideOf(ctx, code); err == nil {
			released = o.ReleasedDays
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if days == released {
			err = q.DeadlineOverrideClear(ctx, code)
		} else {
			err = q.DeadlineOverrideSet(ctx, cataloguedb.DeadlineOverrideSetParams{ProcedureCode: code, ProcessingDays: days,
				ReleasedDays: released, Basis: basis, UpdatedBy: by, UpdatedAt: now})
		}
		if err != nil {
			return err
		}
		return q.ProcedureSetDays(ctx, days, code)
	})
	if err == nil {
		s.procs.clear()
		s.all.clear()
	}
	return err
}

// SaveLegalBasis adds a document to a procedure's legal bases (ID 0) or changes one, and returns
// its ID. A shipped document an administrator changed keeps the change until a release changes
// that document.
func (s *Service) SaveLegalBasis(ctx context.Context, b LegalBasis) (int64, error) {
	op := "catalogue.saveLegalBasis"
	b.Number, b.Note = strings.TrimSpace(b.Number), strings.TrimSpace(b.Note)
	b.Title, b.Issuer, b.Part = trimText(b.Title), trimText(b.Issuer), trimText(b.Part)
	if err := b.check(); err != nil {
		return 0, err
	}
	if _, err := s.Get(ctx, b.ProcedureCode); err != nil {
		return 0, err
	}
	id := b.ID
	err := s.inTx(ctx, op, func(q *cataloguedb.Queries) error {
		var err error
		if id == 0 {
			id, err = q.LegalBasisInsert(ctx, cataloguedb.LegalBasisInsertParams{ProcedureCode: b.ProcedureCode,
				Position: b.Position, DocType: b.Type, Number: b.Number, TitleVi: b.Title.VI, TitleEn: b.Title.EN,
				IssuerVi: b.Issuer.VI, IssuerEn: b.Issuer.EN, PartVi: b.Part.VI, PartEn: b.Part.EN, IssuedOn: b.IssuedOn,
				EffectiveFrom: b.EffectiveFrom, EffectiveUntil: b.EffectiveUntil, Note: b.Note})
		} else {
			var n int64
			n, err = q.LegalBasisUpdate(ctx, cataloguedb.LegalBasisUpdateParams{ID: b.ID, ProcedureCode: b.ProcedureCode,
				Position: b.Position, DocType: b.Type, Number: b.Number, TitleVi: b.Title.VI, TitleEn: b.Title.EN,
				IssuerVi: b.Issuer.VI, IssuerEn: b.Issuer.EN, PartVi: b.Part.VI, PartEn: b.Part.EN, IssuedOn: b.IssuedOn,
				EffectiveFrom: b.EffectiveFrom, EffectiveUntil: b.EffectiveUntil, Note: b.Note})
			if err == nil && n == 0 {
				return fault.New(fault.ENOTFOUND, "admin.law.error.notfound", op)
			}
		}
		if err != nil {
			return saveErr(op, err)
		}
		return citeBases(ctx, q, b.ProcedureCode)
	})
	if err != nil {
		return 0, err
	}
	s.procs.clear()
	s.all.clear()
	return id, nil
}

// DeleteLegalBasis removes a document an administrator added. A shipped one is ended instead
// (EffectiveUntil): the next seed would bring it back.
func (s *Service) DeleteLegalBasis(ctx context.Context, code string, id int64) error {
	op := "catalogue.deleteLegalBasis"
	err := s.inTx(ctx, op, func(q *cataloguedb.Queries) error {
		seeded, err := q.LegalBasisDelete(ctx, id, code)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return fault.New(fault.ENOTFOUND, "admin.law.error.notfound", op)
		case err != nil:
			return err
		case seeded:
			return fault.New(fault.EINVALID, "admin.law.error.seeded", op)
		}
		return citeBases(ctx, q, code)
	})
	if err == nil {
		s.procs.clear()
		s.all.clear()
	}
	return err
}

// SaveFee adds a charge (ID 0) or changes one, and returns its ID: a province's row for an item
// overrides the national row of that item; a changed amount is best a new row from the day it
// applies, the old one ended the day before, so the receipts of earlier cases stay right.
func (s *Service) SaveFee(ctx context.Context, f Fee) (int64, error) {
	op := "catalogue.saveFee"
	f.Item, f.ProvinceCode, f.Note = strings.TrimSpace(f.Item), strings.TrimSpace(f.ProvinceCode), strings.TrimSpace(f.Note)
	f.Name, f.AmountNote, f.ExemptionBasis = trimText(f.Name), trimText(f.AmountNote), trimText(f.ExemptionBasis)
	f.Recipient, f.LegalBasis = trimText(f.Recipient), trimText(f.LegalBasis)
	if err := f.check(); err != nil {
		return 0, err
	}
	if _, err := s.Get(ctx, f.ProcedureCode); err != nil {
		return 0, err
	}
	if f.ID == 0 {
		id, err := s.q.FeeInsert(ctx, cataloguedb.FeeInsertParams{ProcedureCode: f.ProcedureCode, Item: f.Item,
			ProvinceCode: f.ProvinceCode, Channel: f.Channel, Kind: f.Kind, NameVi: f.Name.VI, NameEn: f.Name.EN,
			AmountVnd: f.AmountVND, AmountNoteVi: f.AmountNote.VI, AmountNoteEn: f.AmountNote.EN, Exempt: f.Exempt,
			ExemptionBasisVi: f.ExemptionBasis.VI, ExemptionBasisEn: f.ExemptionBasis.EN, CouncilSet: f.CouncilSet,
			RecipientVi: f.Recipient.VI, RecipientEn: f.Recipient.EN, LegalBasisVi: f.LegalBasis.VI,
			LegalBasisEn: f.LegalBasis.EN, EffectiveFrom: f.EffectiveFrom, EffectiveUntil: f.EffectiveUntil, Note: f.Note})
		return id, saveErr(op, err)
	}
	n, err := s.q.FeeUpdate(ctx, cataloguedb.FeeUpdateParams{ID: f.ID, ProcedureCode: f.ProcedureCode, Item: f.Item,
		ProvinceCode: f.ProvinceCode, Channel: f.Channel, Kind: f.Kind, NameVi: f.Name.VI, NameEn: f.Name.EN,
		AmountVnd: f.AmountVND, AmountNoteVi: f.AmountNote.VI, AmountNoteEn: f.AmountNote.EN, Exempt: f.Exempt,
		ExemptionBasisVi: f.ExemptionBasis.VI, ExemptionBasisEn: f.ExemptionBasis.EN, CouncilSet: f.CouncilSet,
		RecipientVi: f.Recipient.VI, RecipientEn: f.Recipient.EN, LegalBasisVi: f.LegalBasis.VI,
		LegalBasisEn: f.LegalBasis.EN, EffectiveFrom: f.EffectiveFrom, EffectiveUntil: f.EffectiveUntil, Note: f.Note})
	if err == nil && n == 0 {
		return 0, fault.New(fault.ENOTFOUND, "admin.law.error.notfound", op)
	}
	return f.ID, saveErr(op, err)
}

// DeleteFee removes a charge an administrator added; a shipped one is ended instead.
func (s *Service) DeleteFee(ctx context.Context, code string, id int64) error {
	op := "catalogue.deleteFee"
	seeded, err := s.q.FeeDelete(ctx, id, code)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return fault.New(fault.ENOTFOUND, "admin.law.error.notfound", op)
	case err != nil:
		return fmt.Errorf("%s: %w", op, err)
	case seeded:
		return fault.New(fault.EINVALID, "admin.law.error.seeded", op)
	}
	return nil
}

// saveErr turns a row that another row already holds the key of (the same document number, or
// the same item, province, channel and start) into a message for the administrator.
func saveErr(op string, err error) error {
	var pe *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe) && pe.Code == "23505":
		return fault.Wrap(fault.ECONFLICT, "admin.law.error.duplicate", op, err)
	case errors.As(err, &pe) && pe.Code == "23514":
		return fault.Wrap(fault.EINVALID, "error.invalid", op, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

func (s *Service) inTx(ctx context.Context, op string, fn func(q *cataloguedb.Queries) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback(ctx)
	if err := fn(cataloguedb.New(tx)); err != nil {
		if fault.Code(err) != fault.EINTERNAL {
			return err
		}
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

func trimText(t forms.Text) forms.Text {
	return forms.Text{VI: strings.TrimSpace(t.VI), EN: strings.TrimSpace(t.EN)}
}

func legalBasisOf(r cataloguedb.ProcedureLegalBasis) LegalBasis {
	return LegalBasis{ID: r.ID, ProcedureCode: r.ProcedureCode, Position: r.Position, Type: r.DocType, Number: r.Number,
		Title: forms.Text{VI: r.TitleVi, EN: r.TitleEn}, Issuer: forms.Text{VI: r.IssuerVi, EN: r.IssuerEn},
		Part: forms.Text{VI: r.PartVi, EN: r.PartEn}, IssuedOn: r.IssuedOn, EffectiveFrom: r.EffectiveFrom,
		EffectiveUntil: r.EffectiveUntil, Note: r.Note, Seeded: r.Seeded != nil}
}

func feesOf(rows []cataloguedb.ProcedureFee) []Fee {
	out := make([]Fee, len(rows))
	for i, r := range rows {
		out[i] = Fee{ID: r.ID, ProcedureCode: r.ProcedureCode, Item: r.Item, ProvinceCode: r.ProvinceCode,
			Channel: r.Channel, Kind: r.Kind, Name: forms.Text{VI: r.NameVi, EN: r.NameEn}, AmountVND: r.AmountVnd,
			AmountNote: forms.Text{VI: r.AmountNoteVi, EN: r.AmountNoteEn}, Exempt: r.Exempt,
			ExemptionBasis: forms.Text{VI: r.ExemptionBasisVi, EN: r.ExemptionBasisEn}, CouncilSet: r.CouncilSet,
			Recipient:  forms.Text{VI: r.RecipientVi, EN: r.RecipientEn},
			LegalBasis: forms.Text{VI: r.LegalBasisVi, EN: r.LegalBasisEn}, EffectiveFrom: r.EffectiveFrom,
			EffectiveUntil: r.EffectiveUntil, Note: r.Note, Seeded: r.Seeded != nil}
	}
	return out
}
