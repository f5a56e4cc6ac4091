package citizen

import "github.com/motlan/portal/views/components"

// registryNames names the registries that record facts in the population database from results
// issued (registry.RegistryCivilStatus, registry.RegistryResidence).
var registryNames = map[string]components.Text{
	"civil_status": {VI: "Cơ sở dữ liệu hộ tịch điện tử", EN: "Electronic civil status database"},
	"residence":    {VI: "Cơ sở dữ liệu về cư trú", EN: "Residence database"},
}

// updatedFrom says where a fact the population database holds was recorded from: "Cơ sở dữ
// liệu hộ tịch điện tử — cập nhật từ kết quả <code>".
func updatedFrom(registry, resultCode string) components.Text {
	n, ok := registryNames[registry]
	if !ok {
		n = components.Text{VI: "Cơ sở dữ liệu chuyên ngành", EN: "Sector database"}
	}
	return components.Text{VI: n.VI + " — cập nhật từ kết quả " + resultCode, EN: n.EN + " — updated from result " + resultCode}
}
