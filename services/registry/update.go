package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Kinds of an update of the population database.
const (
	UpdateBirth     = "birth"
	UpdateResidence = "permanent_residence"
	UpdateMarriage  = "marriage"
)

// Registries a fact of a population record can come from (FactSource.Registry).
const (
	RegistryCivilStatus = "civil_status" // the electronic civil status database
	RegistryResidence   = "residence"    // the residence database
)

// PlaceRef is a place by its codes, and the rest of the address.
type PlaceRef struct {
	ProvinceCode string `json:"province_code"`
	CommuneCode  string `json:"commune_code"`
	AddressLine  string `json:"address_line,omitempty"`
}

// BirthFact is what a birth registration records: the database gives the child a personal ID
// and adds them to the household of the parent HouseholdOf names.
type BirthFact struct {
	FullName          string   `json:"full_name"`
	BirthDate         string   `json:"birth_date"`
	Sex               string   `json:"sex"`
	Ethnicity         string   `json:"ethnicity"`
	RegistrationPlace PlaceRef `json:"registration_place"`
	FatherPersonalID  string   `json:"father_personal_id,omitempty"`
	MotherPersonalID  string   `json:"mother_personal_id,omitempty"`
	HouseholdOf       string   `json:"household_of,omitempty"`
}

// ResidenceFact is a person's new permanent residence.
type ResidenceFact struct {
	PersonalID string   `json:"personal_id"`
	Residence  PlaceRef `json:"residence"`
}

// MarriageFact is two people married to each other.
type MarriageFact struct {
	PersonalID        string `json:"personal_id"`
	PartnerPersonalID string `json:"partner_personal_id"`
}

// Update is the change an issued result makes to the population database; the exchange applies
// an update once per ResultCode, so sending it again is safe.
type Update struct {
	ResultCode    string         `json:"result_code"`
	ProcedureCode string         `json:"procedure_code"`
	Issuer        string         `json:"issuer"`
	IssuedAt      time.Time      `json:"issued_at"`
	Kind          string         `json:"kind"`
	Birth         *BirthFact     `json:"birth,omitempty"`
	Residence     *ResidenceFact `json:"residence,omitempty"`
	Marriage      *MarriageFact  `json:"marriage,omitempty"`
}

// UpdateReceipt is the exchange's answer: whom the update concerns (a birth: the personal ID
// the child was given) and when it was applied.
type UpdateReceipt struct {
	ResultCode string    `json:"result_code"`
	Kind       string    `json:"kind"`
	PersonalID string    `json:"personal_id"`
	AppliedAt  time.Time `json:"applied_at"`
}

// FactSource says which registry recorded a fact of a population record, from which result:
// Attribute is "record", "household.members" (PersonalID: the member), "permanent_residence" or
// "marital_status".
type FactSource struct {
	Attribute  string    `json:"attribute"`
	PersonalID string    `json:"personal_id,omitempty"`
	Registry   string    `json:"registry"`
	ResultCode string    `json:"result_code"`
	Issuer     string    `json:"issuer"`
	RecordedAt time.Time `json:"recorded_at"`
}

// SendUpdate sends an issued result's change to the population database. ErrRejected means the
// exchange refused it (resending will not help); ErrUnavailable that it may be sent again later.
// It does not go through the reads' circuit breaker: it runs in a retried job, not a page.
func (c *Client) SendUpdate(ctx context.Context, up Update) (UpdateReceipt, error) {
	body, err := json.Marshal(up)
	if err != nil {
		return UpdateReceipt{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout(Population))
	defer cancel()
	u := c.base.JoinPath("/exchange/v1/population/updates")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return UpdateReceipt{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return UpdateReceipt{}, fmt.Errorf("%w: token: %s", ErrRejected, re.Response.Status)
		}
		return UpdateReceipt{}, fmt.Errorf("%w: update %s: %v", ErrUnavailable, up.ResultCode, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return UpdateReceipt{}, fmt.Errorf("%w: update %s: read: %v", ErrUnavailable, up.ResultCode, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusCreated:
		var rc UpdateReceipt
		if err := json.Unmarshal(b, &rc); err != nil || rc.ResultCode != up.ResultCode {
			return UpdateReceipt{}, fmt.Errorf("%w: update %s: not a receipt of it", ErrMalformed, up.ResultCode)
		}
		return rc, nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		return UpdateReceipt{}, fmt.Errorf("%w: update %s: %s", ErrUnavailable, up.ResultCode, resp.Status)
	default:
		return UpdateReceipt{}, fmt.Errorf("%w: update %s: %s %s", ErrRejected, up.ResultCode, resp.Status, strings.TrimSpace(string(b)))
	}
}

// SourceOf returns the latest fact of attribute (and, for household members, of the member
// personalID) another registry recorded in the record.
func (r PopulationRecord) SourceOf(attribute, personalID string) (FactSource, bool) {
	for i := len(r.Sources) - 1; i >= 0; i-- {
		if s := r.Sources[i]; s.Attribute == attribute && s.PersonalID == personalID {
			return s, true
		}
	}
	return FactSource{}, false
}
