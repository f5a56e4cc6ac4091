package forms

import (
	"encoding/json"
	"strings"
)

// Change is what happened to a line of a schema between two versions.
type Change byte

// Changes of a line.
const (
	Same    Change = ' '
	Added   Change = '+'
	Removed Change = '-'
)

// DiffLine is one line of a diff, with its line number in the new text (0 for a removed line).
type DiffLine struct {
	Change Change
	Text   string
	Line   int
}

// Indent is the text of s as the administrator edits it and as Diff compares it: indented JSON
// with the fields in schema order, so that spacing or key order typed by hand is not a change.
func Indent(s Schema) string {
	b, _ := json.MarshalIndent(s, "", "  ") // a Schema is plain data: it always marshals
	return string(b)
}

// Diff compares the published schema with a new one, line by line of their Indent, and returns
// the changed lines with context lines of unchanged text around each change; nil when they
// are the same. Between two changes more than 2*context apart, a DiffLine with Change Same and
// Line -1 stands for the lines left out.
func Diff(published, next Schema, context int) []DiffLine {
	a, b := strings.Split(Indent(published), "\n"), strings.Split(Indent(next), "\n")
	all := lineDiff(a, b)
	keep := make([]bool, len(all))
	changed := false
	for i, d := range all {
		if d.Change == Same {
			continue
		}
		changed = true
		for j := max(0, i-context); j <= min(len(all)-1, i+context); j++ {
			keep[j] = true
		}
	}
	if !changed {
		return nil
	}
	var out []DiffLine
	for i, d := range all {
		if keep[i] {
			out = append(out, d)
		} else if i > 0 && keep[i-1] || i == 0 {
			out = append(out, DiffLine{Change: Same, Line: -1})
		}
	}
	return out
}

// lineDiff is the longest-common-subsequence diff of two texts' lines (schemas are a few
// hundred lines, so the quadratic table is small).
func lineDiff(a, b []string) []DiffLine {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, DiffLine{Change: Same, Text: b[j], Line: j + 1})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, DiffLine{Change: Added, Text: b[j], Line: j + 1})
			j++
		default:
			out = append(out, DiffLine{Change: Removed, Text: a[i]})
			i++
		}
	}
	return out
}
