package citizens_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
)

// fakeSender records the codes it is asked to send; they are written in the caller's
// transaction, which it checks is open.
type fakeSender struct {
	mu   sync.Mutex
	sent []citizens.CodeMessage
}

func (f *fakeSender) SendCode(ctx context.Context, tx pgx.Tx, m citizens.CodeMessage) error {
	if _, err := tx.Exec(ctx, `SELECT 1`); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, m)
	return nil
}

func (f *fakeSender) last(t *testing.T) citizens.CodeMessage {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	require.NotEmpty(t, f.sent)
	return f.sent[len(f.sent)-1]
}

type contactBundle struct {
	pool   *pgxpool.Pool
	svc    *citizens.Contacts
	sender *fakeSender
	now    *time.Time
	id     int64
}

func setupContacts(t *testing.T) contactBundle {
	t.Helper()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	c, err := citizens.New(pool, clock).SignedIn(context.Background(), "http://idp", "sub-1", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	sender := &fakeSender{}
	return contactBundle{pool: pool, svc: citizens.NewContacts(pool, sender, []byte("test key"), clock), sender: sender, now: &now, id: c.ID}
}

// TestContactFromProvider: the provider's email and phone_number claims are stored at sign-in,
// verified when it says so; the citizen's own confirmed value wins.
func TestContactFromProvider(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setupContacts(t)

	require.NoError(t, b.svc.FromProvider(ctx, b.id, citizens.Claimed{Email: "an.nguyen@Example.VN", EmailVerified: true,
		Phone: "+84912345678", PhoneVerified: false}))
	d, err := b.svc.Details(ctx, b.id)
	require.NoError(t, err)
	require.Equal(t, "an.nguyen@example.vn", d.Email.Value)
	require.Equal(t, citizens.SourceProvider, d.Email.Source)
	require.True(t, d.Email.Verified(), "the provider verified it")
	require.Equal(t, "+84912345678", d.Phone.Value)
	require.False(t, d.Phone.Verified(), "phone_number_verified was false")
	got, err := citizens.ContactOf(ctx, b.pool, b.id)
	require.NoError(t, err)
	require.Equal(t, citizens.Contact{FullName: "Nguyễn Văn An", Email: "an.nguyen@example.vn"}, got, "only verified values")

	t.Run("SameClaimsChangeNothing", func(t *testing.T) {
		before, err := b.svc.Changes(ctx, b.id)
		require.NoError(t, err)
		require.Len(t, before, 2)
		require.NoError(t, b.svc.FromProvider(ctx, b.id, citizens.Claimed{Email: "an.nguyen@example.vn", EmailVerified: true, Phone: "0912345678"}))
		after, err := b.svc.Changes(ctx, b.id)
		require.NoError(t, err)
		require.Equal(t, before, after)
	})
	t.Run("InvalidClaimIgnored", func(t *testing.T) {
		require.NoError(t, b.svc.FromProvider(ctx, b.id, citizens.Claimed{Email: "not an address", Phone: "024 3825 1234"}))
		d, err := b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Equal(t, "an.nguyen@example.vn", d.Email.Value)
		require.Equal(t, "+84912345678", d.Phone.Value)
	})
	t.Run("CitizensOwnValueWins", func(t *testing.T) {
		_, err := b.svc.RequestChange(ctx, b.id, citizens.ChannelPhone, "0987 654 321")
		require.NoError(t, err)
		require.NoError(t, b.svc.Confirm(ctx, b.id, citizens.ChannelPhone, b.sender.last(t).Code))
		require.NoError(t, b.svc.FromProvider(ctx, b.id, citizens.Claimed{Phone: "+84912345678", PhoneVerified: true}))
		d, err := b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Equal(t, "+84987654321", d.Phone.Value)
		require.Equal(t, citizens.SourceCitizen, d.Phone.Source)
	})
}

// TestContactCode: a change is stored only when the code sent to the new value comes back, the
// code is stored hashed, expires after 10 minutes and allows 5 wrong tries.
func TestContactCode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		b := setupContacts(t)
		v, err := b.svc.RequestChange(ctx, b.id, citizens.ChannelEmail, "  an@Example.vn ")
		require.NoError(t, err)
		require.Equal(t, "an@example.vn", v)
		m := b.sender.last(t)
		require.Equal(t, citizens.ChannelEmail, m.Channel)
		require.Equal(t, "an@example.vn", m.To)
		require.Regexp(t, `^[0-9]{6}$`, m.Code)
		require.Equal(t, b.now.Add(10*time.Minute), m.ExpiresAt)

		var stored []byte
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT code_hash FROM contact_codes WHERE citizen_id = $1`, b.id).Scan(&stored))
		require.Len(t, stored, 32)
		require.NotContains(t, string(stored), m.Code, "only a hash of the code is kept")

		d, err := b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Empty(t, d.Email.Value, "nothing changes before the code comes back")
		require.Equal(t, "an@example.vn", d.Pending[citizens.ChannelEmail].Value)

		require.NoError(t, b.svc.Confirm(ctx, b.id, citizens.ChannelEmail, m.Code))
		d, err = b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Equal(t, "an@example.vn", d.Email.Value)
		require.Equal(t, citizens.SourceCitizen, d.Email.Source)
		require.True(t, d.Email.Verified())
		require.Empty(t, d.Pending)
		changes, err := b.svc.Changes(ctx, b.id)
		require.NoError(t, err)
		require.Len(t, changes, 1)
		require.True(t, changes[0].ChangedAt.Equal(*b.now))
		changes[0].ChangedAt = time.Time{}
		require.Equal(t, citizens.Change{Channel: "email", NewValue: "an@example.vn", Source: "citizen", Verified: true}, changes[0], "the change is recorded")

		err = b.svc.Confirm(ctx, b.id, citizens.ChannelEmail, m.Code)
		require.Equal(t, citizens.MsgCodeNone, fault.Message(err), "a code confirms once")
	})

	t.Run("ErrWrongCode", func(t *testing.T) {
		b := setupContacts(t)
		_, err := b.svc.RequestChange(ctx, b.id, citizens.ChannelPhone, "0912345678")
		require.NoError(t, err)
		right := b.sender.last(t).Code
		wrong := "000000"
		if right == wrong {
			wrong = "111111"
		}
		err = b.svc.Confirm(ctx, b.id, citizens.ChannelPhone, wrong)
		require.Equal(t, fault.EINVALID, fault.Code(err))
		require.Equal(t, citizens.MsgCodeWrong, fault.Message(err))
		d, err := b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Empty(t, d.Phone.Value)
		require.Equal(t, 1, d.Pending[citizens.ChannelPhone].Tries, "the wrong try is counted")
		require.Equal(t, citizens.MsgCodeFormat, fault.Message(b.svc.Confirm(ctx, b.id, citizens.ChannelPhone, "12ab")))

		require.NoError(t, b.svc.Confirm(ctx, b.id, citizens.ChannelPhone, right), "a right code after a wrong one")
	})

	t.Run("ErrExpiredCode", func(t *testing.T) {
		b := setupContacts(t)
		_, err := b.svc.RequestChange(ctx, b.id, citizens.ChannelEmail, "an@example.vn")
		require.NoError(t, err)
		code := b.sender.last(t).Code
		*b.now = b.now.Add(10 * time.Minute)
		err = b.svc.Confirm(ctx, b.id, citizens.ChannelEmail, code)
		require.Equal(t, citizens.MsgCodeExpired, fault.Message(err))
		d, err := b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Empty(t, d.Email.Value)
		require.True(t, d.Pending[citizens.ChannelEmail].Dead)

		_, err = b.svc.RequestChange(ctx, b.id, citizens.ChannelEmail, "an@example.vn")
		require.NoError(t, err)
		require.NoError(t, b.svc.Confirm(ctx, b.id, citizens.ChannelEmail, b.sender.last(t).Code), "a new code works")
	})

	t.Run("ErrTooManyTries", func(t *testing.T) {
		b := setupContacts(t)
		_, err := b.svc.RequestChange(ctx, b.id, citizens.ChannelEmail, "an@example.vn")
		require.NoError(t, err)
		right := b.sender.last(t).Code
		wrong := "000000"
		if right == wrong {
			wrong = "111111"
		}
		for i := 1; i <= citizens.MaxCodeTries; i++ {
			err := b.svc.Confirm(ctx, b.id, citizens.ChannelEmail, wrong)
			want := citizens.MsgCodeWrong
			if i == citizens.MaxCodeTries {
				want = citizens.MsgCodeLocked
			}
			require.Equal(t, want, fault.Message(err), "try %d", i)
		}
		err = b.svc.Confirm(ctx, b.id, citizens.ChannelEmail, right)
		require.Equal(t, citizens.MsgCodeLocked, fault.Message(err), "even the right code, after 5 wrong ones")
		d, err := b.svc.Details(ctx, b.id)
		require.NoError(t, err)
		require.Empty(t, d.Email.Value)
	})

	t.Run("ErrInvalidValue", func(t *testing.T) {
		b := setupContacts(t)
		for _, tc := range []struct{ channel, raw, msg string }{
			{citizens.ChannelEmail, "", citizens.MsgEmailEmpty},
			{citizens.ChannelEmail, "an@", citizens.MsgEmailInvalid},
			{citizens.ChannelEmail, "An <an@example.vn>", citizens.MsgEmailInvalid},
			{citizens.ChannelPhone, " ", citizens.MsgPhoneEmpty},
			{citizens.ChannelPhone, "0243825123", citizens.MsgPhoneInvalid},
			{citizens.ChannelPhone, "091234567", citizens.MsgPhoneInvalid},
		} {
			_, err := b.svc.RequestChange(ctx, b.id, tc.channel, tc.raw)
			require.Equal(t, fault.EINVALID, fault.Code(err), tc.raw)
			require.Equal(t, tc.msg, fault.Message(err), tc.raw)
		}
		require.Empty(t, b.sender.sent, "no code for a refused value")
	})
}

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"0912345678": "+84912345678", "0912 345 678": "+84912345678", "+84 912 345 678": "+84912345678",
		"84912345678": "+84912345678", "091.234.5678": "+84912345678", "0387-654-321": "+84387654321",
	} {
		got, err := citizens.NormalizePhone(raw)
		require.NoError(t, err, raw)
		require.Equal(t, want, got, raw)
	}
	for _, raw := range []string{"0123456789", "+1 212 555 0100", "09123456789", "abc"} {
		_, err := citizens.NormalizePhone(raw)
		require.Error(t, err, raw)
	}
	require.Equal(t, "0912 345 678", citizens.LocalPhone("+84912345678"))
}
