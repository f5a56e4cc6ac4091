package cases

import (
	"encoding/json"
	"testing"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
)

// A submission writes the case's JSON with the v2 engine under encoding/json's rules: the bytes
// are encoding/json's, key order, escaping, omitempty and omitzero included.
func TestSubmissionJSONIsEncodingJSON(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 27, 10, 15, 0, 123456000, time.FixedZone("ICT", 7*3600))
	for name, v := range map[string]any{
		"answers": forms.Answers{
			"reason": "Chuyển đến <nhà> mới & \"ở\" cùng mẹ", "phone": "0912345678", "count": 3.0,
			"residence": map[string]any{"province": "01", "commune": "00070", "street": "Số 1"},
			"members":   []any{map[string]any{"name": "Lê Thị Hoa", "relation": "mẹ"}}, "empty": []any{}, "none": nil,
			"agreed": true, "note\u2028": "a\u2028b",
		},
		"provenance": map[string]Provenance{
			"birth_date": {Source: "population", RecordRef: "POP-001088012345", RetrievedAt: at},
			"phone":      {Source: "citizen"},
		},
		"parties": []Party{
			{ID: PartyApplicant, Kind: PartyApplicant, Label: forms.Text{VI: "Người nộp hồ sơ", EN: "Applicant"},
				FullName: "Nguyễn Văn An", PersonalID: "001088012345", Source: SourceIdentity},
			{ID: "child", Kind: forms.PartySubject, Label: forms.Text{VI: "Con", EN: "Child"}, Role: forms.Text{VI: "Con"},
				FullName: "Nguyễn Minh Khôi", Source: "population", RecordRef: "POP-1", Fields: []string{}},
		},
	} {
		want, err := json.Marshal(v)
		require.NoError(t, err, name)
		got, err := jsonv2.Marshal(v, jsonv1.DefaultOptionsV1())
		require.NoError(t, err, name)
		require.Equal(t, string(want), string(got), name)
	}
}
