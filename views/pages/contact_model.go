package pages

import "time"

// ContactValue is one of a citizen's contact values as the contact page shows it.
type ContactValue struct {
	Value    string // as people write it (a phone as 0xxx xxx xxx); "" for none
	Source   string // vneid or citizen
	Verified bool
}

// ContactPending is a change waiting for its code.
type ContactPending struct {
	Value   string
	Expired bool
}

// ContactPage is the citizen's contact details with a form for each channel. Channel, Typed and
// Error carry a refused change back to its field, so nothing typed is lost.
type ContactPage struct {
	Email, Phone               ContactValue
	EmailPending, PhonePending *ContactPending
	Channel                    string // email or phone: the form that was refused
	Typed                      string
	Error                      string // i18n key
}

// ContactConfirmPage asks for the code sent to Value by Channel.
type ContactConfirmPage struct {
	Channel   string // email or phone
	Value     string // where the code went, as people write it
	SendAgain string // the stored value, posted again to send a new code
	ExpiresAt time.Time
	Error     string // i18n key
}
