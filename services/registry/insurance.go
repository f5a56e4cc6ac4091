package registry

import (
	"context"
	"fmt"
)

// HealthCard is a health-insurance card.
type HealthCard struct {
	Number             string `json:"number"`
	ValidFrom          string `json:"valid_from"`
	ValidTo            string `json:"valid_to"`
	RegisteredHospital string `json:"registered_hospital"`
}

// Employer is one employment that paid contributions.
type Employer struct {
	Name    string  `json:"name"`
	TaxCode string  `json:"tax_code"`
	From    string  `json:"from"`
	To      *string `json:"to"`
}

// Contribution is one month's social-insurance contribution.
type Contribution struct {
	Month           string `json:"month"`
	EmployerTaxCode string `json:"employer_tax_code"`
	SalaryBaseVND   int64  `json:"salary_base_vnd"`
	AmountVND       int64  `json:"amount_vnd"`
}

// Benefit is a benefit already paid.
type Benefit struct {
	Kind      string `json:"kind"`
	PaidOn    string `json:"paid_on"`
	AmountVND int64  `json:"amount_vnd"`
}

// InsuranceRecord is what the social-insurance database holds about a person.
type InsuranceRecord struct {
	RecordID            string         `json:"record_id"`
	PersonalID          string         `json:"personal_id"`
	InsuranceCode       string         `json:"insurance_code"`
	HealthCard          HealthCard     `json:"health_card"`
	ParticipationStatus string         `json:"participation_status"`
	Employers           []Employer     `json:"employers"`
	Contributions       []Contribution `json:"contributions"`
	TotalMonths         int            `json:"total_months"`
	Benefits            []Benefit      `json:"benefits"`
}

// Insurance reads a person from the social-insurance database.
func (c *Client) Insurance(ctx context.Context, req Request) (InsuranceRecord, Provenance, error) {
	var rec InsuranceRecord
	if err := c.get(ctx, Insurance, "/insurance/v1/participants/"+req.PersonalID, nil, req, &rec); err != nil {
		return InsuranceRecord{}, Provenance{}, fmt.Errorf("registry: insurance: %w", err)
	}
	return rec, Provenance{Database: Insurance, RecordRef: rec.RecordID, RetrievedAt: c.cfg.Now()}, nil
}
