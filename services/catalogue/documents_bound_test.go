package catalogue_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/forms"
)

// TestDocumentBindings: a file field that binds a document type names one of the store's
// vocabulary; the residence registration takes a held birth certificate as the proof of a
// family relationship (Law on Residence, art. 21(2)).
func TestDocumentBindings(t *testing.T) {
	t.Parallel()
	vocab, err := documents.New(nil, documents.Deps{}, nil)
	require.NoError(t, err)
	bound := map[string]string{}
	for code, f := range procedureFiles(t) {
		s, err := forms.Parse(f["schema"])
		require.NoError(t, err, code)
		for _, st := range s.Steps {
			for _, fd := range st.Fields {
				if fd.Document != "" {
					require.True(t, vocab.Known(documents.Type(fd.Document)), "%s.%s binds unknown type %q", code, fd.Name, fd.Document)
					bound[code+"."+fd.Name] = fd.Document
				}
			}
		}
	}
	require.Equal(t, "birth_certificate", bound["1.004222.relationship_proof"])
}
