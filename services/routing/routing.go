// Package routing finds the agency competent for a case: the place a procedure's schema names
// (its routes: the new residence's commune, the business location, the parcel, the province
// where benefits are claimed, the residence of the parent the applicant chose) and the agency of
// the procedure's kind and level there (services/catalogue). It says why, in words the receipt
// and the check-answers page show.
package routing

import (
	"context"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
)

// Place is a province and, for commune-level procedures, a commune.
type Place struct {
	Province string
	Commune  string
}

// Decision is where a case goes and why.
type Decision struct {
	Agency catalogue.Agency
	Place  Place
	Field  string     // the field whose answer gave the place
	Reason forms.Text // "the commune where you register your new permanent residence"
}

// Agencies finds the agency of a procedure at a place (catalogue.Service.Route).
type Agencies interface {
	Route(ctx context.Context, p catalogue.Procedure, provinceCode, communeCode string) (catalogue.Agency, error)
}

// MsgNoPlace: no route of the schema gives a place (an answer the routes need is missing).
const MsgNoPlace = "routing.error.noplace"

// Decide returns the agency a draft's case goes to and why.
func Decide(ctx context.Context, agencies Agencies, p catalogue.Procedure, schema forms.Schema, answers forms.Answers, parcels []prefill.ParcelOption) (Decision, error) {
	pl, field, reason, ok := PlaceOf(schema, answers, parcels)
	if !ok {
		return Decision{}, fault.New(fault.EINVALID, MsgNoPlace, "routing.decide "+p.Code)
	}
	a, err := agencies.Route(ctx, p, pl.Province, pl.Commune)
	if err != nil {
		return Decision{}, err
	}
	return Decision{Agency: a, Place: pl, Field: field, Reason: reason}, nil
}

// legacyReason explains the routing of schemas published before routes were data.
var legacyReason = forms.Text{VI: "nơi cư trú của người nộp hồ sơ", EN: "the applicant's place of residence"}

// PlaceOf applies the schema's routes in order: the first whose condition holds, whose field is
// asked and answered gives the place. A schema without routes (published before they existed)
// routes by the chosen parcel, else the applicant's permanent residence, else the first address.
func PlaceOf(schema forms.Schema, answers forms.Answers, parcels []prefill.ParcelOption) (pl Place, field string, reason forms.Text, ok bool) {
	for _, rt := range schema.Routing {
		if rt.When != nil && !forms.Visible(forms.Field{ShowIf: rt.When}, answers) {
			continue
		}
		f, _, found := schema.Field(rt.Field)
		if !found || !forms.Visible(f, answers) {
			continue
		}
		if pl, ok := placeOfField(f, answers, parcels); ok {
			return pl, f.Name, rt.Reason, true
		}
	}
	if len(schema.Routing) > 0 {
		return Place{}, "", forms.Text{}, false
	}
	return legacyPlace(schema, answers, parcels)
}

func placeOfField(f forms.Field, answers forms.Answers, parcels []prefill.ParcelOption) (Place, bool) {
	switch f.Type {
	case forms.TypeParcel:
		chosen := answers.String(f.Name)
		for _, p := range parcels {
			if p.RecordID == chosen {
				return Place{Province: p.Details[prefill.ParcelProvince], Commune: p.Details[prefill.ParcelCommune]}, true
			}
		}
	case forms.TypeAddress:
		if ad := answers.Address(f.Name); ad.Province != "" && ad.Commune != "" {
			return Place{Province: ad.Province, Commune: ad.Commune}, true
		}
	case forms.TypeProvince:
		if v := answers.String(f.Name); v != "" {
			return Place{Province: v}, true
		}
	}
	return Place{}, false
}

func legacyPlace(schema forms.Schema, answers forms.Answers, parcels []prefill.ParcelOption) (Place, string, forms.Text, bool) {
	var first *forms.Field
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			if f.Type == forms.TypeParcel && forms.Visible(f, answers) {
				if pl, ok := placeOfField(f, answers, parcels); ok {
					return pl, f.Name, forms.Text{VI: "nơi có thửa đất", EN: "where the parcel lies"}, true
				}
			}
		}
	}
	for _, st := range schema.Steps {
		for _, f := range st.Fields {
			if f.Type != forms.TypeAddress || !forms.Visible(f, answers) {
				continue
			}
			if f.Prefill == "population.permanent_residence" {
				if pl, ok := placeOfField(f, answers, parcels); ok {
					return pl, f.Name, legacyReason, true
				}
			}
			if first == nil {
				if _, ok := placeOfField(f, answers, parcels); ok {
					first = &f
				}
			}
		}
	}
	if first != nil {
		pl, _ := placeOfField(*first, answers, parcels)
		return pl, first.Name, legacyReason, true
	}
	return Place{}, "", forms.Text{}, false
}
