package citizens

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/citizens/internal/citizensdb"
	"github.com/motlan/portal/services/fault"
)

// A code lives CodeTTL and allows MaxCodeTries wrong guesses; then a new one must be asked for.
// How many codes may be asked for is the web layer's rate limit.
const (
	CodeTTL      = 10 * time.Minute
	MaxCodeTries = 5
)

// The messages of a refused code, keys of views/i18n (catalog_contact.go).
const (
	MsgCodeFormat  = "contact.error.code.format"
	MsgCodeWrong   = "contact.error.code.wrong"
	MsgCodeExpired = "contact.error.code.expired"
	MsgCodeLocked  = "contact.error.code.locked"
	MsgCodeNone    = "contact.error.code.none"
)

// CodeMessage is a code to send: by e-mail when Channel is ChannelEmail, by text message when it
// is ChannelPhone. Key is unique per code, so sending it is idempotent.
type CodeMessage struct {
	CitizenID int64
	Channel   string
	To        string
	Code      string
	ExpiresAt time.Time
	Key       string
}

// CodeSender queues a code in the caller's transaction (services/notify does), so a code is
// stored and sent together or not at all.
type CodeSender interface {
	SendCode(ctx context.Context, tx pgx.Tx, m CodeMessage) error
}

// Normalize checks a typed value of channel and returns it as stored.
func Normalize(channel, raw string) (string, error) {
	switch channel {
	case ChannelEmail:
		return NormalizeEmail(raw)
	case ChannelPhone:
		return NormalizePhone(raw)
	}
	return "", fault.New(fault.EINVALID, "error.invalid", "citizens.Normalize")
}

// RequestChange checks the new value of channel and sends a 6-digit code to it; the change is
// stored once the code comes back (Confirm). A new request replaces the pending one of the
// channel. It returns the stored form of the value.
func (s *Contacts) RequestChange(ctx context.Context, citizenID int64, channel, raw string) (string, error) {
	v, err := Normalize(channel, raw)
	if err != nil {
		return "", err
	}
	code, err := newCode()
	if err != nil {
		return "", fmt.Errorf("citizens: code: %w", err)
	}
	now := s.now().UTC()
	expires := now.Add(CodeTTL)
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := citizensdb.New(tx)
		if err := q.CodeUpsert(ctx, citizensdb.CodeUpsertParams{CitizenID: citizenID, Channel: channel, Value: v,
			CodeHash: s.hash(citizenID, channel, v, code), CreatedAt: now, ExpiresAt: expires}); err != nil {
			return fmt.Errorf("store code: %w", err)
		}
		return s.sender.SendCode(ctx, tx, CodeMessage{CitizenID: citizenID, Channel: channel, To: v, Code: code, ExpiresAt: expires,
			Key: "contact:" + strconv.FormatInt(citizenID, 10) + ":" + channel + ":" + strconv.FormatInt(now.UnixNano(), 10)})
	})
	if err != nil {
		return "", fmt.Errorf("citizens: request %s change of %d: %w", channel, citizenID, err)
	}
	return v, nil
}

// Confirm checks a code of the pending change of channel and, when it is right, stores the new
// value as the citizen's own, verified now, and records the change. A wrong code counts a try,
// which is kept even though Confirm returns an error.
func (s *Contacts) Confirm(ctx context.Context, citizenID int64, channel, code string) error {
	const op = "citizens.Confirm"
	if len(code) != 6 || !allDigits(code) {
		return fault.New(fault.EINVALID, MsgCodeFormat, op)
	}
	var refused error
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := citizensdb.New(tx)
		p, err := q.CodeForUpdate(ctx, citizenID, channel)
		if errors.Is(err, pgx.ErrNoRows) {
			refused = fault.New(fault.EINVALID, MsgCodeNone, op)
			return nil
		}
		if err != nil {
			return err
		}
		now := s.now().UTC()
		switch {
		case !now.Before(p.ExpiresAt):
			refused = fault.New(fault.EINVALID, MsgCodeExpired, op)
			return nil
		case p.Tries >= MaxCodeTries:
			refused = fault.New(fault.EINVALID, MsgCodeLocked, op)
			return nil
		case !hmac.Equal(p.CodeHash, s.hash(citizenID, channel, p.Value, code)):
			refused = fault.New(fault.EINVALID, MsgCodeWrong, op)
			if p.Tries+1 >= MaxCodeTries {
				refused = fault.New(fault.EINVALID, MsgCodeLocked, op)
			}
			return q.CodeTried(ctx, citizenID, channel) // committed: the try counts
		}
		cur, err := q.ContactForUpdate(ctx, citizenID)
		if err != nil {
			return err
		}
		old := value(cur.Email, cur.EmailSource, cur.EmailVerifiedAt)
		if channel == ChannelPhone {
			old = value(cur.Phone, cur.PhoneSource, cur.PhoneVerifiedAt)
		}
		if err := s.set(ctx, q, citizenID, channel, old, p.Value, SourceCitizen, &now, now); err != nil {
			return err
		}
		return q.CodeDelete(ctx, citizenID, channel)
	})
	if err != nil {
		return fmt.Errorf("citizens: confirm %s of %d: %w", channel, citizenID, err)
	}
	return refused
}

// Cancel drops the pending change of channel, if any.
func (s *Contacts) Cancel(ctx context.Context, citizenID int64, channel string) error {
	if err := citizensdb.New(s.pool).CodeDelete(ctx, citizenID, channel); err != nil {
		return fmt.Errorf("citizens: cancel %s change of %d: %w", channel, citizenID, err)
	}
	return nil
}

// hash is the stored form of a code: an HMAC over the code and what it confirms, so a code
// confirms only its own change and a copy of the table cannot be tried offline without the key.
func (s *Contacts) hash(citizenID int64, channel, v, code string) []byte {
	m := hmac.New(sha256.New, s.key)
	_, _ = fmt.Fprintf(m, "%d\x00%s\x00%s\x00%s", citizenID, channel, v, code) // a hash.Hash never fails to write
	return m.Sum(nil)
}

func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
