package registry

import (
	"context"
	"fmt"
	"net/url"
)

// LandUse is one land-use purpose on a parcel (ONT, ODT, LUC, CLN, …) with its area.
type LandUse struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	AreaM2 float64 `json:"area_m2"`
}

// Certificate is a land-use-right certificate (GCN).
type Certificate struct {
	Serial   string `json:"serial"`
	IssuedOn string `json:"issued_on"`
	Issuer   string `json:"issuer"`
}

// CoOwner shares a parcel.
type CoOwner struct {
	PersonalID   string  `json:"personal_id"`
	FullName     string  `json:"full_name"`
	SharePercent float64 `json:"share_percent"`
}

// Mortgage is a registered mortgage on a parcel.
type Mortgage struct {
	Lender       string `json:"lender"`
	RegisteredOn string `json:"registered_on"`
	AmountVND    int64  `json:"amount_vnd"`
}

// PendingTransaction is a transaction filed but not completed.
type PendingTransaction struct {
	Kind      string `json:"kind"`
	FiledOn   string `json:"filed_on"`
	Reference string `json:"reference"`
}

// Parcel is a land parcel a person holds rights to.
type Parcel struct {
	RecordID            string               `json:"record_id"`
	MapSheet            string               `json:"map_sheet"`
	ParcelNumber        string               `json:"parcel_number"`
	ProvinceCode        string               `json:"province_code"`
	ProvinceName        string               `json:"province_name"`
	CommuneCode         string               `json:"commune_code"`
	CommuneName         string               `json:"commune_name"`
	GeohashID           string               `json:"geohash_id"`
	Address             string               `json:"address"`
	AreaM2              float64              `json:"area_m2"`
	LandUse             []LandUse            `json:"land_use"`
	Term                string               `json:"term"`
	Certificate         Certificate          `json:"certificate"`
	CoOwners            []CoOwner            `json:"co_owners"`
	Mortgages           []Mortgage           `json:"mortgages"`
	PendingTransactions []PendingTransaction `json:"pending_transactions"`
}

// LandRecord lists the parcels a person holds.
type LandRecord struct {
	HolderPersonalID string   `json:"holder_personal_id"`
	Parcels          []Parcel `json:"parcels"`
}

// Land reads the parcels a person holds from the land database.
func (c *Client) Land(ctx context.Context, req Request) (LandRecord, Provenance, error) {
	var rec LandRecord
	if err := c.get(ctx, Land, "/land/v1/parcels", url.Values{"holder": {req.PersonalID}}, req, &rec); err != nil {
		return LandRecord{}, Provenance{}, fmt.Errorf("registry: land: %w", err)
	}
	ref := "LAND-HOLDER-" + req.PersonalID
	if len(rec.Parcels) == 1 {
		ref = rec.Parcels[0].RecordID
	}
	return rec, Provenance{Database: Land, RecordRef: ref, RetrievedAt: c.cfg.Now()}, nil
}
