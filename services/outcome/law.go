package outcome

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/catalogue"
)

// lawBook gives the documents a procedure rests on (catalogue.Service.LegalBases), which a
// decision cites one by one ("Căn cứ …;").
type lawBook interface {
	LegalBases(ctx context.Context, code string) ([]catalogue.LegalBasis, error)
}

var _ lawBook = (*catalogue.Service)(nil)

// legalBases are the procedure's legal bases as a decision issued at cites them, in the
// catalogue's order and separated by ";": those in force that day. A catalogue that keeps no
// bases as data, or none in force, leaves the procedure's free text (Procedure.LegalBasisVI).
func (s *Service) legalBases(ctx context.Context, p catalogue.Procedure, at time.Time) string {
	book, ok := s.catalogue.(lawBook)
	if !ok {
		return p.LegalBasisVI
	}
	bases, err := book.LegalBases(ctx, p.Code)
	if err != nil {
		return p.LegalBasisVI
	}
	var cited []string
	for _, b := range bases {
		if b.InForce(at) {
			cited = append(cited, citation(b))
		}
	}
	if len(cited) == 0 {
		return p.LegalBasisVI
	}
	return strings.Join(cited, "; ")
}

// citation writes a legal document as a decision's "Căn cứ" cites it: a law by its name and
// number ("Luật Bảo hiểm xã hội số 41/2024/QH15"), the others by kind, number, date, issuer and
// subject ("Nghị định số 158/2025/NĐ-CP ngày 25 tháng 6 năm 2025 của Chính phủ quy định …").
func citation(b catalogue.LegalBasis) string {
	if b.Type == catalogue.DocLaw {
		return strings.TrimSpace(b.Title.VI + " số " + b.Number)
	}
	c := catalogue.DocTypeName(b.Type).VI + " số " + b.Number
	if b.IssuedOn != nil {
		d := b.IssuedOn.UTC()
		c += fmt.Sprintf(" ngày %d tháng %d năm %d", d.Day(), int(d.Month()), d.Year())
	}
	if b.Issuer.VI != "" {
		c += " của " + b.Issuer.VI
	}
	if b.Title.VI != "" {
		c += " " + b.Title.VI
	}
	return c
}
