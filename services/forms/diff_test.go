package forms

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	one := Schema{Steps: []Step{{ID: "a", Fields: []Field{{Name: "x", Type: TypeText, Label: Text{VI: "X", EN: "X"}}}}}}
	require.Nil(t, Diff(one, one, 3), "no change")

	two := one
	two.Steps = []Step{{ID: "a", Fields: []Field{one.Steps[0].Fields[0], {Name: "nickname", Type: TypeText, Label: Text{VI: "Tên", EN: "Name"}}}}}
	d := Diff(one, two, 1)
	var added, removed []string
	for _, l := range d {
		switch l.Change {
		case Added:
			added = append(added, l.Text)
			require.Positive(t, l.Line)
		case Removed:
			removed = append(removed, l.Text)
		}
	}
	require.Contains(t, added, `          "name": "nickname",`)
	require.Empty(t, removed, "adding a field only adds lines: %v", d)
	require.Equal(t, DiffLine{Change: Same, Line: -1}, d[0], "the unchanged start is left out")
}
