package citizens

import (
	"net/mail"
	"regexp"
	"strings"

	"github.com/motlan/portal/services/fault"
)

// The messages of a refused e-mail address or phone number, keys of views/i18n
// (catalog_contact.go): each says what to type.
const (
	MsgEmailEmpty   = "contact.error.email.empty"
	MsgEmailInvalid = "contact.error.email.invalid"
	MsgPhoneEmpty   = "contact.error.phone.empty"
	MsgPhoneInvalid = "contact.error.phone.invalid"
)

// maxEmail is the longest address SMTP carries (RFC 5321's path limit less the brackets).
const maxEmail = 254

// NormalizeEmail checks a typed e-mail address and returns it with its domain in lower case:
// a bare address (no name, no brackets) whose domain has a dot.
func NormalizeEmail(raw string) (string, error) {
	const op = "citizens.NormalizeEmail"
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fault.New(fault.EINVALID, MsgEmailEmpty, op)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || len(s) > maxEmail {
		return "", fault.New(fault.EINVALID, MsgEmailInvalid, op)
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || !strings.Contains(strings.Trim(domain, "."), ".") || strings.Contains(domain, "..") ||
		strings.ContainsAny(s, " \t\r\n\"") {
		return "", fault.New(fault.EINVALID, MsgEmailInvalid, op)
	}
	return local + "@" + strings.ToLower(domain), nil
}

// mobile is a Vietnamese mobile number as stored: +84 and nine digits, the first of the
// carriers' mobile prefixes (3, 5, 7, 8, 9; 10-digit numbers since the 2018 renumbering).
var mobile = regexp.MustCompile(`^\+84[35789][0-9]{8}$`)

// NormalizePhone checks a typed Vietnamese mobile number, written 0xxxxxxxxx, +84xxxxxxxxx or
// 84xxxxxxxxx, with or without spaces, dots or dashes, and returns it as +84xxxxxxxxx. Only
// mobile numbers are accepted: a text message cannot reach a landline.
func NormalizePhone(raw string) (string, error) {
	const op = "citizens.NormalizePhone"
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '(', ')', '\u00a0':
			return -1
		}
		return r
	}, strings.TrimSpace(raw))
	if s == "" {
		return "", fault.New(fault.EINVALID, MsgPhoneEmpty, op)
	}
	switch {
	case strings.HasPrefix(s, "+84"):
	case strings.HasPrefix(s, "84") && len(s) == 11:
		s = "+" + s
	case strings.HasPrefix(s, "0"):
		s = "+84" + s[1:]
	}
	if !mobile.MatchString(s) {
		return "", fault.New(fault.EINVALID, MsgPhoneInvalid, op)
	}
	return s, nil
}

// LocalPhone writes a stored number (+84xxxxxxxxx) as people in Vietnam write it: 0xxx xxx xxx.
func LocalPhone(e164 string) string {
	if !mobile.MatchString(e164) {
		return e164
	}
	d := "0" + e164[3:]
	return d[:4] + " " + d[4:7] + " " + d[7:]
}
