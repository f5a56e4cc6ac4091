package citizen

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// Contacts keeps the citizen's e-mail address and mobile number (services/citizens).
type Contacts interface {
	Details(ctx context.Context, citizenID int64) (citizens.Details, error)
	RequestChange(ctx context.Context, citizenID int64, channel, raw string) (string, error)
	Confirm(ctx context.Context, citizenID int64, channel, code string) error
	FromProvider(ctx context.Context, citizenID int64, c citizens.Claimed) error
}

var _ Contacts = (*citizens.Contacts)(nil)

// contactPath is the contact details page; the route requires a citizen session.
const contactPath = "/account/contact"

// ShowContact shows the citizen's contact details and the forms to change them.
func (h *Handler) ShowContact(c echo.Context) error {
	return h.renderContact(c, http.StatusOK, "", "", "")
}

func (h *Handler) renderContact(c echo.Context, status int, channel, typed, errKey string) error {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	d, err := h.Contacts.Details(ctx, s.CitizenID)
	if err != nil {
		return err
	}
	p := pages.ContactPage{Email: contactValue(d.Email, citizens.ChannelEmail), Phone: contactValue(d.Phone, citizens.ChannelPhone),
		Channel: channel, Typed: typed, Error: errKey}
	if v, ok := d.Pending[citizens.ChannelEmail]; ok {
		p.EmailPending = &pages.ContactPending{Value: v.Value, Expired: v.Dead}
	}
	if v, ok := d.Pending[citizens.ChannelPhone]; ok {
		p.PhonePending = &pages.ContactPending{Value: citizens.LocalPhone(v.Value), Expired: v.Dead}
	}
	return c.Render(status, "", pages.Contact(p))
}

func contactValue(v citizens.Value, channel string) pages.ContactValue {
	out := pages.ContactValue{Value: v.Value, Source: v.Source, Verified: v.Verified()}
	if channel == citizens.ChannelPhone {
		out.Value = citizens.LocalPhone(v.Value)
	}
	return out
}

// contactChannel reads the channel a form names; anything else is bad input.
func contactChannel(c echo.Context, raw string) (string, error) {
	switch raw {
	case citizens.ChannelEmail, citizens.ChannelPhone:
		return raw, nil
	}
	return "", fault.New(fault.EINVALID, "error.invalid", "citizen.contactChannel")
}

// ChangeContact sends a code to a new address or number; a refused value comes back to its
// field as typed. Its route is rate-limited per citizen (web/limits.go).
func (h *Handler) ChangeContact(c echo.Context) error {
	channel, err := contactChannel(c, c.FormValue("channel"))
	if err != nil {
		return err
	}
	s, _ := h.Sessions.Current(c)
	typed := c.FormValue("value")
	if _, err := h.Contacts.RequestChange(c.Request().Context(), s.CitizenID, channel, typed); err != nil {
		if fault.Code(err) == fault.EINVALID {
			return h.renderContact(c, http.StatusUnprocessableEntity, channel, typed, fault.Message(err))
		}
		return err
	}
	h.Log.InfoContext(c.Request().Context(), "contact code sent", "citizen_id", s.CitizenID, "channel", channel)
	return c.Redirect(http.StatusSeeOther, contactPath+"/confirm?channel="+channel)
}

// ShowContactConfirm asks for the code of the pending change of a channel.
func (h *Handler) ShowContactConfirm(c echo.Context) error {
	return h.renderConfirm(c, http.StatusOK, c.QueryParam("channel"), "")
}

func (h *Handler) renderConfirm(c echo.Context, status int, channel, errKey string) error {
	channel, err := contactChannel(c, channel)
	if err != nil {
		return err
	}
	s, _ := h.Sessions.Current(c)
	d, err := h.Contacts.Details(c.Request().Context(), s.CitizenID)
	if err != nil {
		return err
	}
	p, ok := d.Pending[channel]
	if !ok {
		return h.renderContact(c, http.StatusUnprocessableEntity, channel, "", citizens.MsgCodeNone)
	}
	shown := p.Value
	if channel == citizens.ChannelPhone {
		shown = citizens.LocalPhone(p.Value)
	}
	return c.Render(status, "", pages.ContactConfirm(pages.ContactConfirmPage{Channel: channel, Value: shown, SendAgain: p.Value,
		ExpiresAt: p.ExpiresAt, Error: errKey}))
}

// ConfirmContact checks the code; a right one stores the new value, verified, and ends on the
// contact page with a success banner.
func (h *Handler) ConfirmContact(c echo.Context) error {
	channel, err := contactChannel(c, c.FormValue("channel"))
	if err != nil {
		return err
	}
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	code := strings.Join(strings.Fields(c.FormValue("code")), "")
	if err := h.Contacts.Confirm(ctx, s.CitizenID, channel, code); err != nil {
		if fault.Code(err) == fault.EINVALID {
			h.Log.InfoContext(ctx, "contact code refused", "citizen_id", s.CitizenID, "channel", channel, "reason", fault.Message(err))
			return h.renderConfirm(c, http.StatusUnprocessableEntity, channel, fault.Message(err))
		}
		return err
	}
	h.Log.InfoContext(ctx, "contact confirmed", "citizen_id", s.CitizenID, "channel", channel)
	done := i18n.MsgDoneContactEmail
	if channel == citizens.ChannelPhone {
		done = i18n.MsgDoneContactPhone
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL(contactPath, done))
}
