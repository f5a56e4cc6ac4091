package citizen

import (
	"fmt"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// personOptions are the household members a person field offers: name, year of birth and their
// relationship to the head of the household, as the household record says.
func personOptions(d drafts.Draft, f forms.Field) []components.OptionView {
	var out []components.OptionView
	for _, m := range d.PersonOptions(f) {
		year := m.BirthDate
		if len(year) >= 4 {
			year = year[:4]
		}
		out = append(out, components.OptionView{Value: m.PersonalID, Label: components.Text{
			VI: fmt.Sprintf("%s — sinh năm %s, %s (số định danh %s)", m.FullName, year, m.Relationship, m.PersonalID),
			EN: fmt.Sprintf("%s — born %s, %s (personal ID %s)", m.FullName, year, m.Relationship, m.PersonalID),
		}})
	}
	return append(out, components.OptionView{Value: forms.PersonNone, Label: components.Text{
		VI: "Không có trong hộ gia đình của bạn (bạn tự khai thông tin bên dưới)",
		EN: "Not in your household (enter the details below yourself)",
	}})
}

// addressNote explains an address recorded under the units in force before 1 July 2025: mapped
// to the new commune that kept its code, or shown as recorded for the citizen to confirm.
func addressNote(d drafts.Draft, f forms.Field) (components.Text, bool) {
	if old, ok := d.Prefill.Unconfirmed[f.Name]; ok {
		return components.Text{
			VI: "Cơ sở dữ liệu quốc gia về dân cư ghi địa chỉ theo đơn vị hành chính trước ngày 01/7/2025: «" + old +
				"». Vui lòng chọn tỉnh, thành phố và xã, phường hiện nay của địa chỉ này.",
			EN: "The national population database records this address under the administrative units in force before 1 July 2025: «" + old +
				"». Please choose its current province and commune.",
		}, true
	}
	if filled, ok := d.Prefill.Fields[f.Name]; ok && filled.Note == prefill.NoteMappedUnit {
		return components.Text{
			VI: "Địa chỉ được ghi theo đơn vị hành chính cũ và đã được chuyển sang xã, phường mới (từ ngày 01/7/2025).",
			EN: "The address was recorded under the former administrative units and is shown in its new commune (since 1 July 2025).",
		}, true
	}
	return components.Text{}, false
}

// partyViews shows the parties a case names, each with where their identity came from.
func partyViews(ps []cases.Party) []pages.PartyView {
	out := make([]pages.PartyView, 0, len(ps))
	for _, p := range ps {
		out = append(out, pages.PartyView{ID: p.ID, Label: two(p.Label), Role: two(p.Role), Name: p.FullName,
			PersonalID: p.PersonalID, Source: p.Source, RecordRef: p.RecordRef})
	}
	return out
}
