package citizen

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
)

// fakeHoldings is the document store at the citizen pages' boundary: only Get is used here.
type fakeHoldings struct {
	Holdings
	GetFunc func(ctx context.Context, personalID string, id int64) (documents.Document, error)
}

func (f fakeHoldings) Get(ctx context.Context, personalID string, id int64) (documents.Document, error) {
	return f.GetFunc(ctx, personalID, id)
}

func TestHeldChoices(t *testing.T) {
	t.Parallel()
	const an = "001088012345"
	withdrawn := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	docs := map[int64]documents.Document{
		1: {ID: 1, HolderPersonalID: an, Type: "birth_certificate", Provenance: documents.ProvenanceIssued},
		2: {ID: 2, HolderPersonalID: an, Type: "birth_certificate", Provenance: documents.ProvenanceUploaded},
		3: {ID: 3, HolderPersonalID: an, Type: "marriage_certificate", Provenance: documents.ProvenanceIssued},
		4: {ID: 4, HolderPersonalID: an, Type: "birth_certificate", Provenance: documents.ProvenanceUploaded, WithdrawnAt: &withdrawn},
	}
	h := &Handler{Documents: fakeHoldings{GetFunc: func(_ context.Context, pid string, id int64) (documents.Document, error) {
		d, ok := docs[id]
		if !ok || pid != d.HolderPersonalID {
			return documents.Document{}, documents.ErrNotFound
		}
		return d, nil
	}}}
	step := forms.Step{ID: "d", Fields: []forms.Field{
		{Name: "proof", Type: forms.TypeFile, Document: "birth_certificate"},
		{Name: "other", Type: forms.TypeFile},
	}}
	choose := func(pid, v string) (map[string]drafts.Held, []forms.FieldError) {
		got, errs, err := h.heldChoices(context.Background(), pid, step, url.Values{"proof__held": {v}, "other__held": {"1"}})
		require.NoError(t, err)
		return got, errs
	}
	for _, tc := range []struct {
		name, pid, value string
		want             map[string]drafts.Held
	}{
		{"IssuedIsVerified", an, "1", map[string]drafts.Held{"proof": {ID: 1, Verified: true}}},
		{"KeptUploadIsSelfProvided", an, "2", map[string]drafts.Held{"proof": {ID: 2}}},
		{"UploadInstead", an, "upload", map[string]drafts.Held{"proof": {}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := choose(tc.pid, tc.value)
			require.Empty(t, errs)
			require.Equal(t, tc.want, got, "a field bound to no document type is never held")
		})
	}
	for name, tc := range map[string]struct{ pid, value string }{
		"ErrOtherType":    {an, "3"},
		"ErrWithdrawn":    {an, "4"},
		"ErrNotTheHolder": {"079175001234", "1"},
		"ErrUnknown":      {an, "99"},
		"ErrMalformed":    {an, "x"},
	} {
		t.Run(name, func(t *testing.T) {
			got, errs := choose(tc.pid, tc.value)
			require.Empty(t, got)
			require.Equal(t, []forms.FieldError{{Field: "proof", Message: "reuse.error.notheld"}}, errs)
		})
	}
}

func TestHeldGone(t *testing.T) {
	t.Parallel()
	const an = "001088012345"
	withdrawn := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	docs := map[int64]documents.Document{
		1: {ID: 1, HolderPersonalID: an, Type: "birth_certificate", Provenance: documents.ProvenanceIssued},
		3: {ID: 3, HolderPersonalID: an, Type: "marriage_certificate", Provenance: documents.ProvenanceIssued},
		4: {ID: 4, HolderPersonalID: an, Type: "birth_certificate", Provenance: documents.ProvenanceUploaded, WithdrawnAt: &withdrawn},
	}
	h := &Handler{Documents: fakeHoldings{GetFunc: func(_ context.Context, pid string, id int64) (documents.Document, error) {
		d, ok := docs[id]
		if !ok || pid != d.HolderPersonalID {
			return documents.Document{}, documents.ErrNotFound
		}
		return d, nil
	}}}
	schema := forms.Schema{Steps: []forms.Step{
		{ID: "a", Fields: []forms.Field{{Name: "basis", Type: forms.TypeRadio}}},
		{ID: "d", Fields: []forms.Field{
			{Name: "hidden_proof", Type: forms.TypeFile, Document: "birth_certificate", ShowIf: &forms.Condition{Field: "basis", Equals: []string{"family"}}},
			{Name: "proof", Type: forms.TypeFile, Document: "birth_certificate"},
		}},
	}}
	d := drafts.Draft{Schema: schema}
	gone := func(pid string, answers forms.Answers) string {
		d.Answers = answers
		href, err := h.heldGone(context.Background(), pid, d)
		require.NoError(t, err)
		return href
	}
	step1 := "/drafts/" + d.ID.String() + "/steps/1#" + fieldID("proof")
	t.Run("OK", func(t *testing.T) {
		require.Empty(t, gone(an, forms.Answers{"proof": drafts.Held{ID: 1, Verified: true}.Answer()}))
		require.Empty(t, gone(an, forms.Answers{"proof": "3f2a0c1e-upload"}), "an upload is not re-checked here")
		require.Empty(t, gone(an, forms.Answers{"proof": drafts.Held{ID: 1, Verified: true}.Answer(),
			"hidden_proof": drafts.Held{ID: 99}.Answer()}), "a field not asked does not count")
	})
	for name, tc := range map[string]struct {
		pid string
		id  int64
	}{
		"ErrNoLongerListed": {an, 99},
		"ErrWithdrawn":      {an, 4},
		"ErrOtherType":      {an, 3},
		"ErrNotTheHolder":   {"079175001234", 1},
	} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, step1, gone(tc.pid, forms.Answers{"proof": drafts.Held{ID: tc.id}.Answer()}))
		})
	}
}

func TestHeldAnswers(t *testing.T) {
	t.Parallel()
	const an = "001088012345"
	issued := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	h := &Handler{Documents: fakeHoldings{GetFunc: func(_ context.Context, pid string, id int64) (documents.Document, error) {
		if pid != an || id != 1 {
			return documents.Document{}, documents.ErrNotFound
		}
		return documents.Document{ID: 1, Type: "birth_certificate", Title: "Giấy khai sinh", TypeNameEN: "Birth certificate",
			Number: "UBND-00070-261204-0001-KQ1", IssuerName: "Ủy ban nhân dân phường Hoàn Kiếm", IssuedOn: issued,
			Provenance: documents.ProvenanceIssued}, nil
	}}}
	got, err := h.heldAnswers(context.Background(), an, forms.Answers{"proof": drafts.Held{ID: 1, Verified: true}.Answer(),
		"gone": drafts.Held{ID: 2}.Answer(), "name": "An"})
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, "Giấy khai sinh số UBND-00070-261204-0001-KQ1, do Ủy ban nhân dân phường Hoàn Kiếm cấp ngày 04/12/2026 — đã xác thực, từ Giấy tờ của tôi", got["proof"].Text)
	require.Equal(t, "Birth certificate No. UBND-00070-261204-0001-KQ1, issued by Ủy ban nhân dân phường Hoàn Kiếm on 04/12/2026 — verified, from My documents", got["proof"].EN)
	require.Equal(t, "Giấy tờ đã có trong kho — tự cung cấp", got["gone"].Text, "one no longer listed keeps the generic words")
}
