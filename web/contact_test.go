package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// codeIn reads the last code queued to a number (the SMS outbox) or an address (the email
// outbox), as the citizen would read it in the message.
func (s *stack) codeIn(t *testing.T, to string) string {
	t.Helper()
	var body string
	err := s.db.QueryRow(context.Background(), `
		SELECT body FROM (
			SELECT body_text AS body, created_at, id FROM sms_outbox WHERE to_number = $1
			UNION ALL SELECT body_text, created_at, id FROM email_outbox WHERE to_address = $1) m
		ORDER BY created_at DESC, id DESC LIMIT 1`, to).Scan(&body)
	require.NoError(t, err)
	code := regexp.MustCompile(`\b[0-9]{6}\b`).FindString(body)
	require.NotEmpty(t, code, body)
	return code
}

// TestContactPage: the provider's verified e-mail and phone are stored at sign-in and shown; a
// new number is refused with its message linked to the field and kept as typed, then accepted,
// confirmed by the code sent to it (a wrong code first), and ends with a success banner.
func TestContactPage(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	b.signIn(s, "001088012345") // Nguyễn Văn An: VNeID sends a verified e-mail and phone

	p := b.get(s.portalURL + "/account/contact")
	require.Equal(t, http.StatusOK, p.status)
	doc := p.doc(t)
	require.Equal(t, "an.nguyen@example.vn", doc.Find("[data-testid=contact-email-value]").Text(), "claims → contact stored")
	require.Equal(t, 1, doc.Find("[data-testid=contact-email-verified]").Length())
	require.Equal(t, "0912 345 678", doc.Find("[data-testid=contact-phone-value]").Text())
	tok := csrfToken(t, p)

	t.Run("ErrBadNumberKeepsInput", func(t *testing.T) {
		p := b.post(s.portalURL+"/account/contact", url.Values{"_csrf": {tok}, "channel": {"phone"}, "value": {"024 3825 1234"}})
		require.Equal(t, http.StatusUnprocessableEntity, p.status)
		doc := p.doc(t)
		require.Equal(t, "#phone", doc.Find("[data-testid=error-summary] a").AttrOr("href", ""), "the error links to its field")
		require.Equal(t, 1, doc.Find("[data-testid=error-phone]").Length())
		require.Equal(t, "024 3825 1234", doc.Find("input#phone").AttrOr("value", ""), "nothing typed is lost")
		require.Contains(t, doc.Find("[data-testid=error-phone]").Text(), "0912 345 678", "the message says what to type")
	})

	t.Run("ChangeConfirmedByCode", func(t *testing.T) {
		p := b.post(s.portalURL+"/account/contact", url.Values{"_csrf": {tok}, "channel": {"phone"}, "value": {"0987 654 321"}})
		require.Equal(t, http.StatusSeeOther, p.status)
		require.Equal(t, "/account/contact/confirm?channel=phone", p.header.Get("Location"))
		confirm := b.get(s.portalURL + "/account/contact/confirm?channel=phone")
		require.Contains(t, confirm.doc(t).Find("[data-testid=contact-confirm-sent]").Text(), "0987 654 321")
		code := s.codeIn(t, "+84987654321")

		wrong := b.post(s.portalURL+"/account/contact/confirm", url.Values{"_csrf": {tok}, "channel": {"phone"}, "code": {"12345"}})
		require.Equal(t, http.StatusUnprocessableEntity, wrong.status)
		require.Equal(t, "#code", wrong.doc(t).Find("[data-testid=error-summary] a").AttrOr("href", ""))

		done := b.post(s.portalURL+"/account/contact/confirm", url.Values{"_csrf": {tok}, "channel": {"phone"}, "code": {code[:3] + " " + code[3:]}})
		require.Equal(t, http.StatusSeeOther, done.status)
		page := b.follow(s.portalURL + done.header.Get("Location"))
		doc := page.doc(t)
		require.Equal(t, "0987 654 321", doc.Find("[data-testid=contact-phone-value]").Text())
		require.Equal(t, 1, doc.Find("[data-testid=contact-phone-verified]").Length())
		require.Equal(t, 1, doc.Find(".govuk-notification-banner--success").Length(), "a success banner")
	})

	t.Run("ErrNoCSRF", func(t *testing.T) {
		p := b.post(s.portalURL+"/account/contact", url.Values{"channel": {"email"}, "value": {"x@example.vn"}})
		require.Equal(t, http.StatusForbidden, p.status)
	})

	t.Run("ErrSignedOut", func(t *testing.T) {
		anon := newBrowser(t)
		p := anon.get(s.portalURL + "/account/contact")
		require.Equal(t, http.StatusSeeOther, p.status)
	})

	t.Run("RateLimited", func(t *testing.T) {
		var last int
		for range 6 {
			last = b.post(s.portalURL+"/account/contact", url.Values{"_csrf": {tok}, "channel": {"email"}, "value": {"an@example.vn"}}).status
		}
		require.Equal(t, http.StatusTooManyRequests, last, "a few codes an hour per citizen")
	})
}
