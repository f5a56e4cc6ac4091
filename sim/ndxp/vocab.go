package ndxp

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed vocab.json
var vocabJSON []byte

// vocab is what synthetic people, companies and parcels are named from.
type vocab struct {
	FamilyNames []struct {
		Name   string `json:"name"`
		Weight int    `json:"weight"`
	} `json:"family_names"`
	Male              namesBySex `json:"male"`
	Female            namesBySex `json:"female"`
	Streets           []string   `json:"streets"`
	Lenders           []string   `json:"lenders"`
	CompanyForms      []string   `json:"company_forms"`
	CompanyTrades     []string   `json:"company_trades"`
	CompanyBrands     []string   `json:"company_brands"`
	PublicEmployers   []string   `json:"public_employers"`
	CertificateSeries []string   `json:"certificate_series"`

	familyCum []int
}

type namesBySex struct {
	TraditionalMiddle string   `json:"traditional_middle"`
	Middle            []string `json:"middle"`
	Given             []string `json:"given"`
}

func loadVocab() (*vocab, error) {
	var v struct {
		Comment string `json:"_comment"`
		vocab
	}
	dec := json.NewDecoder(bytes.NewReader(vocabJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("parse vocab: %w", err)
	}
	voc := &v.vocab
	total := 0
	for _, f := range voc.FamilyNames {
		if f.Name == "" || f.Weight <= 0 {
			return nil, fmt.Errorf("vocab: family name %q: want a name and a positive weight", f.Name)
		}
		total += f.Weight
		voc.familyCum = append(voc.familyCum, total)
	}
	for name, list := range map[string][]string{
		"family_names": nil, "male.middle": voc.Male.Middle, "male.given": voc.Male.Given,
		"female.middle": voc.Female.Middle, "female.given": voc.Female.Given, "streets": voc.Streets,
		"lenders": voc.Lenders, "company_forms": voc.CompanyForms, "company_trades": voc.CompanyTrades,
		"company_brands": voc.CompanyBrands, "public_employers": voc.PublicEmployers,
		"certificate_series": voc.CertificateSeries,
	} {
		if name != "family_names" && len(list) == 0 {
			return nil, fmt.Errorf("vocab: %s is empty", name)
		}
	}
	if len(voc.familyCum) == 0 || voc.Male.TraditionalMiddle == "" || voc.Female.TraditionalMiddle == "" {
		return nil, fmt.Errorf("vocab: family names and traditional middle names are required")
	}
	return voc, nil
}

func (v *vocab) names(female bool) *namesBySex {
	if female {
		return &v.Female
	}
	return &v.Male
}
