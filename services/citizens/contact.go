package citizens

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/citizens/internal/citizensdb"
)

// The channels a citizen is reached by outside the portal.
const (
	ChannelEmail = "email"
	ChannelPhone = "phone"
)

// Where a contact value came from.
const (
	SourceProvider = "vneid"   // the identity provider's claim (email, phone_number)
	SourceCitizen  = "citizen" // typed on the contact page and confirmed by a code
)

// Value is one contact value as stored.
type Value struct {
	Value      string // "" when there is none
	Source     string
	VerifiedAt *time.Time
}

// Verified reports whether notifications may go to the value.
func (v Value) Verified() bool { return v.Value != "" && v.VerifiedAt != nil }

// Pending is a change waiting for its code.
type Pending struct {
	Channel   string
	Value     string
	ExpiresAt time.Time
	Tries     int
	Dead      bool // expired, or out of tries: a new code must be asked for
}

// Details are a citizen's contact details and the changes waiting for a code.
type Details struct {
	Email, Phone Value
	Pending      map[string]Pending // by channel
}

// Claimed is what the identity provider asserts of a citizen's contact details.
type Claimed struct {
	Email         string
	EmailVerified bool
	Phone         string
	PhoneVerified bool
}

// Change is one recorded change of a contact value.
type Change struct {
	Channel, OldValue, NewValue, Source string
	Verified                            bool
	ChangedAt                           time.Time
}

// Contacts keeps citizens' contact details: the provider's claims at sign-in, and the changes the
// citizen confirms with a code sent by the new channel (contact_code.go). It owns the contact
// columns of citizens and the tables contact_codes and contact_changes.
type Contacts struct {
	pool   *pgxpool.Pool
	sender CodeSender
	key    []byte
	now    func() time.Time
}

// NewContacts returns the contact details store. sender queues the codes (services/notify);
// key keys the HMAC under which codes are stored, so a copy of the table does not reveal them.
func NewContacts(pool *pgxpool.Pool, sender CodeSender, key []byte, now func() time.Time) *Contacts {
	if sender == nil || len(key) == 0 {
		panic("citizens: NewContacts without a code sender or key")
	}
	if now == nil {
		now = time.Now
	}
	return &Contacts{pool: pool, sender: sender, key: key, now: now}
}

func value(v *string, source *string, at *time.Time) Value {
	out := Value{VerifiedAt: at}
	if v != nil {
		out.Value = *v
	}
	if source != nil {
		out.Source = *source
	}
	return out
}

// Details reads the citizen's contact details and pending changes.
func (s *Contacts) Details(ctx context.Context, citizenID int64) (Details, error) {
	q := citizensdb.New(s.pool)
	r, err := q.CitizenContact(ctx, citizenID)
	if err != nil {
		return Details{}, fmt.Errorf("citizens: contact details of %d: %w", citizenID, err)
	}
	d := Details{Email: value(r.Email, r.EmailSource, r.EmailVerifiedAt), Phone: value(r.Phone, r.PhoneSource, r.PhoneVerifiedAt),
		Pending: map[string]Pending{}}
	rows, err := q.CodesPending(ctx, citizenID)
	if err != nil {
		return Details{}, fmt.Errorf("citizens: pending contact of %d: %w", citizenID, err)
	}
	now := s.now()
	for _, p := range rows {
		d.Pending[p.Channel] = Pending{Channel: p.Channel, Value: p.Value, ExpiresAt: p.ExpiresAt, Tries: p.Tries,
			Dead: !now.Before(p.ExpiresAt) || p.Tries >= MaxCodeTries}
	}
	return d, nil
}

// Changes lists the recorded changes of the citizen's contact details, oldest first.
func (s *Contacts) Changes(ctx context.Context, citizenID int64) ([]Change, error) {
	rows, err := citizensdb.New(s.pool).ContactChanges(ctx, citizenID)
	if err != nil {
		return nil, fmt.Errorf("citizens: contact changes of %d: %w", citizenID, err)
	}
	out := make([]Change, len(rows))
	for i, r := range rows {
		out[i] = Change{Channel: r.Channel, OldValue: r.OldValue, NewValue: r.NewValue, Source: r.Source, Verified: r.Verified, ChangedAt: r.ChangedAt}
	}
	return out, nil
}

// FromProvider stores what the identity provider asserts at sign-in. A value the citizen
// confirmed with a code is kept: their own choice wins over the provider's. Otherwise the
// provider's value replaces the stored one, verified when the provider says so (email_verified,
// phone_number_verified). A claimed value that is not a valid address or mobile number is
// ignored.
func (s *Contacts) FromProvider(ctx context.Context, citizenID int64, c Claimed) error {
	email, errE := NormalizeEmail(c.Email)
	phone, errP := NormalizePhone(c.Phone)
	if errE != nil && errP != nil {
		return nil
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := citizensdb.New(tx)
		cur, err := q.ContactForUpdate(ctx, citizenID)
		if err != nil {
			return fmt.Errorf("citizens: provider contact of %d: %w", citizenID, err)
		}
		now := s.now().UTC()
		if errE == nil {
			old := value(cur.Email, cur.EmailSource, cur.EmailVerifiedAt)
			if err := s.claim(ctx, q, citizenID, ChannelEmail, old, email, c.EmailVerified, now); err != nil {
				return err
			}
		}
		if errP == nil {
			old := value(cur.Phone, cur.PhoneSource, cur.PhoneVerifiedAt)
			if err := s.claim(ctx, q, citizenID, ChannelPhone, old, phone, c.PhoneVerified, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Contacts) claim(ctx context.Context, q *citizensdb.Queries, id int64, channel string, old Value, claimed string, verified bool, now time.Time) error {
	if old.Source == SourceCitizen && old.Verified() {
		return nil
	}
	var at *time.Time
	if verified {
		at = &now
		if old.Value == claimed && old.VerifiedAt != nil {
			at = old.VerifiedAt
		}
	}
	if old.Value == claimed && old.Source == SourceProvider && (old.VerifiedAt == nil) == (at == nil) {
		return nil // nothing changed
	}
	return s.set(ctx, q, id, channel, old, claimed, SourceProvider, at, now)
}

// set stores a value and records the change.
func (s *Contacts) set(ctx context.Context, q *citizensdb.Queries, id int64, channel string, old Value, v, source string, at *time.Time, now time.Time) error {
	var err error
	switch channel {
	case ChannelEmail:
		err = q.EmailSet(ctx, citizensdb.EmailSetParams{Email: &v, Source: &source, VerifiedAt: at, ID: id})
	case ChannelPhone:
		err = q.PhoneSet(ctx, citizensdb.PhoneSetParams{Phone: &v, Source: &source, VerifiedAt: at, ID: id})
	default:
		err = errors.New("unknown channel")
	}
	if err == nil {
		err = q.ContactChangeInsert(ctx, citizensdb.ContactChangeInsertParams{CitizenID: id, Channel: channel, OldValue: old.Value,
			NewValue: v, Source: source, Verified: at != nil, ChangedAt: now})
	}
	if err != nil {
		return fmt.Errorf("citizens: set %s of %d: %w", channel, id, err)
	}
	return nil
}
