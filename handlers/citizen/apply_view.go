package citizen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

func two(t forms.Text) components.Text { return components.Text{VI: t.VI, EN: t.EN} }

func procedureItem(p catalogue.Procedure) pages.ProcedureItem {
	return pages.ProcedureItem{
		Code: p.Code, Name: two(p.Name()), Summary: two(p.Details.Summary), Topic: p.Topic, AgencyKind: p.AgencyKind,
		AgencyLevel: p.AgencyLevel, ProcessingDays: p.ProcessingDays, RequiredACR: p.RequiredACR,
	}
}

func fieldID(name string) string { return "f-" + strings.ReplaceAll(name, ".", "-") }

// provinceViews is the map for the address fields, which list only the chosen province's
// communes. The communes of all provinces share one allocation.
func provinceViews(u Units) []components.ProvinceView {
	ps := u.Provinces()
	n := 0
	for _, p := range ps {
		n += len(p.Communes)
	}
	all := make([]components.CommuneView, n)
	out := make([]components.ProvinceView, len(ps))
	for i, p := range ps {
		cs := all[:len(p.Communes):len(p.Communes)]
		for j, c := range p.Communes {
			cs[j] = components.CommuneView{Code: c.Code, Name: c.Name}
		}
		out[i] = components.ProvinceView{Code: p.Code, Name: p.NameVI, Communes: cs}
		all = all[len(p.Communes):]
	}
	return out
}

// stepView holds what building a step's fields needs.
type stepView struct {
	d         drafts.Draft
	errs      map[string]forms.FieldError
	files     map[string]attachments.Attachment
	provinces []components.ProvinceView
	stepIndex int
}

// fields builds the view of a step's fields. A field whose condition depends on a field of the
// same step is always shown (without JavaScript it cannot appear on a click); one depending on
// an earlier step only when its condition holds.
func (v stepView) fields(step forms.Step) []components.FieldView {
	sameStep := map[string]bool{}
	for _, f := range step.Fields {
		sameStep[f.Name] = true
	}
	var out []components.FieldView
	for _, f := range step.Fields {
		if f.ShowIf != nil && !sameStep[f.ShowIf.Field] && !forms.Visible(f, v.d.Answers) {
			continue
		}
		out = append(out, v.field(f, f.Name, v.d.Answers, true))
	}
	return out
}

func (v stepView) field(f forms.Field, name string, answers forms.Answers, top bool) components.FieldView {
	fv := components.FieldView{
		Name: name, ID: fieldID(name), Type: f.Type, Label: two(f.Label), Hint: two(f.Hint), Required: f.Required,
		MinItems: f.MinItems, MaxItems: f.MaxItems, ItemLabel: two(f.ItemLabel),
	}
	if fv.MaxItems == 0 {
		fv.MaxItems = 10
	}
	for _, o := range f.Options {
		fv.Options = append(fv.Options, components.OptionView{Value: o.Value, Label: two(o.Label)})
	}
	if e, ok := v.errs[name]; ok {
		fv.Error, fv.ErrorArgs = e.Message, e.Args
	} else {
		for _, part := range []string{".province", ".commune", ".line"} {
			if e, ok := v.errs[name+part]; ok {
				fv.Error, fv.ErrorArgs = e.Message, e.Args
			}
		}
	}
	if top {
		if filled, ok := v.d.Prefill.Fields[f.Name]; ok && filled.Locked {
			fv.Locked, fv.Source, fv.RecordRef, fv.AsOf = true, filled.Database, filled.RecordRef, filled.RetrievedAt
			if u := filled.Updated; u != nil {
				fv.Updated = updatedFrom(u.Registry, u.ResultCode)
			}
			fv.ReportURL = "/drafts/" + v.d.ID.String() + "/report"
		}
		fv.SelfDeclared = v.d.SelfDeclared(f)
		if hint, ok := addressNote(v.d, f); ok {
			fv.Hint = hint
		}
		if f.Type == forms.TypeFile && v.d.EvidenceRequired(f) {
			fv.EvidenceNote, fv.Required = true, true
		}
	}
	switch f.Type {
	case forms.TypeCheckbox:
		fv.Values = answers.Strings(f.Name)
	case forms.TypeAddress:
		a := answers.Address(f.Name)
		fv.Address = components.AddressValue{Province: a.Province, Commune: a.Commune, Line: a.Line}
		fv.Provinces = v.provinces
	case forms.TypePerson:
		fv.Type = forms.TypeRadio
		fv.Options = personOptions(v.d, f)
		fv.Value = answers.String(f.Name)
	case forms.TypeProvince:
		fv.Type = forms.TypeSelect
		for _, p := range v.provinces {
			fv.Options = append(fv.Options, components.OptionView{Value: p.Code, Label: components.Text{VI: p.Name, EN: p.Name}})
		}
		fv.Value = answers.String(f.Name)
	case forms.TypeParcel:
		for _, p := range v.d.Prefill.Parcels {
			fv.Options = append(fv.Options, components.OptionView{Value: p.RecordID, Label: components.Text{VI: p.Label, EN: p.Label}})
		}
		fv.Value = answers.String(f.Name)
	case forms.TypeFile:
		if a, ok := v.files[f.Name]; ok {
			fv.File = &components.FileView{ID: a.ID.String(), Name: a.FileName, SizeBytes: a.SizeBytes, DownloadURL: "/attachments/" + a.ID.String()}
		}
	case forms.TypeGroup:
		items := answers.Items(f.Name)
		for len(items) < f.MinItems {
			items = append(items, forms.Answers{})
		}
		for i, item := range items {
			var subs []components.FieldView
			for _, sub := range f.Fields {
				subs = append(subs, v.field(sub, name+"."+strconv.Itoa(i)+"."+sub.Name, item, false))
			}
			fv.Items = append(fv.Items, subs)
		}
	default:
		fv.Value = answers.String(f.Name)
	}
	return fv
}

// errorLinks lists a step's errors for the summary, in field order.
func errorLinks(step forms.Step, errs []forms.FieldError) []components.ErrorLink {
	labels := map[string]forms.Text{}
	var walk func(fs []forms.Field)
	walk = func(fs []forms.Field) {
		for _, f := range fs {
			labels[f.Name] = f.Label
			walk(f.Fields)
		}
	}
	walk(step.Fields)
	out := make([]components.ErrorLink, 0, len(errs))
	for _, e := range errs {
		parts := strings.Split(e.Field, ".")
		label := labels[parts[len(parts)-1]]
		if l, ok := labels[parts[0]]; ok && len(parts) == 2 { // an address part
			label = l
		}
		id := fieldID(e.Field)
		if len(parts) == 2 && parts[1] == "province" {
			id = fieldID(parts[0])
		}
		out = append(out, components.ErrorLink{FieldID: id, Message: e.Message, Args: e.Args, Label: two(label)})
	}
	return out
}

func errorMap(errs []forms.FieldError) map[string]forms.FieldError {
	m := make(map[string]forms.FieldError, len(errs))
	for _, e := range errs {
		if _, ok := m[e.Field]; !ok {
			m[e.Field] = e
		}
	}
	return m
}

// answerSections shows every asked field's answer, with where it came from.
// held describes the file answers that name a held document (heldAnswers), by field; nil: the
// generic words.
func answerSections(schema forms.Schema, answers forms.Answers, source func(f forms.Field) (db string, self bool),
	files map[string]attachments.Attachment, parcels map[string]string, held map[string]pages.Value, units Units) []pages.CheckSection {
	var out []pages.CheckSection
	for i, st := range schema.Steps {
		sec := pages.CheckSection{Step: i, Title: two(st.Title)}
		for _, f := range st.Fields {
			if !forms.Visible(f, answers) {
				continue
			}
			row := pages.CheckRow{Label: two(f.Label)}
			row.Source, row.SelfDeclared = source(f)
			switch f.Type {
			case forms.TypeGroup:
				for _, item := range answers.Items(f.Name) {
					var cells []pages.CheckRow
					for _, sub := range f.Fields {
						cells = append(cells, pages.CheckRow{Value: answerValue(sub, item, nil, nil, units)})
					}
					row.Items = append(row.Items, cells)
				}
				if len(row.Items) == 0 {
					row.Value = pages.Value{Text: ""}
				}
			default:
				row.Value = answerValue(f, answers, files, parcels, units)
				if v, ok := held[f.Name]; ok && f.Type == forms.TypeFile {
					row.Value = v
				}
			}
			sec.Rows = append(sec.Rows, row)
		}
		out = append(out, sec)
	}
	return out
}

func answerValue(f forms.Field, a forms.Answers, files map[string]attachments.Attachment, parcels map[string]string, units Units) pages.Value {
	switch f.Type {
	case forms.TypeDate:
		return pages.Value{Text: a.String(f.Name), Kind: pages.KindDate}
	case forms.TypeMoney:
		if a.String(f.Name) == "" {
			return pages.Value{}
		}
		return pages.Value{Text: a.String(f.Name), Kind: pages.KindMoney}
	case forms.TypePersonalID, forms.TypePerson:
		return pages.Value{Text: a.String(f.Name), Kind: pages.KindMono}
	case forms.TypeSelect, forms.TypeRadio:
		v := a.String(f.Name)
		for _, o := range f.Options {
			if o.Value == v {
				return pages.Value{Text: o.Label.VI, EN: o.Label.EN, Kind: pages.KindTwo}
			}
		}
		return pages.Value{Text: v}
	case forms.TypeYesNo:
		switch a.String(f.Name) {
		case "yes":
			return pages.Value{Text: "form.yes", Kind: pages.KindKey}
		case "no":
			return pages.Value{Text: "form.no", Kind: pages.KindKey}
		}
		return pages.Value{}
	case forms.TypeCheckbox:
		var vi, en []string
		for _, v := range a.Strings(f.Name) {
			for _, o := range f.Options {
				if o.Value == v {
					vi, en = append(vi, o.Label.VI), append(en, o.Label.EN)
				}
			}
		}
		return pages.Value{Text: strings.Join(vi, "; "), EN: strings.Join(en, "; "), Kind: pages.KindTwo}
	case forms.TypeAddress:
		ad := a.Address(f.Name)
		return pages.Value{Text: addressText(ad, units)}
	case forms.TypeParcel:
		return pages.Value{Text: parcels[a.String(f.Name)]}
	case forms.TypeProvince:
		if p, ok := units.Province(a.String(f.Name)); ok {
			return pages.Value{Text: p.NameVI, EN: p.NameEN, Kind: pages.KindTwo}
		}
		return pages.Value{Text: a.String(f.Name)}
	case forms.TypeFile:
		if h, ok := drafts.ParseHeld(a.String(f.Name)); ok {
			return heldAnswer(h)
		}
		if at, ok := files[f.Name]; ok {
			return pages.Value{Text: fmt.Sprintf("%s (%d KB)", at.FileName, (at.SizeBytes+1023)/1024)}
		}
		return pages.Value{}
	}
	return pages.Value{Text: a.String(f.Name)}
}

// unitNames names an address's units by code, a map lookup: catalogue.Units.Names. (Units
// could ask for it; apply.go, which declares Units, is not this change's to edit.)
type unitNames interface {
	Names(provinceCode, communeCode string) (province, commune string)
}

var _ unitNames = (*catalogue.Units)(nil)

// addressText is "line, commune, province"; a code not on the map is left out.
func addressText(ad forms.Address, units Units) string {
	var province, commune string
	if n, ok := units.(unitNames); ok {
		province, commune = n.Names(ad.Province, ad.Commune)
	}
	parts := make([]string, 0, 3)
	for _, s := range []string{ad.Line, commune, province} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}
