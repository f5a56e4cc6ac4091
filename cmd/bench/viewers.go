package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/sim/vneid"
)

// viewerIdentities are the VNeID simulator's accounts for the bench: the demo identities, and
// after them, when the My data latency run has more workers than there are demo citizens,
// accounts for as many of the NDXP simulator's synthetic citizens, so that every worker views
// the page of a person of its own. One person does not view their own data twice at once; two
// workers on one person append to one access-log chain and wait for each other's lock, which is
// the bench's doing, not the portal's. viewers are the personal IDs, demo citizens first.
func viewerIdentities(nd *ndxp.Server, want int) (*vneid.Identities, []string, error) {
	demo := vneid.DefaultIdentities()
	citizens := demo.Citizens()
	for i := 0; len(citizens) < want && i < nd.SyntheticCitizens(); i++ {
		c, err := syntheticAccount(nd.SyntheticPersonalID(i), i)
		if err != nil {
			return nil, nil, err
		}
		citizens = append(citizens, c)
	}
	b, err := json.Marshal(map[string]any{"citizens": citizens, "staff": demo.Staff()})
	if err != nil {
		return nil, nil, err
	}
	ids, err := vneid.LoadIdentities(bytes.NewReader(b))
	if err != nil {
		return nil, nil, err
	}
	viewers := make([]string, len(citizens))
	for i, c := range citizens {
		viewers[i] = c.PersonalID
	}
	return ids, viewers, nil
}

// syntheticAccount is a VNeID account for a synthetic citizen: the sex and the birth year are
// what the personal ID encodes (its fourth digit: the century and the sex; the fifth and sixth:
// the year), the name is made up.
func syntheticAccount(pid string, i int) (vneid.Citizen, error) {
	if len(pid) != 12 {
		return vneid.Citizen{}, fmt.Errorf("synthetic personal ID %q", pid)
	}
	code := int(pid[3] - '0')
	yy, err := strconv.Atoi(pid[4:6])
	if err != nil || code > 9 {
		return vneid.Citizen{}, fmt.Errorf("synthetic personal ID %q", pid)
	}
	gender := "male"
	if code%2 == 1 {
		gender = "female"
	}
	given := fmt.Sprintf("Thử%d", i+1)
	return vneid.Citizen{
		Sub: fmt.Sprintf("bench-viewer-%d", i+1), PersonalID: pid,
		FamilyName: "Nguyễn", MiddleName: "Văn", GivenName: given, Name: "Nguyễn Văn " + given,
		Birthdate: fmt.Sprintf("%d-01-01", 1900+100*(code/2)+yy), Gender: gender, ACR: vneid.LoA2,
		Password: vneid.DemoPassword,
	}, nil
}
