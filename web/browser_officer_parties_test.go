package web_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserOfficerSeesParties: the officer's page of a birth registration that An filed under
// the mother's authorisation names everyone with their full personal ID and source, says why the
// case came to this agency, and tells the officer to check the authorisation, accessibly. The
// case is put in the table directly, so the page is checked whatever the form asks.
func TestBrowserOfficerSeesParties(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	ctx := t.Context()
	an, err := citizens.New(s.db, nil).SignedIn(ctx, "http://idp", "an", anPersonalID, "Nguyễn Văn An")
	require.NoError(t, err)
	text := func(vi, en string) forms.Text { return forms.Text{VI: vi, EN: en} }
	parties, err := json.Marshal([]cases.Party{
		{ID: cases.PartyApplicant, Kind: cases.PartyRepresentative, Label: text("Người được ủy quyền nộp hồ sơ", "Authorised representative"),
			Role: text("Người được cha hoặc mẹ ủy quyền", "Someone the father or mother authorised"), FullName: "Nguyễn Văn An",
			PersonalID: anPersonalID, Source: cases.SourceIdentity},
		{ID: "child", Kind: forms.PartySubject, Label: text("Trẻ được đăng ký khai sinh", "The child registered"), FullName: "Phạm Gia Huy",
			Source: cases.SourceCitizen},
		{ID: "mother", Kind: forms.PartyParent, Label: text("Mẹ của trẻ", "The child's mother"), FullName: "Phạm Thị Dung",
			PersonalID: "038301009876", Source: "population", RecordRef: "DC-038301009876"},
	})
	require.NoError(t, err)
	code := "UBND-00070-261127-0042"
	_, err = casetest.Insert(ctx, s.db, casetest.Spec{Code: code, CitizenID: an.ID, ApplicantPID: anPersonalID, ApplicantName: "Nguyễn Văn An",
		Procedure: "1.001193", Agency: "UBND-00070", Parties: parties,
		RoutingReasonVI: "nơi cư trú của mẹ, theo lựa chọn của người đi đăng ký", RoutingReasonEN: "where the mother lives, as the applicant chose",
		Data: []byte(`{"child_full_name": "Phạm Gia Huy", "mother_full_name": "Phạm Thị Dung", "mother_personal_id": "038301009876"}`)})
	require.NoError(t, err)

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
	id := browsertest.TestID
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("parties"))
	officer.Screenshot("officer-case-parties")
	officer.AssertAccessible(t)

	require.Equal(t, 3, officer.Count(id("parties")+" [data-party]"))
	mother := officer.Text("[data-party=mother]")
	require.Contains(t, mother, "Phạm Thị Dung")
	require.Contains(t, mother, "038301009876", "the agency's officer sees the full personal ID")
	require.Contains(t, mother, "Cơ sở dữ liệu quốc gia về dân cư")
	require.Contains(t, officer.Text("[data-party=applicant]"), "Người được cha hoặc mẹ ủy quyền")
	require.Contains(t, officer.Text(id("route-reason")), "nơi cư trú của mẹ")
	require.Contains(t, officer.Text(id("authorisation-notice")), "Người nộp là người được ủy quyền — kiểm tra văn bản ủy quyền")
	require.Empty(t, officer.ConsoleErrors())
}
