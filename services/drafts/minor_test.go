package drafts_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
)

// TestPersonOptionsMinors: a person field of minors offers the household members under 18 on
// the day the draft started, no one whose birth date cannot be read, and every member otherwise.
func TestPersonOptionsMinors(t *testing.T) {
	t.Parallel()
	started := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	d := drafts.Draft{CreatedAt: started, Schema: forms.Schema{Parties: []forms.Party{{ID: "registrant", Kind: forms.PartySubject}}},
		Prefill: drafts.Prefill{Household: []prefill.PersonOption{
			{PersonalID: "001190023456", FullName: "Đặng Thị Mai", BirthDate: "1990-07-21"},
			{PersonalID: "001208000001", FullName: "Eighteen today", BirthDate: "2008-12-03"},
			{PersonalID: "001208000002", FullName: "Eighteen tomorrow", BirthDate: "2008-12-04"},
			{PersonalID: "001326597652", FullName: "Nguyễn Ngọc Ánh", BirthDate: "2026-11-20"},
			{PersonalID: "001326000009", FullName: "No date"},
		}}}
	ids := func(f forms.Field) []string {
		var out []string
		for _, m := range d.PersonOptions(f) {
			out = append(out, m.PersonalID)
		}
		return out
	}
	minors := forms.Field{Name: "registrant_member", Type: forms.TypePerson, Party: "registrant", Minor: true}
	require.Equal(t, []string{"001208000002", "001326597652"}, ids(minors))
	minors.Minor = false
	require.Len(t, ids(minors), 5)
}
