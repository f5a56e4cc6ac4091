package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
)

// upload is a file to post with a form.
type upload struct {
	name    string
	content []byte
}

// formValues collects what a browser would post from the form matched by sel: every named
// input (hidden and read-only ones too), checked boxes, selected options, textareas.
func formValues(t *testing.T, p page, sel string) (url.Values, string) {
	t.Helper()
	form := p.doc(t).Find(sel)
	require.Equal(t, 1, form.Length(), "form %s on %s:\n%s", sel, p.url, p.body)
	v := url.Values{}
	form.Find("input[name], select[name], textarea[name]").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		switch goquery.NodeName(s) {
		case "input":
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, ok := s.Attr("checked"); ok {
					v.Add(name, s.AttrOr("value", "on"))
				}
			case "file", "submit", "button":
			default:
				v.Add(name, s.AttrOr("value", ""))
			}
		case "select":
			if opt := s.Find("option[selected]"); opt.Length() > 0 {
				v.Add(name, opt.First().AttrOr("value", ""))
			} else {
				v.Add(name, s.Find("option").First().AttrOr("value", ""))
			}
		case "textarea":
			v.Add(name, s.Text())
		}
	})
	action := p.url.ResolveReference(mustParse(t, form.AttrOr("action", p.url.String()))).String()
	return v, action
}

// submitForm posts the form on p with changes applied (a nil slice deletes a value) and files
// attached, as multipart when the form says so.
func (b *browser) submitForm(p page, sel string, changes url.Values, files map[string]upload) page {
	b.t.Helper()
	values, action := formValues(b.t, p, sel)
	for k, vs := range changes {
		if vs == nil {
			values.Del(k)
			continue
		}
		values[k] = vs
	}
	form := p.doc(b.t).Find(sel)
	if form.AttrOr("enctype", "") != "multipart/form-data" {
		return b.post(action, values)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range values {
		for _, v := range vs {
			require.NoError(b.t, w.WriteField(k, v))
		}
	}
	for field, f := range files {
		fw, err := w.CreateFormFile(field, f.name)
		require.NoError(b.t, err)
		_, err = fw.Write(f.content)
		require.NoError(b.t, err)
	}
	require.NoError(b.t, w.Close())
	req, err := http.NewRequest(http.MethodPost, action, &body)
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

var samplePDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func testid(id string) string { return "[data-testid=" + id + "]" }

func textOf(t *testing.T, p page, sel string) string {
	t.Helper()
	return strings.TrimSpace(p.doc(t).Find(sel).Text())
}
