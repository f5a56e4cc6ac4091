package catalogue_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/motlan/portal/services/catalogue"
)

// A document is dated at its agency's place (Decree 30/2020): the commune's name for a commune's
// agency, the province's otherwise, without the kind of unit unless the name is a number; and its
// agency is headed by the body that manages it.
func TestLetterhead(t *testing.T) {
	t.Parallel()
	u := catalogue.NewUnits()
	for _, c := range []struct {
		a    catalogue.Agency
		want catalogue.Letterhead
	}{
		{catalogue.Agency{Kind: catalogue.KindCommuneCommittee, Level: catalogue.LevelCommune, NameVI: "Ủy ban nhân dân phường Hoàn Kiếm", ProvinceCode: "01", CommuneCode: "00070"},
			catalogue.Letterhead{Name: "Ủy ban nhân dân phường Hoàn Kiếm", Locality: "Hoàn Kiếm"}},
		{catalogue.Agency{Kind: catalogue.KindCommunePolice, Level: catalogue.LevelCommune, NameVI: "Công an phường Hoàn Kiếm", ProvinceCode: "01", CommuneCode: "00070"},
			catalogue.Letterhead{Superior: "Công an thành phố Hà Nội", Name: "Công an phường Hoàn Kiếm", Locality: "Hoàn Kiếm"}},
		{catalogue.Agency{Kind: catalogue.KindSocialInsurance, Level: catalogue.LevelProvince, NameVI: "Bảo hiểm xã hội thành phố Hà Nội", ProvinceCode: "01"},
			catalogue.Letterhead{Superior: "Bảo hiểm xã hội Việt Nam", Name: "Bảo hiểm xã hội thành phố Hà Nội", Locality: "Hà Nội"}},
		{catalogue.Agency{Kind: catalogue.KindHomeAffairs, Level: catalogue.LevelProvince, NameVI: "Sở Nội vụ thành phố Đà Nẵng", ProvinceCode: "48"},
			catalogue.Letterhead{Superior: "Ủy ban nhân dân thành phố Đà Nẵng", Name: "Sở Nội vụ thành phố Đà Nẵng", Locality: "Đà Nẵng"}},
		{catalogue.Agency{Kind: catalogue.KindEmploymentCentre, Level: catalogue.LevelProvince, NameVI: "Trung tâm Dịch vụ việc làm tỉnh Lâm Đồng", ProvinceCode: "68"},
			catalogue.Letterhead{Superior: "Sở Nội vụ tỉnh Lâm Đồng", Name: "Trung tâm Dịch vụ việc làm tỉnh Lâm Đồng", Locality: "Lâm Đồng"}},
		{catalogue.Agency{Kind: catalogue.KindCommuneCommittee, Level: catalogue.LevelCommune, NameVI: "Ủy ban nhân dân phường 2 Bảo Lộc", ProvinceCode: "68", CommuneCode: "24820"},
			catalogue.Letterhead{Name: "Ủy ban nhân dân phường 2 Bảo Lộc", Locality: "Phường 2 Bảo Lộc"}},
	} {
		assert.Equal(t, c.want, u.Letterhead(c.a), c.a.NameVI)
	}
	assert.Equal(t, "Côn Đảo", catalogue.Locality("Đặc khu Côn Đảo"))
}
