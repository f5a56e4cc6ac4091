package web

import (
	"context"
	"errors"
	"sync"

	"github.com/motlan/portal/services/signin"
)

// discoverer is a sign-in service, which can read its provider's discovery document at once.
type discoverer interface {
	Discover(ctx context.Context) error
}

// checkProviders reads the identity providers' discovery documents while the portal starts, so
// an issuer configured otherwise than the provider names itself is in the log at once, with the
// exact string to set, rather than a bare "unavailable" page at the first sign-in. The portal
// serves whatever the outcome: a provider that is down is asked again at the next sign-in. The
// returned stop ends the check and waits for it.
func (a *App) checkProviders(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, p := range a.providers {
		wg.Go(func() {
			err := p.Discover(ctx)
			if mismatch, ok := errors.AsType[*signin.IssuerMismatchError](err); ok {
				a.log.Error(mismatch.Error(), "setting", mismatch.Setting, "provider_issuer", mismatch.Provider)
			} else if err != nil && ctx.Err() == nil {
				a.log.Warn("identity provider not reachable at start-up; sign-in asks it again", "error", err)
			}
		})
	}
	return func() {
		cancel()
		wg.Wait()
	}
}
