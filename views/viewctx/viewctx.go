// Package viewctx carries what every page needs from the request (language, CSRF token, the
// signed-in user, the request ID) into templ components through the context, so components take
// only their own data as arguments.
package viewctx

import (
	"context"
	"net/url"
	"strings"
)

// User is the signed-in citizen as the header and pages show them.
type User struct {
	Name             string
	MaskedPersonalID string // e.g. "********2345"; "" when the provider gave none
	ACR              string // assurance level, e.g. "LoA2"
}

// StaffUser is the signed-in civil servant as the staff pages show them.
type StaffUser struct {
	Name       string
	Login      string
	AgencyName string
	Roles      []string
}

// Page is the request-wide data of one rendered page.
type Page struct {
	Lang      string // "vi" or "en"
	CSRFToken string
	Path      string // the current path with its query, for "return here" links
	RequestID string
	User      *User      // the citizen; nil when signed out
	Staff     *StaffUser // the civil servant on staff pages; nil elsewhere
	// Done is the i18n key of the success banner the page opens with ("done.…"), named by the
	// redirect that ended an action (?ok=done.draft.deleted); "" for none. See Done below.
	Done string
}

// DoneParam is the query parameter by which an action's redirect names its success banner.
const DoneParam = "ok"

type key struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p Page) context.Context { return context.WithValue(ctx, key{}, p) }

// From returns the page data in ctx, or a signed-out Vietnamese page when there is none.
func From(ctx context.Context) Page {
	if p, ok := ctx.Value(key{}).(Page); ok {
		return p
	}
	return Page{Lang: "vi"}
}

// DoneURL is path with the success banner key added to its query: where an action's
// redirect sends the browser so the next page says the action succeeded.
func DoneURL(path, key string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + DoneParam + "=" + url.QueryEscape(key)
}
