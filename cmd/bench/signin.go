package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/motlan/portal/sim/vneid"
)

// newClient is an HTTP client with its own cookie jar that does not follow redirects, and
// enough idle connections for conc workers.
func newClient(conc int) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:     jar,
		Timeout: 15 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns: conc * 2, MaxIdleConnsPerHost: conc * 2, IdleConnTimeout: time.Minute,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

type hop struct {
	status int
	url    *url.URL
	loc    string
	body   string
}

func fetch(c *http.Client, req *http.Request) (hop, error) {
	resp, err := c.Do(req)
	if err != nil {
		return hop{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return hop{status: resp.StatusCode, url: req.URL, loc: resp.Header.Get("Location"), body: string(b)}, err
}

// follow GETs u and follows up to 10 redirects.
func follow(c *http.Client, u string) (hop, error) {
	for range 10 {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return hop{}, err
		}
		h, err := fetch(c, req)
		if err != nil || h.loc == "" {
			return h, err
		}
		next, err := h.url.Parse(h.loc)
		if err != nil {
			return h, err
		}
		u = next.String()
	}
	return hop{}, fmt.Errorf("too many redirects from %s", u)
}

// signIn runs the real code flow from startURL (the portal's login route) with the
// simulator's login form, and returns the status of the page it ends on.
func signIn(c *http.Client, startURL, username string) error {
	login, err := follow(c, startURL)
	if err != nil {
		return err
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(login.body))
	if err != nil {
		return err
	}
	form := doc.Find("form[data-testid=login-form]")
	if form.Length() != 1 {
		return fmt.Errorf("no simulator login form at %s (status %d)", login.url, login.status)
	}
	values := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		values.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	values.Set("username", username)
	values.Set("password", vneid.DemoPassword)
	action, err := login.url.Parse(form.AttrOr("action", ""))
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, action.String(), strings.NewReader(values.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	h, err := fetch(c, req)
	if err != nil {
		return err
	}
	if h.loc != "" {
		next, err := h.url.Parse(h.loc)
		if err != nil {
			return err
		}
		if h, err = follow(c, next.String()); err != nil {
			return err
		}
	}
	if h.status != http.StatusOK {
		return fmt.Errorf("sign-in of %s ended on %s with status %d", username, h.url, h.status)
	}
	return nil
}
