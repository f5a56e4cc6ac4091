package outcome

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/dong"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// vietnam is Indochina Time (UTC+7, no daylight saving).
var vietnam = time.FixedZone("ICT", 7*3600)

// caseValues are one case's facts as its documents show them (results.Values): every answer in
// Vietnamese, as an official paper writes it.
type caseValues struct {
	fields  map[string]forms.Field
	answers forms.Answers
	units   Units
	vars    map[string]string
}

var _ results.Values = caseValues{}

func newCaseValues(schema forms.Schema, answers forms.Answers, units Units) caseValues {
	v := caseValues{fields: map[string]forms.Field{}, answers: answers, units: units}
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			v.fields[f.Name] = f
		}
	}
	return v
}

// Answer is the answer to a field asked on the form, in Vietnamese; "" for a field the form
// does not have or did not show.
func (v caseValues) Answer(name, format string) string {
	f, ok := v.fields[name]
	if !ok || !forms.Visible(f, v.answers) {
		return ""
	}
	return vietnamese(f, v.answers, format, v.units)
}

func (v caseValues) Var(name string) string { return v.vars[name] }

func (v caseValues) Is(name string, equals []string) bool {
	f, ok := v.fields[name]
	if !ok || !forms.Visible(f, v.answers) {
		return slices.Contains(equals, "")
	}
	if f.Type == forms.TypeCheckbox {
		for _, s := range v.answers.Strings(name) {
			if slices.Contains(equals, s) {
				return true
			}
		}
		return slices.Contains(equals, "") && len(v.answers.Strings(name)) == 0
	}
	return slices.Contains(equals, v.answers.String(name))
}

func (v caseValues) Items(group string) []results.Values {
	f, ok := v.fields[group]
	if !ok || f.Type != forms.TypeGroup || !forms.Visible(f, v.answers) {
		return nil
	}
	var out []results.Values
	for _, item := range v.answers.Items(group) {
		iv := caseValues{fields: map[string]forms.Field{}, answers: item, units: v.units, vars: v.vars}
		for _, sub := range f.Fields {
			iv.fields[sub.Name] = sub
		}
		out = append(out, iv)
	}
	return out
}

// vietnamese writes the answer to f as an official paper does: an option's label, never its
// code; a date as dd/mm/yyyy (or in words, or its year, as format asks); money with its
// thousands and "đồng"; an address as "line, commune, province" by name; a personal ID masked.
// An answer it cannot write so (an option no longer offered, a malformed date) is "".
func vietnamese(f forms.Field, a forms.Answers, format string, units Units) string {
	switch f.Type {
	case forms.TypeDate:
		d, err := time.Parse(time.DateOnly, a.String(f.Name))
		if err != nil {
			return ""
		}
		switch format {
		case "date_words":
			return capitalise(results.DateInWords(d))
		case "year":
			return strconv.Itoa(d.Year())
		}
		return d.Format("02/01/2006")
	case forms.TypeMoney:
		n, err := strconv.ParseInt(a.String(f.Name), 10, 64)
		if err != nil {
			return ""
		}
		return dong.Format(n)
	case forms.TypeSelect, forms.TypeRadio:
		return optionLabel(f, a.String(f.Name))
	case forms.TypeCheckbox:
		var labels []string
		for _, v := range a.Strings(f.Name) {
			if l := optionLabel(f, v); l != "" {
				labels = append(labels, l)
			}
		}
		return strings.Join(labels, "; ")
	case forms.TypeYesNo:
		switch a.String(f.Name) {
		case "yes":
			return "Có"
		case "no":
			return "Không"
		}
		return ""
	case forms.TypeAddress:
		return addressText(a.Address(f.Name), units)
	case forms.TypeProvince:
		if units == nil {
			return ""
		}
		province, _ := units.Names(a.String(f.Name), "")
		return province
	case forms.TypePersonalID:
		if id := a.String(f.Name); id != "" {
			return citizens.MaskPersonalID(id)
		}
		return ""
	case forms.TypeFile, forms.TypePerson, forms.TypeParcel, forms.TypeGroup:
		return "" // an attachment's id, a household member's or a parcel's record: not for a paper
	}
	return strings.Join(strings.Fields(a.String(f.Name)), " ")
}

// optionLabel is the Vietnamese label of an option of f; "" for a value it does not offer.
func optionLabel(f forms.Field, value string) string {
	for _, o := range f.Options {
		if o.Value == value {
			return o.Label.VI
		}
	}
	return ""
}

// addressText is "line, commune, province" by name; a code not on the map is left out.
func addressText(ad forms.Address, units Units) string {
	var province, commune string
	if units != nil {
		province, commune = units.Names(ad.Province, ad.Commune)
	}
	parts := make([]string, 0, 3)
	for _, s := range []string{strings.Join(strings.Fields(ad.Line), " "), commune, province} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
