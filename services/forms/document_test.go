package forms_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
)

func TestDocumentBinding(t *testing.T) {
	t.Parallel()
	schema := func(f forms.Field) forms.Schema {
		f.Name, f.Label = "proof", forms.Text{VI: "Giấy khai sinh", EN: "Birth certificate"}
		return forms.Schema{Steps: []forms.Step{{ID: "docs", Fields: []forms.Field{f}}}, Declaration: forms.Text{VI: "Tôi cam đoan", EN: "I declare"}}
	}
	t.Run("OK", func(t *testing.T) {
		require.NoError(t, schema(forms.Field{Type: forms.TypeFile, Document: "birth_certificate"}).Check())
	})
	t.Run("ErrNotFile", func(t *testing.T) {
		require.ErrorContains(t, schema(forms.Field{Type: forms.TypeText, Document: "birth_certificate"}).Check(), "only a file field")
	})
	t.Run("ErrBadCode", func(t *testing.T) {
		require.ErrorContains(t, schema(forms.Field{Type: forms.TypeFile, Document: "Giấy khai sinh"}).Check(), "binds document type")
	})
	t.Run("ErrMinorNotPerson", func(t *testing.T) {
		require.ErrorContains(t, schema(forms.Field{Type: forms.TypeText, Minor: true}).Check(), "only a person field offers minors")
	})
	t.Run("Parsed", func(t *testing.T) {
		s, err := forms.Parse([]byte(`{"steps":[{"id":"d","fields":[{"name":"p","type":"file","document":"birth_certificate",
			"label":{"vi":"Giấy khai sinh","en":"Birth certificate"}}]}],"declaration":{"vi":"x","en":"x"}}`))
		require.NoError(t, err)
		require.Equal(t, "birth_certificate", s.Steps[0].Fields[0].Document)
	})
}
