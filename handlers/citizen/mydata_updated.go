package citizen

import (
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/views/pages"
)

// addUpdatedMembers adds to the household members' table, when a result issued recorded one of
// them (a birth), the column that says so: "Cơ sở dữ liệu hộ tịch điện tử — cập nhật từ kết quả
// <code>". The rows are in the record's order of members.
func addUpdatedMembers(t *pages.DataTable, r registry.PopulationRecord) {
	any := false
	cells := make([]pages.Value, len(r.Household.Members))
	for i, m := range r.Household.Members {
		if s, ok := r.SourceOf("household.members", m.PersonalID); ok {
			u := updatedFrom(s.Registry, s.ResultCode)
			cells[i], any = pages.Value{Text: u.VI, EN: u.EN, Kind: pages.KindTwo}, true
		}
	}
	if !any || len(t.Rows) != len(cells) {
		return
	}
	t.Head = append(t.Head, "mydata.updated")
	for i := range t.Rows {
		t.Rows[i] = append(t.Rows[i], cells[i])
	}
}

// updatedFacts are the rows that say which of the person's own facts a result issued here
// recorded: their record (a birth), permanent residence, marital status.
func updatedFacts(r registry.PopulationRecord) []pages.DataField {
	var out []pages.DataField
	for _, f := range []struct{ attribute, label string }{
		{"record", "mydata.updated.record"}, {"permanent_residence", "mydata.updated.residence"}, {"marital_status", "mydata.updated.marital"},
	} {
		pid := ""
		if f.attribute == "record" {
			pid = r.PersonalID
		}
		if s, ok := r.SourceOf(f.attribute, pid); ok {
			u := updatedFrom(s.Registry, s.ResultCode)
			out = append(out, pages.DataField{Label: f.label, Value: pages.Value{Text: u.VI, EN: u.EN, Kind: pages.KindTwo}})
		}
	}
	return out
}
