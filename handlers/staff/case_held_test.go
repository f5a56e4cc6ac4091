package staff

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/forms"
)

type fakeHeld struct {
	docs map[int64]documents.Document
}

func (f fakeHeld) Get(_ context.Context, pid string, id int64) (documents.Document, error) {
	d, ok := f.docs[id]
	if !ok || d.HolderPersonalID != pid {
		return documents.Document{}, documents.ErrNotFound
	}
	return d, nil
}

func (f fakeHeld) Download(context.Context, string, int64, documents.Reader) (documents.Document, string, string, []byte, error) {
	return documents.Document{}, "", "", nil, nil
}

// TestHeldFilesShowProvenance: the officer sees each held document the case uses with where it
// came from, and a link through the case.
func TestHeldFilesShowProvenance(t *testing.T) {
	t.Parallel()
	const an = "001088012345"
	h := &Handler{Casework: Casework{Held: fakeHeld{docs: map[int64]documents.Document{
		11: {ID: 11, HolderPersonalID: an, Title: "Giấy khai sinh", Number: "UBND-00070-261127-0001-KQ1",
			IssuerName: "Ủy ban nhân dân phường Hoàn Kiếm", Provenance: documents.ProvenanceIssued, IssuedOn: time.Now()},
		12: {ID: 12, HolderPersonalID: an, Title: "Giấy khai sinh (bản chụp)", Number: "gks.pdf", Provenance: documents.ProvenanceUploaded},
	}}}}
	schema := forms.Schema{Steps: []forms.Step{{ID: "s", Fields: []forms.Field{
		{Name: "proof", Type: forms.TypeFile, Label: forms.Text{VI: "Giấy khai sinh", EN: "Birth certificate"}},
		{Name: "second", Type: forms.TypeFile, Label: forms.Text{VI: "Bản chụp", EN: "Copy"}},
		{Name: "gone", Type: forms.TypeFile, Label: forms.Text{VI: "Đã rút", EN: "Withdrawn"}},
	}}}}
	k := cases.Case{Code: "CA-00070-261201-0001", ApplicantPID: an,
		Data: forms.Answers{"proof": "held:11:verified", "second": "held:12:self", "gone": "held:13:self", "note": "x"}}
	items, err := h.heldFiles(context.Background(), k, schema)
	require.NoError(t, err)
	require.Len(t, items, 3)
	byLabel := map[string]string{}
	urls := map[string]string{}
	for _, it := range items {
		byLabel[it.Label.VI], urls[it.Label.VI] = it.Name, it.DownloadURL
	}
	require.Equal(t, "Giấy khai sinh — số UBND-00070-261127-0001-KQ1 — Đã xác thực — do Ủy ban nhân dân phường Hoàn Kiếm cấp", byLabel["Giấy khai sinh"])
	require.Equal(t, "/staff/cases/CA-00070-261201-0001/held/proof", urls["Giấy khai sinh"])
	require.Contains(t, byLabel["Bản chụp"], "Tự cung cấp")
	require.Contains(t, byLabel["Đã rút"], "không còn trong kho")
	require.Empty(t, urls["Đã rút"])

	none, err := h.heldFiles(context.Background(), cases.Case{Data: forms.Answers{"proof": "3f2a"}}, schema)
	require.NoError(t, err)
	require.Empty(t, none)
}
