package outcome

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/motlan/portal/services/catalogue"
)

// fakeLaw is a catalogue that keeps the procedures' legal bases as data.
type fakeLaw struct {
	realCatalogue
	bases []catalogue.LegalBasis
}

func (f fakeLaw) LegalBases(context.Context, string) ([]catalogue.LegalBasis, error) {
	return f.bases, nil
}

// TestDecisionCitesItsLegalBases: a decision cites, one "Căn cứ" each, the procedure's legal
// documents in force on its day: a law by name and number, the others by kind, number, date,
// issuer and subject; one repealed or not yet in force is not cited.
func TestDecisionCitesItsLegalBases(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	day := func(y, m, d int) *time.Time { t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); return &t }
	s.catalogue = fakeLaw{realCatalogue: s.catalogue.(realCatalogue), bases: []catalogue.LegalBasis{
		{Type: catalogue.DocLaw, Number: "41/2024/QH15", Title: tx("Luật Bảo hiểm xã hội"), EffectiveFrom: day(2025, 7, 1)},
		{Type: catalogue.DocDecree, Number: "158/2025/NĐ-CP", Title: tx("quy định chi tiết một số điều của Luật Bảo hiểm xã hội"),
			Issuer: tx("Chính phủ"), IssuedOn: day(2025, 6, 25), EffectiveFrom: day(2025, 7, 1)},
		{Type: catalogue.DocDecree, Number: "115/2015/NĐ-CP", Title: tx("cũ"), Issuer: tx("Chính phủ"), EffectiveUntil: day(2025, 7, 1)},
		{Type: catalogue.DocCircular, Number: "99/2027/TT-BNV", Title: tx("sắp có hiệu lực"), Issuer: tx("Bộ Nội vụ"), EffectiveFrom: day(2027, 1, 1)},
	}}
	in := s.decision(context.Background(), demoCases()["1.014173"])
	var cited []string
	for _, l := range in.Body.Lines {
		if strings.HasPrefix(l.Text, "Căn cứ ") {
			cited = append(cited, l.Text)
		}
	}
	assert.Equal(t, []string{
		"Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15;",
		"Căn cứ Nghị định số 158/2025/NĐ-CP ngày 25 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Bảo hiểm xã hội;",
	}, cited)
}
