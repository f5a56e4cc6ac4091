package citizen

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// fakeOutcome is services/outcome at the citizen pages' boundary.
type fakeOutcome struct {
	SignedDocumentsFunc func(ctx context.Context, caseID int64) ([]results.Result, error)
}

func (fakeOutcome) Download(context.Context, casework.Actor, int64, bool) (results.Result, []byte, error) {
	return results.Result{}, nil, nil
}

func (fakeOutcome) Signed(context.Context, casework.Actor, int64, string) (results.Result, []byte, error) {
	return results.Result{}, nil, nil
}

func (f fakeOutcome) SignedDocuments(ctx context.Context, caseID int64) ([]results.Result, error) {
	return f.SignedDocumentsFunc(ctx, caseID)
}

func received(at time.Time) cases.Case {
	due := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	return cases.Case{ID: 7, Code: "UBND-00070-261127-0001", ProcedureCode: "1.001193", AgencyCode: "UBND-00070",
		ApplicantName: "Đặng Thị Mai", ApplicantPID: "001301006789", Status: casestatus.Processing,
		SubmittedAt: at.Add(-time.Hour), ReceivedAt: &at, DueOn: &due, ExpectedDueOn: due}
}

// TestReceiptSlipOnlyOnceReceived: the receipt slip is the agency's, from its receipt: when, by
// whom, and the appointment that step set; a case not yet received has none.
func TestReceiptSlipOnlyOnceReceived(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 28, 1, 15, 0, 0, time.UTC)
	k := received(at)
	later := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	k.DueOn = &later // moved since by an apology, which has its own letter
	firstDue := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	events := []cases.Event{{Action: "submit", ActorName: "Đặng Thị Mai"}, {Action: "receive", ActorName: "Phạm Thu Hà", DueOn: &firstDue}}
	p := catalogue.Procedure{Code: "1.001193", NameVI: "Đăng ký khai sinh", ProcessingDays: 1}
	a := catalogue.Agency{Code: "UBND-00070", Kind: catalogue.KindCommuneCommittee, Level: catalogue.LevelCommune,
		NameVI: "Ủy ban nhân dân phường Hoàn Kiếm", ProvinceCode: "01", CommuneCode: "00070"}
	schema := forms.Schema{Steps: []forms.Step{{ID: "d", Fields: []forms.Field{{Name: "birth_certificate", Type: forms.TypeFile, Label: forms.Text{VI: "Giấy chứng sinh", EN: "Birth certificate"}}}}}}
	files := []attachments.Attachment{{Field: "birth_certificate", FileName: "giay-chung-sinh.pdf"}}

	s, err := SlipOf(k, p, a, schema, files, events, catalogue.NewUnits(), "https://motlan.gov.vn/cases/"+k.Code)
	require.NoError(t, err)
	assert.True(t, s.ReceivedAt.Equal(at))
	assert.Equal(t, "Phạm Thu Hà", s.ReceivedBy)
	assert.True(t, s.DueOn.Equal(firstDue), "the appointment the receipt set")
	assert.Equal(t, "Hoàn Kiếm", s.Locality)
	assert.Equal(t, []string{"Tờ khai điện tử Đăng ký khai sinh", "Giấy chứng sinh: giay-chung-sinh.pdf"}, s.Documents)

	k.ReceivedAt, k.Status = nil, casestatus.New
	_, err = SlipOf(k, p, a, schema, files, events[:1], nil, "")
	assert.Equal(t, fault.ENOTFOUND, fault.Code(err), "no slip before the agency receives the case")
}

// TestCitizenSeesTheSignedResultsNumber: the citizen's case page names the result by what it is,
// with its number, verification code and the public check; the notice is always there, the slip
// once received.
func TestCitizenSeesTheSignedResultsNumber(t *testing.T) {
	t.Parallel()
	k := received(time.Date(2026, 11, 28, 1, 15, 0, 0, time.UTC))
	h := &Handler{BaseURL: "https://motlan.gov.vn", Life: Lifecycle{Outcome: fakeOutcome{SignedDocumentsFunc: func(context.Context, int64) ([]results.Result, error) {
		return []results.Result{{Code: k.Code + "-KQ1", Kind: results.KindResult, VerificationCode: "K7QX-3MPA-9TRD"}}, nil
	}}}}
	d, err := h.caseDocuments(context.Background(), k)
	require.NoError(t, err)
	assert.True(t, d.Notice)
	assert.True(t, d.Slip)
	require.NotNil(t, d.Result)
	assert.Equal(t, "Giấy khai sinh", d.Result.Name.VI)
	assert.Equal(t, k.Code+"-KQ1", d.Result.Code)
	assert.Equal(t, "https://motlan.gov.vn/verify?code=K7QX-3MPA-9TRD", d.Result.VerifyURL)
	assert.Empty(t, d.Result.PDF, "the citizen downloads it with the page's button, which delivers the case")
	assert.Nil(t, d.Apology)
}
