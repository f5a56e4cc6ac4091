package citizen

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/views/pages"
)

// TestMyDataShowsUpdatedFacts: facts another registry recorded from results issued here are
// named with their source; a record nobody updated shows no such row or column.
func TestMyDataShowsUpdatedFacts(t *testing.T) {
	t.Parallel()
	r := registry.PopulationRecord{PersonalID: "001326000001", FullName: "Nguyễn Thị Minh Anh",
		Household: registry.Household{ID: "HK-1", Members: []registry.HouseholdMember{
			{PersonalID: "001088012345", FullName: "Nguyễn Văn An", Relationship: "chủ hộ"},
			{PersonalID: "001326000001", FullName: "Nguyễn Thị Minh Anh", Relationship: "con"}}},
		Sources: []registry.FactSource{
			{Attribute: "record", PersonalID: "001326000001", Registry: registry.RegistryCivilStatus, ResultCode: "UBND-1-KQ1"},
			{Attribute: "household.members", PersonalID: "001326000001", Registry: registry.RegistryCivilStatus, ResultCode: "UBND-1-KQ1"},
			{Attribute: "permanent_residence", Registry: registry.RegistryResidence, ResultCode: "CA-1-KQ1"},
		}}
	secs := populationSections(r)
	fields := map[string]string{}
	for _, f := range secs[0].Fields {
		fields[f.Label] = f.Value.Text
	}
	require.Equal(t, "Cơ sở dữ liệu hộ tịch điện tử — cập nhật từ kết quả UBND-1-KQ1", fields["mydata.updated.record"])
	require.Equal(t, "Cơ sở dữ liệu về cư trú — cập nhật từ kết quả CA-1-KQ1", fields["mydata.updated.residence"])
	require.NotContains(t, fields, "mydata.updated.marital")
	members := secs[1].Tables[0]
	require.Equal(t, "mydata.updated", members.Head[len(members.Head)-1])
	require.Equal(t, pages.Value{}, members.Rows[0][len(members.Rows[0])-1], "An was not recorded from a result")
	require.Contains(t, members.Rows[1][len(members.Rows[1])-1].Text, "UBND-1-KQ1")

	r.Sources = nil
	plain := populationSections(r)
	require.NotContains(t, plain[1].Tables[0].Head, "mydata.updated")
	for _, f := range plain[0].Fields {
		require.NotContains(t, f.Label, "mydata.updated")
	}
}
