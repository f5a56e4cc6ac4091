package helpdesk

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/motlan/portal/services/ratelimit"
)

// Guesses counts guesses in limits every replica shares (services/ratelimit).
type Guesses interface {
	Take(ctx context.Context, r ratelimit.Rule, key string) (ratelimit.Hit, error)
	GiveBack(ctx context.Context, h ratelimit.Hit) error
}

// LockedTracker is the public status lookup with a lock per case code. Every guess of a code's
// last four digits counts until it proves right; after Rule.Limit wrong guesses within
// Rule.Window the code answers nothing, right or wrong, from any address, until the window ends:
// Track then returns a *ratelimit.Exceeded. Unknown codes count and lock alike, so the lock says
// nothing of whether a code exists. Counting first and giving a right guess back keeps guesses
// sent at once from slipping past the count. When the count cannot be kept (the database), the
// lookup goes on and the failure is logged: the lookup needs that database too.
type LockedTracker struct {
	Tracker *Service
	Guesses Guesses
	Rule    ratelimit.Rule
	Log     *slog.Logger
}

// Track is Service.Track behind the code's lock.
func (t LockedTracker) Track(ctx context.Context, code, last4 string) (Public, bool, error) {
	hit, err := t.Guesses.Take(ctx, t.Rule, strings.ToUpper(strings.TrimSpace(code)))
	if exceeded := new(ratelimit.Exceeded); errors.As(err, &exceeded) {
		return Public{}, false, err
	} else if err != nil {
		t.Log.ErrorContext(ctx, "wrong guesses not counted; lookup let through", slog.String("rule", t.Rule.Name), slog.Any("error", err))
	}
	p, found, err := t.Tracker.Track(ctx, code, last4)
	if found || err != nil { // a right guess, or none made: it does not count
		if gerr := t.Guesses.GiveBack(ctx, hit); gerr != nil {
			t.Log.WarnContext(ctx, "guess not given back", slog.String("rule", t.Rule.Name), slog.Any("error", gerr))
		}
	}
	return p, found, err
}
