package main

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// form is an HTML form as a browser would post it.
type form struct {
	action     *url.URL
	values     url.Values        // what a browser sends as the page stands
	names      map[string]bool   // every named control, sent or not
	checkboxes map[string]string // name → value of the first checkbox of that name
	multipart  bool
}

// parseForm reads the form matched by sel on page h: named inputs (hidden and read-only ones
// too), checked boxes and radios, selected options, textareas.
func parseForm(h hop, sel string) (form, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(h.body))
	if err != nil {
		return form{}, err
	}
	sf := doc.Find(sel)
	if sf.Length() != 1 {
		return form{}, fmt.Errorf("no single form %s on %s (status %d)%s", sel, h.url, h.status, errorSummary(doc))
	}
	f := form{values: url.Values{}, names: map[string]bool{}, checkboxes: map[string]string{},
		multipart: sf.AttrOr("enctype", "") == "multipart/form-data"}
	sf.Find("input[name], select[name], textarea[name]").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		f.names[name] = true
		switch goquery.NodeName(s) {
		case "input":
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if s.AttrOr("type", "") == "checkbox" && f.checkboxes[name] == "" {
					f.checkboxes[name] = s.AttrOr("value", "on")
				}
				if _, ok := s.Attr("checked"); ok {
					f.values.Add(name, s.AttrOr("value", "on"))
				}
			case "file", "submit", "button", "image", "reset":
			default:
				f.values.Add(name, s.AttrOr("value", ""))
			}
		case "select":
			if opt := s.Find("option[selected]"); opt.Length() > 0 {
				f.values.Add(name, opt.First().AttrOr("value", ""))
			} else {
				f.values.Add(name, s.Find("option").First().AttrOr("value", ""))
			}
		case "textarea":
			f.values.Add(name, s.Text())
		}
	})
	f.action, err = h.url.Parse(sf.AttrOr("action", h.url.String()))
	return f, err
}

func errorSummary(doc *goquery.Document) string {
	if t := strings.Join(strings.Fields(doc.Find("[data-testid=error-summary]").Text()), " "); t != "" {
		return ": " + t
	}
	return ""
}

// post sends the form, as multipart when the form says so (with no files).
func (f form) post(c *http.Client) (hop, error) {
	var body bytes.Buffer
	contentType := "application/x-www-form-urlencoded"
	if f.multipart {
		w := multipart.NewWriter(&body)
		for k, vs := range f.values {
			for _, v := range vs {
				if err := w.WriteField(k, v); err != nil {
					return hop{}, err
				}
			}
		}
		if err := w.Close(); err != nil {
			return hop{}, err
		}
		contentType = w.FormDataContentType()
	} else {
		body.WriteString(f.values.Encode())
	}
	req, err := http.NewRequest(http.MethodPost, f.action.String(), &body)
	if err != nil {
		return hop{}, err
	}
	req.Header.Set("Content-Type", contentType)
	return fetch(c, req)
}

// postFollow posts f and follows the redirect, if it answers with one.
func (f form) postFollow(c *http.Client) (hop, error) {
	h, err := f.post(c)
	if err != nil || h.loc == "" {
		return h, err
	}
	next, err := h.url.Parse(h.loc)
	if err != nil {
		return h, err
	}
	return follow(c, next.String())
}

// filler sets a step's answers in the form values; names holds every control of the step.
type filler func(v url.Values, names map[string]bool)

// completeDraft runs the citizen's real journey: the consent page of procedure code, then every
// step posted with "continue" after fill, up to "check your answers". It returns the draft's
// id and the check page's submission form with every box (the declaration) ticked. It does not
// submit.
func completeDraft(c *http.Client, base, code string, fill filler) (string, form, error) {
	ask, err := follow(c, base+"/procedures/"+code+"/start")
	if err != nil {
		return "", form{}, err
	}
	consent, err := parseForm(ask, "form[data-testid=start-consent]")
	if err != nil {
		return "", form{}, fmt.Errorf("consent page: %w", err)
	}
	h, err := consent.postFollow(c)
	if err != nil {
		return "", form{}, err
	}
	for range 12 {
		if strings.HasSuffix(h.url.Path, "/check") {
			break
		}
		if h.status != http.StatusOK || !strings.Contains(h.url.Path, "/steps/") {
			return "", form{}, fmt.Errorf("expected a step, got %s (status %d)", h.url, h.status)
		}
		step, err := parseForm(h, "form[data-testid=step-form]")
		if err != nil {
			return "", form{}, err
		}
		fill(step.values, step.names)
		step.values.Set("action", "continue")
		prev := h.url.Path
		if h, err = step.postFollow(c); err != nil {
			return "", form{}, err
		}
		if h.url.Path == prev {
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(h.body))
			return "", form{}, fmt.Errorf("step %s was not accepted (status %d)%s", prev, h.status, errorSummary(doc))
		}
	}
	parts := strings.Split(strings.Trim(h.url.Path, "/"), "/")
	if len(parts) != 3 || parts[0] != "drafts" || parts[2] != "check" {
		return "", form{}, fmt.Errorf("the journey ended on %s, not on check your answers", h.url)
	}
	submit, err := parseForm(h, "form[data-testid=submit-form]")
	if err != nil {
		return "", form{}, err
	}
	for name, v := range submit.checkboxes {
		submit.values.Set(name, v)
	}
	return parts[1], submit, nil
}

// householdBusiness fills 1.001612 (household business registration): the owner's details
// are prefilled and locked; the business is at the owner's permanent residence.
func householdBusiness() filler {
	var province, commune string
	return func(v url.Values, names map[string]bool) {
		if names["owner_residence.province"] {
			province, commune = v.Get("owner_residence.province"), v.Get("owner_residence.commune")
		}
		set := func(k, val string) {
			if names[k] {
				v.Set(k, val)
			}
		}
		set("owner_phone", "0912345678")
		set("business_name", "Hộ kinh doanh Tạp hóa Một Lần")
		set("business_address.province", province)
		set("business_address.commune", commune)
		set("business_address.line", "Số 1 ngõ Chợ")
		set("business_lines", "retail")
		set("capital", "50000000")
		set("employees", "2")
	}
}
